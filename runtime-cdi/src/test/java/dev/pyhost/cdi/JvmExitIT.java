package dev.pyhost.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One owner of JVM shutdown: when the JVM ends with the container still running, Weld SE's shutdown hook shuts the
 * container down and that finalizes Python in the extension's order; PyHost's own hook is not installed, so nothing
 * runs twice. Each case runs {@link ExitingApp} in a child JVM, since the JVM must really end.
 */
class JvmExitIT {
    @TempDir
    Path dir;

    private record Ran(int status, String stdout, String stderr) {
    }

    private Ran run(String... properties) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", cp,
                ExitingApp.class.getName()));
        cmd.addAll(List.of(properties));
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().keySet().removeIf(k -> k.startsWith("PYTHON") || k.startsWith("PYHOST"));
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child ended");
        return new Ran(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static List<String> assertExitHandlersRanOnce(Ran r) {
        assertEquals(7, r.status(), r.stderr());
        List<String> lines = r.stdout().lines().filter(l -> !l.startsWith("Weld SE container")).toList();
        assertEquals("python says 2", lines.getFirst(), r.stdout());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("exit handler ran, status 0")).count(), r.stdout());
        assertEquals(1, lines.stream().filter("exit event"::equals).count(), r.stdout());
        assertTrue(r.stdout().contains("shut down by shutdown hook"), "Weld's hook ran:\n" + r.stdout());
        return lines;
    }

    @Test
    void weldsShutdownHookFinalizesPythonInTheExtensionsOrder() throws Exception {
        Ran r = run();
        List<String> lines = assertExitHandlersRanOnce(r);
        assertEquals(List.of("python says 2", "finalizing, python answers 42"), lines.subList(0, 2),
                "observers used Python before it finalized:\n" + r.stdout());
        assertTrue(lines.indexOf("exit event") > lines.indexOf("finalizing, python answers 42"), r.stdout());
        assertFalse(r.stderr().contains("pyhost: the JVM is shutting down"), "no hook of PyHost's own:\n"
                + r.stderr());
    }

    @Test
    void withPyhostsOwnHookTurnedOnTooNothingRunsTwice() throws Exception {
        // both hooks then race (the JVM runs hooks concurrently), so only the exactly-once guarantee holds
        assertExitHandlersRanOnce(run("pyhost.on-jvm-shutdown=finalize"));
    }
}
