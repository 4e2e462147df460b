package dev.pyhost.repl;

import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * Splits a line for completion as GNU readline does with Python's completer delimiters; never asks JLine for
 * more lines (Python, not JLine, decides when a statement is complete), never escapes or quotes.
 */
final class PythonParser implements Parser {
    /** {@code readline.get_completer_delims()} as CPython sets it. */
    static final String DELIMITERS = " \t\n`~!@#$%^&*()-=+[{]}\\|;:'\",<>/?";

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        int start = wordStart(line, cursor);
        return new Parsed(line, cursor, line.substring(start, cursor));
    }

    /**
     * The start of the word that ends at the cursor.
     *
     * @param line the line
     * @param cursor the cursor
     * @return the index of the first character of the word
     */
    static int wordStart(String line, int cursor) {
        int start = Math.min(cursor, line.length());
        while (start > 0 && DELIMITERS.indexOf(line.charAt(start - 1)) < 0) {
            start--;
        }
        return start;
    }

    @Override
    public boolean isEscapeChar(char ch) {
        return false;
    }

    private record Parsed(String line, int cursor, String word) implements CompletingParsedLine {
        @Override
        public int wordCursor() {
            return word.length();
        }

        @Override
        public int wordIndex() {
            return 0;
        }

        @Override
        public List<String> words() {
            return List.of(word);
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return word.length();
        }

        @Override
        public int rawWordLength() {
            return word.length();
        }
    }
}
