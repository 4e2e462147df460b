package dev.pyhost.testkit.differential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Child processes with a real CPython: statuses as Python reports them, exact bytes, signals, time limits. */
class ChildProcessIT {
    private static Path python;

    @BeforeAll
    static void findPython() {
        Optional<InstalledPythons.InstalledPython> any = InstalledPythons.installed().stream().findFirst();
        Assumptions.assumeTrue(any.isPresent(), "no CPython here: " + InstalledPythons.searchedLocations());
        python = any.get().executable();
    }

    private static ChildProcess.Result py(String code, byte[] stdin, ChildEnvironment env, Path cwd) {
        return ChildProcess.run(List.of(python.toString(), "-I", "-c", code), cwd, env, stdin, Duration.ofSeconds(60));
    }

    @Test
    void exitStatusOutputAndInputAreExact(@TempDir Path dir) throws java.io.IOException {
        ChildProcess.Result r = py("import os, sys\nsys.stdout.buffer.write(sys.stdin.buffer.read()[::-1])\n"
                + "sys.stderr.write(os.getcwd())\nsys.exit(3)", new byte[] {1, 2, (byte) 0xff}, ChildEnvironment.clean(),
                dir);
        assertEquals(3, r.status());
        assertArrayEquals(new byte[] {(byte) 0xff, 2, 1}, r.stdout());
        assertEquals(dir.toRealPath().toString(), r.stderrText());
        assertFalse(r.timedOut());
        assertEquals(Optional.empty(), r.signal());
    }

    @Test
    void aDeathBySignalIsMinusTheSignal() {
        ChildProcess.Result r = py("import os, signal; os.kill(os.getpid(), signal.SIGTERM)", null,
                ChildEnvironment.clean(), Path.of(""));
        assertEquals(-15, r.status(), "ProcessBuilder would say 143, as for exit(143)");
        assertEquals(Optional.of(15), r.signal());
        assertEquals(143, py("raise SystemExit(143)", null, ChildEnvironment.clean(), Path.of("")).status());
    }

    @Test
    void theChildStartsWithNoSignalBlockedOrIgnoredAndNoInputWhenNoneIsGiven() {
        // grep, not python: CPython itself ignores SIGPIPE and SIGXFSZ at start-up; the JVM ignores them too
        ChildProcess.Result r = ChildProcess.run(List.of("grep", "-E", "^Sig(Blk|Ign):", "/proc/self/status"),
                Path.of(""), ChildEnvironment.clean(), null, Duration.ofSeconds(30));
        assertEquals(0, r.status(), r.stderrText());
        List<String> lines = r.stdoutText().lines().toList();
        assertEquals("SigBlk:\t0000000000000000", lines.get(0));
        long ignored = Long.parseUnsignedLong(lines.get(1).substring("SigIgn:\t".length()), 16);
        assertEquals(0, ignored & ((1L << 12) | (1L << 24)), "SIGPIPE (13) and SIGXFSZ (25) at default: " + lines);
        assertEquals("''\n", py("import sys; print(repr(sys.stdin.read()))", null, ChildEnvironment.clean(),
                Path.of("")).stdoutText(), "standard input is /dev/null");
    }

    @Test
    void theEnvironmentIsGivenByteForByte() {
        ChildEnvironment env = ChildEnvironment.empty().with("PYHOST_TEST_VALUE", "h\u00e9 \u2713").with("LANG",
                "C.UTF-8");
        ChildProcess.Result r = py("import os; print(sorted(os.environb.items()))", null, env, Path.of(""));
        assertEquals("[(b'LANG', b'C.UTF-8'), (b'PYHOST_TEST_VALUE', b'h\\xc3\\xa9 \\xe2\\x9c\\x93')]\n", r.stdoutText());
        assertEquals(Optional.of("h\u00e9 \u2713"), env.get("PYHOST_TEST_VALUE"));
        assertTrue(ChildEnvironment.clean().get("LANG").isPresent());
        assertTrue(ChildEnvironment.clean().entries().stream()
                .noneMatch(e -> new String(e, StandardCharsets.ISO_8859_1).startsWith("PYTHON")));
        assertThrows(IllegalArgumentException.class, () -> env.with("A=B", "x"));
    }

    @Test
    void aChildThatOverrunsItsTimeIsKilled() {
        long start = System.nanoTime();
        ChildProcess.Result r = ChildProcess.run(List.of(python.toString(), "-c",
                "import sys, time\nprint('started', flush=True)\ntime.sleep(60)"), Path.of(""), ChildEnvironment.clean(),
                null, Duration.ofSeconds(10));
        assertTrue(r.timedOut());
        assertEquals(-9, r.status());
        assertEquals("started\n", r.stdoutText(), "what it wrote until then is kept");
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(40).toNanos());
    }

    @Test
    void aProgramThatCannotStartIsReported() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ChildProcess.run(
                List.of("/nonexistent/program"), Path.of(""), ChildEnvironment.clean(), null, Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("/nonexistent/program"), e.getMessage());
    }
}
