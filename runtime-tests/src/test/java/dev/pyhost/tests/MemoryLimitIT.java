package dev.pyhost.tests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.testkit.differential.InstalledPythons;
import dev.pyhost.testkit.differential.InstalledPythons.InstalledPython;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Under an address-space limit ({@code ulimit -v}), {@code bin/pyhost} sizes its JVM to the limit, so that a
 * Python program that exhausts memory meets {@code MemoryError} as it does under {@code python3}, instead of the
 * JVM failing to start or crashing; the JVM's own messages go to stderr, never into the program's output.
 */
class MemoryLimitIT {
    /** The scenario of the report: appending 10 MB byte arrays until memory runs out, then going on. */
    private static final String EXHAUST = """
            chunks = []
            try:
                while True:
                    chunks.append(bytearray(10**7))
            except MemoryError:
                n = len(chunks)
                del chunks
                print('MemoryError after some chunks:', n > 0)
            print('still running:', sum(range(10**6)))
            """;

    private static InstalledPython newest() {
        List<InstalledPython> all = InstalledPythons.installed();
        if (all.isEmpty()) {
            throw new org.opentest4j.TestAbortedException("no CPython found");
        }
        return all.getLast();
    }

    @ParameterizedTest(name = "ulimit -v {0}")
    @ValueSource(ints = {4_000_000, 2_000_000, 1_000_000, 500_000})
    void pythonMeetsMemoryErrorAndGoesOn(int kilobytes) {
        InstalledPython py = newest();
        String line = "ulimit -v " + kilobytes + " && exec \"$0\" -c \"$1\"";
        Child expected = SideBySide.python(py, line, Map.of(), null, EXHAUST);
        assertEquals("MemoryError after some chunks: True\nstill running: 499999500000\n", expected.stdout(),
                expected.stderr());
        SideBySide.assertSame(expected, SideBySide.pyhost(py, line, Map.of(), null, EXHAUST));
    }

    @Test
    void anUncaughtMemoryErrorIsPythonsTraceback() {
        InstalledPython py = newest();
        String line = "ulimit -v 1000000 && exec \"$0\" -c 'x = [bytearray(10**7) for i in range(1000)]'";
        Child expected = SideBySide.python(py, line, Map.of(), null);
        assertTrue(expected.stderr().endsWith("MemoryError\n"), expected.stderr());
        SideBySide.assertSame(expected, SideBySide.pyhost(py, line, Map.of(), null));
    }

    @Test
    void aLimitTooSmallForTheJvmIsOneMessage() {
        Child c = SideBySide.pyhost(newest(), "ulimit -v 300000 && exec \"$0\" -c 'print(1)'", Map.of(), null);
        assertAll(() -> assertEquals(1, c.status()), () -> assertEquals("", c.stdout()),
                () -> assertEquals(1, c.stderr().lines().count(), c.stderr()),
                () -> assertTrue(c.stderr().startsWith("pyhost: the address-space limit (ulimit -v 300000) is too "
                        + "small for PyHost"), c.stderr()));
    }

    @Test
    void theJvmsOwnMessagesGoToStandardError() {
        InstalledPython py = newest();
        // a JVM that cannot start: "Error occurred during initialization of VM" and the reason
        Child failed = SideBySide.pyhost(py, "exec \"$0\" -c 'print(1)'", Map.of("PYHOST_JAVA_OPTS", "-Xms64m -Xmx32m"),
                null);
        assertAll(() -> assertEquals(1, failed.status()), () -> assertEquals("", failed.stdout()),
                () -> assertTrue(failed.stderr().startsWith("Error occurred during initialization of VM"),
                        failed.stderr()));
        // a warning of the JVM's unified logging
        Child warned = SideBySide.pyhost(py, "exec \"$0\" -c 'print(1)'",
                Map.of("PYHOST_JAVA_OPTS", "-XX:CompressedClassSpaceSize=20m"), null);
        assertAll(() -> assertEquals(0, warned.status()), () -> assertEquals("1\n", warned.stdout()),
                () -> assertTrue(warned.stderr().contains("CompressedClassSpaceSize adjusted"), warned.stderr()));
    }
}
