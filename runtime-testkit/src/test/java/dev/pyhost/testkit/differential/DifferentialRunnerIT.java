package dev.pyhost.testkit.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The differential helpers with real CPythons: a candidate that is python itself passes every case, on every
 * installed version; candidates that differ are caught with a readable account; corpora are read strictly.
 */
class DifferentialRunnerIT {
    /** A candidate that runs the reference python it is given, as a launcher that reads PYHOST_PYTHON does. */
    private static final DifferentialRunner ITSELF = DifferentialRunner.of(
            List.of("/bin/sh", "-c", "exec \"$REFERENCE_PYTHON\" \"$@\"", "candidate"),
            python -> Map.of("REFERENCE_PYTHON", python.toString()));

    private static final String CORPUS = """
            [
              {"id": "exit-status", "argv": ["-c", "import sys; print(sys.argv); sys.exit(3)", "a b"]},
              {"id": "script-and-traceback", "argv": ["{tmp}/s.py"],
               "files": {"s.py": "import helper\\nprint(helper.NAME, __file__)\\n1/0\\n", "helper.py": "NAME = 'h'"}},
              {"id": "stdin-and-env", "argv": ["-"], "stdin": "import os\\nprint(os.environ['CASE_VALUE'])",
               "env": {"CASE_VALUE": "{tmp}"}},
              {"id": "zip-and-link", "argv": ["{tmp}/link.zip"], "zips": {"app.zip": {"__main__.py": "print('zip')"}},
               "symlinks": {"link.zip": "app.zip"}},
              {"id": "address", "argv": ["-c", "print(object())"], "compare": ["rc", "stdout"]},
              {"id": "stderr-tail", "argv": ["-c", "import warnings; warnings.warn('w'); raise SystemExit('bye')"],
               "compare": ["rc", "stderr_tail"]},
              {"id": "known", "argv": ["-c", "pass"], "pyhost_skip": "differs on purpose", "pyhost_skip_versions": ["3.99"]}
            ]
            """;

    private static Path python;

    @BeforeAll
    static void findPython() {
        Optional<InstalledPythons.InstalledPython> any = InstalledPythons.installed().stream().findFirst();
        Assumptions.assumeTrue(any.isPresent(), "no CPython here: " + InstalledPythons.searchedLocations());
        python = any.get().executable();
    }

    @TestFactory
    Stream<DynamicNode> pythonIsItselfOnEveryInstalledVersion() {
        List<ConformanceCase> cases = ConformanceCase.parse(CORPUS);
        List<DynamicNode> nodes = ITSELF.dynamicTests(cases).toList();
        assertEquals(List.of("3.10", "3.11", "3.12", "3.13", "3.14"), nodes.stream()
                .map(n -> n.getDisplayName().replaceAll("CPython (3\\.\\d+).*", "$1")).toList());
        assertTrue(nodes.stream().allMatch(DynamicContainer.class::isInstance));
        return nodes.stream();
    }

    @Test
    void aVirtualEnvironmentIsMadeWithTheReferencePython() {
        ConformanceCase c = ConformanceCase.parse("""
                [{"id": "venv", "venv": "env", "argv": ["-c", "import sys; print(sys.prefix != sys.base_prefix)"]}]
                """).getFirst();
        DifferentialRunner.Comparison same = ITSELF.run(c, python);
        assertTrue(same.same(), same::report);
        assertEquals("True\n", same.reference().stdoutText(), "the reference is the venv's python");
    }

    @Test
    void aCandidateThatPrintsSomethingElseIsCaughtWithADiff() {
        DifferentialRunner optimized = DifferentialRunner.of(List.of(python.toString(), "-O"), p -> Map.of());
        DifferentialRunner.Comparison c = optimized.run(ConformanceCase.of("debug", "-c",
                "print('same'); print(__debug__); print('end')"), python);
        assertFalse(c.same());
        String report = c.report();
        assertTrue(report.contains("case debug: the candidate differs from " + python), report);
        assertTrue(report.contains("  stdout differs:\n    --- python\n    +++ candidate\n    @@ -1,4 +1,4 @@\n"
                + "     same\n    -True\n    +False\n     end"), report);
        assertFalse(report.contains("exit status: expected"), report);
    }

    @Test
    void aCandidateThatExitsOtherwiseIsCaught() {
        DifferentialRunner failing = DifferentialRunner.of(List.of(python.toString(), "-c",
                "import sys; sys.exit(5)"), p -> Map.of());
        DifferentialRunner.Comparison c = failing.run(ConformanceCase.of("status", "-c", "pass"), python);
        assertEquals(List.of("  exit status: expected 0, got 5"), c.differences());
        AssertionError e = assertThrows(AssertionError.class,
                () -> failing.assertSame(ConformanceCase.of("status", "-c", "pass"), python));
        assertTrue(e.getMessage().contains("exit statuses: python 0, candidate 5"), e.getMessage());
    }

    @Test
    void differencesOnlyInLineEndsAreShownQuoted() {
        DifferentialRunner crlf = DifferentialRunner.of(List.of(python.toString(), "-c",
                "import sys; sys.stdout.buffer.write(b'a\\r\\n')"), p -> Map.of());
        DifferentialRunner.Comparison c = crlf.run(ConformanceCase.of("ends", "-c",
                "import sys; sys.stdout.buffer.write(b'a\\n')"), python);
        assertEquals(1, c.differences().size(), c.report());
        assertTrue(c.differences().getFirst().contains("-a\n    +a\r"), c.report());
    }

    @Test
    void corporaAreReadStrictly() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ConformanceCase.parse("[{\"id\": \"x\", \"argv\": [], \"stdn\": \"typo\"}]"));
        assertTrue(unknown.getMessage().contains("stdn"), unknown.getMessage());
        IllegalArgumentException noArgv = assertThrows(IllegalArgumentException.class,
                () -> ConformanceCase.parse("[{\"id\": \"x\"}]"));
        assertTrue(noArgv.getMessage().contains("argv"), noArgv.getMessage());
        IllegalArgumentException compare = assertThrows(IllegalArgumentException.class,
                () -> ConformanceCase.parse("[{\"id\": \"x\", \"argv\": [], \"compare\": [\"stdout_tail\"]}]"));
        assertTrue(compare.getMessage().contains("stdout_tail"), compare.getMessage());
        ConformanceCase known = ConformanceCase.parse(CORPUS).getLast();
        assertEquals(Optional.of("differs on purpose"), known.skippedOn("3.99"));
        assertEquals(Optional.empty(), known.skippedOn("3.13"));
        assertEquals(ConformanceCase.DEFAULT_COMPARE, ConformanceCase.parse(CORPUS).getFirst().compare());
    }
}
