package dev.pyhost.tests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.pyhost.testkit.differential.InstalledPythons;
import dev.pyhost.testkit.differential.InstalledPythons.InstalledPython;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit handlers and signals with real CPython 3.10-3.14: order against Python's {@code atexit}, a throwing
 * handler, a handler touching the interpreter, {@code SIGINT} and {@code SIGTERM} sent to a running
 * {@code bin/pyhost}, {@code System.exit} from another Java thread, and a handler discovered from a jar of its own.
 */
class ExitAndSignalsIT {
    @TempDir
    static Path tmp;

    /** Sends a signal to a child once it printed "ready", as a user would; prints the child's status as Python sees it. */
    private static final String DRIVER = """
            import os, signal, subprocess, sys, time
            sig = getattr(signal, sys.argv[1])
            # the child starts with SIGINT at its default action, as from a terminal: a background job of a
            # non-interactive shell (a CI runner) would hand it down ignored, and python itself would not end
            p = subprocess.Popen(sys.argv[2:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                 preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
            line = p.stdout.readline()
            time.sleep(0.3)
            p.send_signal(sig)
            out, err = p.communicate(timeout=60)
            sys.stdout.write('ready=%r rc=%d\\n' % (line.strip().decode(), p.returncode))
            sys.stdout.write(err.decode())
            """;

    @TestFactory
    Stream<DynamicNode> everyVersion() {
        return InstalledPythons.everyVersion(py -> List.of(
                dynamicTest("exit handlers after Python atexit", () -> order(py)),
                dynamicTest("SIGINT while Python runs", () -> sigint(py)),
                dynamicTest("SIGTERM runs the handlers and dies by SIGTERM", () -> sigterm(py)),
                dynamicTest("System.exit from another thread while Python is busy", () -> systemExit(py, true)),
                dynamicTest("System.exit from another thread while Python is idle", () -> systemExit(py, false))));
    }

    private static void order(InstalledPython py) {
        Child c = Child.java(Map.of(), ProbeMain.class.getName(), List.of(py.executable().toString(), "atexit"));
        List<String> lines = c.stdout().lines().toList();
        assertEquals(List.of("body", "python last registered", "python first registered",
                "java toucher data=C status=5 outcome=Exited interpreter=This Python runtime is finalized; its "
                        + "interpreter can no longer be used",
                "java boom data=B status=5 outcome=Exited", "java first data=A status=5 outcome=Exited", "status 5"),
                lines, c.stderr());
        assertTrue(c.stderr().contains("Exception ignored in exit handler 'boom':\njava.lang.IllegalStateException: "
                + "boom on purpose"), c.stderr());
        assertEquals(0, c.status(), "the probe ends normally after printing the status");
    }

    private static Child drive(InstalledPython py, String signal, Map<String, String> env, String... command) {
        List<String> cmd = new java.util.ArrayList<>(List.of(py.executable().toString(), "-c", DRIVER, signal));
        cmd.addAll(List.of(command));
        return Child.run(cmd, env, null);
    }

    private static void sigint(InstalledPython py) {
        // A busy loop: a signal that the kernel delivers to another JVM thread trips CPython's handler at once, but
        // a blocking call on the interpreter's thread (time.sleep) only sees it when it returns (see README, Signals).
        String code = "print('ready', flush=True)\nwhile True:\n    pass";
        Child expected = drive(py, "SIGINT", Map.of(), py.executable().toString(), "-c", code);
        Child got = drive(py, "SIGINT", Map.of("PYHOST_PYTHON", py.executable().toString()),
                Checkout.launcher().toString(), "-c", code);
        assertTrue(expected.stdout().startsWith("ready='ready' rc=-2\n"), expected.stdout());
        assertEquals(expected.stdout(), got.stdout(), "KeyboardInterrupt traceback, then death by SIGINT");
    }

    private static void sigterm(InstalledPython py) throws IOException {
        Path log = Files.createTempFile(tmp, "exit", ".log");
        String testClasses = Path.of(RecordingExitHandler.class.getProtectionDomain().getCodeSource().getLocation()
                .getPath()).toString();
        String code = "import atexit, time\natexit.register(print, 'python atexit')\nprint('ready', flush=True)\n"
                + "time.sleep(60)";
        Child expected = drive(py, "SIGTERM", Map.of(), py.executable().toString(), "-c", code);
        Child got = drive(py, "SIGTERM", Map.of("PYHOST_PYTHON", py.executable().toString(), "PYHOST_CLASSPATH",
                testClasses, "PYHOST_TEST_EXIT_LOG", log.toString()), Checkout.launcher().toString(), "-c", code);
        assertEquals("ready='ready' rc=-15\n", expected.stdout());
        assertEquals(expected.stdout(), got.stdout(), "no Python finalization, death by SIGTERM");
        assertEquals("recording status=143 killed=false outcome=none\n", Files.readString(log, StandardCharsets.UTF_8),
                "the discovered handler ran");
    }

    private static void systemExit(InstalledPython py, boolean busy) {
        Child c = Child.java(Map.of(), ProbeMain.class.getName(),
                List.of(py.executable().toString(), "system-exit", "0", busy ? "busy" : "idle"));
        assertEquals(9, c.status(), c.stderr());
        List<String> lines = c.stdout().lines().toList();
        if (busy) {
            assertAll(() -> assertEquals(List.of("python running", "java calls System.exit(9)",
                            "java on-exit data=S status=0 outcome=none"), lines, c.stderr()),
                    () -> assertTrue(c.stderr().contains("Python did not finalize within 2000 ms (Python code is still "
                            + "running); running the exit handlers without it"), c.stderr()));
        } else {
            assertEquals(List.of("java calls System.exit(9)", "python atexit", "java on-exit data=S status=0 outcome=none"),
                    lines, c.stderr());
            assertFalse(c.stderr().contains("did not finalize"), c.stderr());
        }
    }
}
