package dev.pyhost.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Indentation, the history file format and location, and the completion word. */
class HelpersTest {
    @TempDir
    Path dir;

    @Test
    void indentationFollowsPyrepl() {
        assertEquals("    ", Indentation.next("def f():"));
        assertEquals("        ", Indentation.next("    for x in y:   # loop"));
        assertEquals("    ", Indentation.next("    x = 1"));
        assertEquals("", Indentation.next("x = {"));
        assertTrue(Indentation.endsWithColon("if a: # b: c"));
        assertFalse(Indentation.endsWithColon("d = {1: 2}"));
        assertFalse(Indentation.endsWithColon("# if:"));
    }

    @Test
    void theHistoryFileRoundTripsMultiLineEntriesAsCPython313WritesThem() {
        HistoryFile file = new HistoryFile(dir.resolve("h"));
        file.append("6 * 7");
        file.append("def f():\n    return '\\\\n'");
        file.append("x = 'é'");
        assertEquals(List.of("6 * 7", "def f():\n    return '\\\\n'", "x = 'é'"), file.load());
        assertEquals("def f():\r\n    return 1\n", HistoryFile.format("def f():\n    return 1"));
        assertEquals(List.of("a", "b\nc"), HistoryFile.parse("a\n\nb\r\nc\n"));
    }

    @Test
    void aMissingHistoryFileIsEmptyAndAnUnwritableOneIsIgnored() throws Exception {
        assertEquals(List.of(), new HistoryFile(dir.resolve("none")).load());
        Files.createDirectory(dir.resolve("d"));
        new HistoryFile(dir.resolve("d")).append("x");
    }

    @Test
    void theHistoryFileIsFoundAsSiteFindsIt() {
        assertEquals(Path.of("/h/.python_history"), HistoryFile.locate(Map.of("HOME", "/h"), true));
        assertEquals(Path.of("/h/hist"), HistoryFile.locate(Map.of("HOME", "/h", "PYTHON_HISTORY", "~/hist"), true));
        assertEquals(Path.of("/h/.python_history"),
                HistoryFile.locate(Map.of("HOME", "/h", "PYTHON_HISTORY", "/x"), false));
    }

    @Test
    void theCompletionWordUsesReadlinesDelimitersButKeepsDots() {
        String line = "print(collections.OrderedD";
        assertEquals("collections.OrderedD", line.substring(PythonParser.wordStart(line, line.length())));
        assertEquals(0, PythonParser.wordStart("abc", 3));
    }
}
