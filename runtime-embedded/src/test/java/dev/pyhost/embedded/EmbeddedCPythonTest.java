package dev.pyhost.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.ProviderException;
import dev.pyhost.api.PythonInstallation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded CPython cache: first unpack, cheap reuse, repair, failures, races and platforms. */
class EmbeddedCPythonTest {
    private static EmbeddedCPython payload;
    private static Path jar;

    @TempDir
    Path cache;

    @BeforeAll
    static void payload() {
        payload = EmbeddedCPython.payload();
        jar = payload.jar().orElseThrow(() -> new AssertionError(payload.artifact() + " is not on the test class path"));
    }

    private static String run(Path exe, String code) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(exe.toString(), "-I", "-c", code).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.strip();
    }

    @Test
    void firstUseUnpacksARunnablePythonWithFixedBuildPaths() throws Exception {
        PythonInstallation python = payload.prepare(jar, cache);
        assertEquals("3.14", python.version().feature());
        assertTrue(Files.isExecutable(python.executable()), "exec bit restored");
        assertTrue(Files.isRegularFile(python.libpython()));
        assertEquals("3.14.3", run(python.executable(), "import platform; print(platform.python_version())"));
        String bindir = run(python.executable(), "import sysconfig; print(sysconfig.get_config_var('BINDIR'))");
        assertTrue(bindir.startsWith(python.executable().getParent().getParent().toRealPath().toString())
                || bindir.startsWith(cache.toString()), "sysconfig sees the real location: " + bindir);
        assertFalse(Files.exists(python.executable().getParent().resolve("../lib/python3.14/test")), "tests not unpacked");
        try (Stream<Path> left = Files.list(cache)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().contains(".unpacking-")).toList());
        }
    }

    @Test
    void laterStartsReuseTheCacheAndRepairDamage() throws IOException {
        PythonInstallation first = payload.prepare(jar, cache);
        Path dir = first.executable().getParent().getParent().normalize();
        long stamp = Files.getLastModifiedTime(dir.resolve(".pyhost-manifest")).toMillis();
        assertEquals(first, payload.prepare(jar, cache));
        assertEquals(stamp, Files.getLastModifiedTime(dir.resolve(".pyhost-manifest")).toMillis(), "not unpacked again");

        Path os = dir.resolve("lib/python3.14/os.py");
        Files.delete(os);
        assertEquals("lib/python3.14/os.py is missing", EmbeddedCPython.verify(dir).orElseThrow());
        String message = captureErr(() -> payload.prepare(jar, cache));
        assertTrue(message.contains("is damaged (lib/python3.14/os.py is missing); unpacking it again"), message);
        assertTrue(Files.isRegularFile(os));

        Files.write(dir.resolve("libpython3.14.so.1.0"), new byte[10], StandardOpenOption.TRUNCATE_EXISTING);
        message = captureErr(() -> payload.prepare(jar, cache));
        assertTrue(message.contains("libpython3.14.so.1.0 is truncated or changed"), message);
        assertEquals(EmbeddedCPython.verify(dir), java.util.Optional.empty());
    }

    @Test
    void anUnwritableCacheGetsAClearMessageAndLeavesNothingBehind() throws IOException {
        Path file = Files.writeString(cache.resolve("a-file"), "not a folder");
        ProviderException e = assertThrows(ProviderException.class, () -> payload.prepare(jar, file.resolve("cache")));
        assertTrue(e.getMessage().contains("Cannot prepare the embedded CPython in " + file.resolve("cache")), e.getMessage());
        assertTrue(e.getMessage().contains("PYHOST_CACHE_DIR"), e.getMessage());
        try (Stream<Path> left = Files.list(cache)) {
            assertEquals(List.of(file), left.toList());
        }
    }

    @Test
    void concurrentFirstStartsUnpackOnceAndAllSucceed() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<Process> racers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            racers.add(new ProcessBuilder(java, "-cp", cp, PrepareMain.class.getName(), cache.toString())
                    .redirectErrorStream(true).start());
        }
        List<String> outputs = new ArrayList<>();
        for (Process p : racers) {
            outputs.add(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), outputs.getLast());
        }
        assertEquals(1, outputs.stream().distinct().count(), outputs.toString());
        try (Stream<Path> dirs = Files.list(cache)) {
            List<String> names = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList();
            assertEquals(1, names.size(), names.toString());
        }
    }

    @Test
    void aPayloadForAnotherPlatformIsRefusedWithTheReason() {
        assertEquals(java.util.Optional.empty(), payload.platformMismatch("Linux", "amd64"));
        String mac = payload.platformMismatch("Mac OS X", "aarch64").orElseThrow();
        assertTrue(mac.contains("built for linux-x86_64") && mac.contains("macosx-arm64"), mac);
        String arm = payload.platformMismatch("Linux", "aarch64").orElseThrow();
        assertTrue(arm.contains("PYHOST_PYTHON"), arm);
    }

    @Test
    void theCacheFolderFollowsTheDocumentedOrder() {
        assertEquals(Path.of("/x/c"), EmbeddedCPython.cacheRoot(Map.of("PYHOST_CACHE_DIR", "/x/c", "XDG_CACHE_HOME", "/y")));
        assertEquals(Path.of("/y/pyhost"), EmbeddedCPython.cacheRoot(Map.of("XDG_CACHE_HOME", "/y")));
        assertEquals(Path.of(System.getProperty("user.home"), ".cache", "pyhost"), EmbeddedCPython.cacheRoot(Map.of()));
    }

    private static String captureErr(Runnable r) {
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
