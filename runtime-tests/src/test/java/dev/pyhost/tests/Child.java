package dev.pyhost.tests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a process to its end and captures its output: a child JVM with the test class path, or any command. */
record Child(int status, String stdout, String stderr) {
    static Child java(Map<String, String> env, String mainClass, List<String> args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", cp, mainClass));
        cmd.addAll(args);
        return run(cmd, env, null);
    }

    static Child run(List<String> cmd, Map<String, String> env, Path cwd) {
        try {
            Path out = Files.createTempFile("pyhost-child", ".out");
            Path err = Files.createTempFile("pyhost-child", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                pb.environment().keySet().removeIf(k -> k.startsWith("PYTHON") || k.startsWith("PYHOST"));
                pb.environment().putAll(env);
                if (cwd != null) {
                    pb.directory(cwd.toFile());
                }
                Process p = pb.start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("timed out: " + cmd);
                }
                return new Child(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Parses {@code key<TAB>value} lines. */
    Map<String, String> table() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                m.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        if (m.isEmpty()) {
            throw new AssertionError("no report; status " + status + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
        }
        return m;
    }
}
