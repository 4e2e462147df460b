package dev.pyhost.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/** What the cache tests share: the payload, running the unpacked python and child JVMs, capturing stderr. */
final class TestSupport {
    static final EmbeddedCPython PAYLOAD = EmbeddedCPython.payload();
    static final Payload DESCRIPTION = Payload.load();

    private TestSupport() {
    }

    /** {@return the payload jar of the test class path} */
    static Path jar() {
        return PAYLOAD.jar()
                .orElseThrow(() -> new AssertionError(PAYLOAD.artifact() + " is not on the test class path"));
    }

    /** {@return the unpacked folder of an installation} */
    static Path folder(dev.pyhost.api.PythonInstallation python) {
        return python.executable().getParent().getParent();
    }

    /** {@return the jar's content of an unpacked file} */
    static byte[] original(String rel) throws IOException {
        try (ZipFile zip = new ZipFile(jar().toFile())) {
            return zip.getInputStream(zip.getEntry(DESCRIPTION.entryPrefix() + rel)).readAllBytes();
        }
    }

    /** {@return the user {@code nobody}, to own files in the ownership tests} */
    static UserPrincipal nobody() throws IOException {
        return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    }

    /** {@return whether this process runs as root (only root can give files away)} */
    static boolean root() {
        return CacheTrust.currentUser().uid() == 0;
    }

    /**
     * Runs the unpacked python in isolated mode.
     *
     * @param exe the executable
     * @param code the program
     * @return its output, stripped
     */
    static String run(Path exe, String code) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(exe.toString(), "-I", "-c", code).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.strip();
    }

    /**
     * Starts a child JVM on the test class path.
     *
     * @param env variables to set (a {@code null} value removes one)
     * @param main the main class
     * @param args its arguments
     * @return the process, with stderr merged into stdout
     */
    static Process java(Map<String, String> env, Class<?> main, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-cp", cp, main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        return pb.start();
    }

    /**
     * Waits for a child JVM.
     *
     * @param p the process
     * @return its exit status and output
     */
    static Map.Entry<Integer, String> finish(Process p) throws IOException, InterruptedException {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), out);
        return Map.entry(p.exitValue(), out);
    }

    /** {@return the names in a folder that an interrupted unpack or repair leaves} */
    static List<String> leftovers(Path root) throws IOException {
        try (Stream<Path> list = Files.list(root)) {
            return list.map(p -> p.getFileName().toString())
                    .filter(n -> n.contains(".unpacking-") || n.contains(".damaged-")).sorted().toList();
        }
    }

    /**
     * Runs an action with {@code System.err} captured.
     *
     * @param r the action
     * @return what it printed there
     */
    static String captureErr(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
