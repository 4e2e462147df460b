package dev.pyhost.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.pyhost.testkit.differential.InstalledPythons;
import dev.pyhost.testkit.differential.InstalledPythons.InstalledPython;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 1: Python's {@code faulthandler} and the JVM's own use of {@code SIGSEGV} coexist under signal
 * chaining ({@code libjsig}), and a native fault ends {@code bin/pyhost} quietly by the signal. How each fault ends
 * compared with {@code python} is in the conformance cases ({@code fault-*}); this class holds the stress runs
 * and the checks on files.
 */
class NativeFaultsIT {
    /** Allocation-heavy Python on three threads, under {@code -X faulthandler}. */
    private static final String CHURN = """
            import threading
            def churn():
                for _ in range(150):
                    [bytearray(64) for _ in range(2000)]
            threads = [threading.Thread(target=churn) for _ in range(3)]
            for t in threads: t.start()
            for t in threads: t.join()
            import faulthandler; print(faulthandler.is_enabled())
            """;

    private static Path libjsig() {
        return Path.of(System.getProperty("java.home"), "lib", "libjsig.so");
    }

    /**
     * An embedding with {@code faulthandler.enable()} and Java code that throws {@code NullPointerException} from
     * compiled code (which the JVM implements with {@code SIGSEGV}): with {@code libjsig} preloaded, as the README
     * advises, it runs to its end. Without it, the same probe dies at once by "Fatal Python error: Segmentation
     * fault" (checked by hand; not asserted, since it is a crash).
     *
     * @return one test per installed CPython
     */
    @TestFactory
    Stream<DynamicNode> embeddingWithFaulthandlerAndLibjsig() {
        return InstalledPythons.everyVersion(py -> List.of(dynamicTest("faulthandler.enable() and Java NPEs",
                () -> embedding(py))));
    }

    private static void embedding(InstalledPython py) {
        Child c = Child.java(Map.of("LD_PRELOAD", libjsig().toString()), FaultHandlerProbe.class.getName(),
                List.of(py.executable().toString(), "20"));
        assertEquals(0, c.status(), c.stdout() + c.stderr());
        Map<String, String> t = c.table();
        assertEquals("true", t.get("enabled"), t.toString());
        assertEquals("true", t.get("npes"), t.toString());
        assertEquals("true", t.get("done"), t.toString());
    }

    /**
     * {@code bin/pyhost -X faulthandler} with an allocation-heavy program, many times: the JVM keeps its
     * {@code SIGSEGV} handler (a run flaked once with a JVM crash in the fuzz test before libjsig).
     */
    @Test
    void launcherWithFaulthandlerManyTimes() {
        for (int run = 0; run < 8; run++) {
            Child c = Child.run(List.of(Checkout.launcher().toString(), "-X", "faulthandler", "-c", CHURN), Map.of(),
                    null);
            assertEquals(0, c.status(), "run " + run + ":\n" + c.stdout() + c.stderr());
            assertEquals("True\n", c.stdout(), c.stderr());
            assertEquals("", c.stderr());
        }
    }

    /**
     * A native fault leaves no crash file, neither in the working directory nor in the temporary folder, prints
     * nothing on stdout, and ends by {@code SIGSEGV} (139 as a shell shows it).
     *
     * @param dir the working directory and {@code TMPDIR}
     * @throws IOException if the directory cannot be listed
     */
    @Test
    void faultLeavesNoFiles(@TempDir Path dir) throws IOException {
        Child c = Child.run(List.of(Checkout.launcher().toString(), "-c", "import ctypes; ctypes.string_at(0)"),
                Map.of("TMPDIR", dir.toString()), dir);
        assertEquals(139, c.status(), c.stdout() + c.stderr());
        assertEquals("", c.stdout());
        assertEquals("", c.stderr());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }

    /**
     * The moved {@code LD_PRELOAD} is the program's own again: absent when it was, kept as it was otherwise (the
     * program's library still preloaded); a {@code bin/pyhost} started by the program gets its chaining again.
     */
    @Test
    void preloadIsHiddenFromTheProgram() {
        String code = "import os, subprocess, sys\nprint(os.environ.get('LD_PRELOAD'))\n"
                + "print(any(k.startswith('PYHOST_SAVED') for k in os.environ))\n"
                + "r = subprocess.run([sys.argv[1], '-c', 'import ctypes; ctypes.string_at(0)'])\nprint(r.returncode)";
        String launcher = Checkout.launcher().toString();
        Child unset = Child.run(List.of(launcher, "-c", code, launcher), Map.of(), null);
        assertEquals("None\nFalse\n-11\n", unset.stdout(), unset.stderr());
        Child empty = Child.run(List.of(launcher, "-c", code, launcher), Map.of("LD_PRELOAD", ""), null);
        assertEquals("\nFalse\n-11\n", empty.stdout(), empty.stderr());
        assertTrue(empty.stderr().isEmpty(), empty.stderr());
    }
}
