package dev.pyhost.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.pyhost.testkit.differential.InstalledPythons;
import dev.pyhost.testkit.differential.InstalledPythons.InstalledPython;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Under {@code -v}, CPython's finalization names every module it cleans up ({@code # cleanup[2] removing ...},
 * {@code # cleanup[3] wiping ...}) and every module object that dies ({@code # destroy ...}); {@code bin/pyhost}
 * prints the same lines as {@code python3} of the same version, on CPython 3.10-3.14: PyHost drops what it holds in
 * the interpreter (its bootstrap's namespace holds {@code sys}, {@code _io} and {@code posix}) after the
 * {@code atexit} callbacks and before the module cleanup. The {@code # destroy} lines are compared as a set: some
 * modules die in one garbage collection, in an order that depends on the heap (3.12 swapped two of them).
 */
class VerboseFinalizationIT {
    /** Prints the cleanup lines in order, then the destroy lines sorted; standard output is dropped. */
    private static final String LINE = "out=$(\"$0\" -v -c \"$1\" 2>&1 >/dev/null); "
            + "printf '%s\\n' \"$out\" | grep '^# cleanup'; printf '%s\\n' \"$out\" | grep '^# destroy ' | sort";

    @TestFactory
    Stream<DynamicNode> sameCleanupAndDestroyLinesAsPython() {
        return InstalledPythons.everyVersion(py -> Stream.of(
                "pass",
                "import threading",
                "import atexit, sys\natexit.register(lambda: sys.stdout.write('bye\\n'))",
                "import gc\ngc.collect()")
                .map(program -> dynamicTest(program.lines().findFirst().orElseThrow(), () -> same(py, program)))
                .toList());
    }

    private static void same(InstalledPython py, String program) {
        Child expected = SideBySide.python(py, LINE, Map.of(), null, program);
        Child got = SideBySide.pyhost(py, LINE, Map.of(), null, program);
        assertTrue(expected.stdout().contains("# destroy sys\n"), () -> "python's own lines:\n" + expected.stdout());
        assertEquals(expected.stdout(), got.stdout(), "cleanup lines, then the sorted destroy lines");
    }
}
