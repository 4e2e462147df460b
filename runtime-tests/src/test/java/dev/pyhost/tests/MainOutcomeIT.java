package dev.pyhost.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.pyhost.testkit.differential.InstalledPythons;
import dev.pyhost.testkit.differential.InstalledPythons.InstalledPython;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The outcome of a main run with real CPython 3.10-3.14, as an exit handler receives it: an uncaught exception or
 * {@code KeyboardInterrupt} carries the traceback text the run printed, and formatting it leaves
 * {@code sys.modules} as {@code python}'s (3.10-3.12 print without the {@code traceback} module, and so does any
 * version with a custom {@code sys.excepthook}).
 */
class MainOutcomeIT {
    private static final String ATEXIT_PROBE = "import atexit, sys\n"
            + "atexit.register(lambda: print('traceback imported:', 'traceback' in sys.modules, flush=True))\n";

    @TestFactory
    Stream<DynamicNode> everyVersion() {
        return InstalledPythons.everyVersion(py -> List.of(
                dynamicTest("an uncaught exception carries the printed traceback", () -> raised(py)),
                dynamicTest("KeyboardInterrupt carries the printed traceback", () -> interrupted(py)),
                dynamicTest("a custom excepthook: the default text, nothing imported", () -> customHook(py))));
    }

    private static Child probe(InstalledPython py, String command) {
        return Child.java(Map.of(), OutcomeProbe.class.getName(), List.of(py.executable().toString(), command));
    }

    private static void raised(InstalledPython py) {
        int minor = py.version().minor();
        Child c = probe(py, ATEXIT_PROBE + "def fail():\n    raise ValueError('boom')\nfail()\n");
        assertEquals("traceback imported: " + (minor >= 13 ? "True" : "False") + "\noutcome Raised\n"
                + "type ValueError\n<<<\n" + c.stderr() + ">>>\nstatus 1\n", c.stdout(), c.stderr());
        assertEquals(minor >= 13 ? """
                Traceback (most recent call last):
                  File "<string>", line 5, in <module>
                    fail()
                    ~~~~^^
                  File "<string>", line 4, in fail
                    raise ValueError('boom')
                ValueError: boom
                """ : """
                Traceback (most recent call last):
                  File "<string>", line 5, in <module>
                  File "<string>", line 4, in fail
                ValueError: boom
                """, c.stderr());
    }

    private static void interrupted(InstalledPython py) {
        int minor = py.version().minor();
        Child c = probe(py, ATEXIT_PROBE + "raise KeyboardInterrupt\n");
        assertEquals("traceback imported: " + (minor >= 13 ? "True" : "False") + "\noutcome Interrupted\n"
                + "type KeyboardInterrupt\n<<<\n" + c.stderr() + ">>>\nstatus 130 (SIGINT)\n", c.stdout(), c.stderr());
        assertEquals(minor >= 13 ? "line 3, in <module>\n    raise KeyboardInterrupt\nKeyboardInterrupt\n"
                : "line 3, in <module>\nKeyboardInterrupt\n", c.stderr().substring(c.stderr().indexOf("line 3")));
    }

    private static void customHook(InstalledPython py) {
        Child c = probe(py, ATEXIT_PROBE + "sys.excepthook = lambda t, v, tb: print('hook saw', t.__name__)\n"
                + "raise ValueError('quiet')\n");
        assertEquals("", c.stderr());
        assertEquals("hook saw ValueError\ntraceback imported: False\noutcome Raised\ntype ValueError\n<<<\n"
                + "Traceback (most recent call last):\n  File \"<string>\", line 4, in <module>\n"
                + (py.version().minor() >= 13 ? "    raise ValueError('quiet')\n" : "")
                + "ValueError: quiet\n>>>\nstatus 1\n", c.stdout());
    }
}
