package dev.pyhost.embedded;

import static dev.pyhost.embedded.TestSupport.PAYLOAD;
import static dev.pyhost.embedded.TestSupport.captureErr;
import static dev.pyhost.embedded.TestSupport.finish;
import static dev.pyhost.embedded.TestSupport.folder;
import static dev.pyhost.embedded.TestSupport.jar;
import static dev.pyhost.embedded.TestSupport.leftovers;
import static dev.pyhost.embedded.TestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.ProviderException;
import dev.pyhost.api.PythonInstallation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded CPython cache: first unpack, cheap reuse, repair, failures, races, platforms, the cache folder. */
class EmbeddedCPythonIT {
    @TempDir
    Path cache;

    @Test
    void firstUseUnpacksARunnablePythonWithFixedBuildPathsAndSafeModes() throws Exception {
        PythonInstallation python = PAYLOAD.prepare(jar(), cache);
        assertEquals("3.14", python.version().feature());
        assertTrue(Files.isExecutable(python.executable()), "exec bit restored");
        assertTrue(Files.isRegularFile(python.libpython()));
        assertEquals("3.14.3", run(python.executable(), "import platform; print(platform.python_version())"));
        String bindir = run(python.executable(), "import sysconfig; print(sysconfig.get_config_var('BINDIR'))");
        assertEquals(python.executable().getParent().toString(), bindir, "sysconfig sees the real location");
        assertFalse(Files.exists(folder(python).resolve("lib/python3.14/test")), "tests not unpacked");
        assertEquals(List.of(), leftovers(cache));
        try (Stream<Path> tree = Files.walk(folder(python))) {
            for (Path p : tree.toList()) {
                FileStat stat = FileStat.of(p).orElseThrow();
                assertFalse(stat.writableByOthers(), p + " " + stat.permissions());
                assertFalse(stat.isSymbolicLink(), p.toString());
            }
        }
        assertInstanceOf(CacheCheck.Verdict.Intact.class, verify(folder(python)));
    }

    @Test
    void laterStartsReuseTheCacheAndRepairDamage() throws IOException {
        PythonInstallation first = PAYLOAD.prepare(jar(), cache);
        Path dir = folder(first);
        Path manifest = dir.resolve(Manifest.NAME);
        long stamp = Files.getLastModifiedTime(manifest).toMillis();
        Object inode = Files.readAttributes(manifest, "unix:ino").get("ino");
        assertEquals(first, PAYLOAD.prepare(jar(), cache));
        assertEquals(inode, Files.readAttributes(manifest, "unix:ino").get("ino"), "not unpacked again");
        assertEquals(stamp, Files.getLastModifiedTime(manifest).toMillis(), "not unpacked again");

        Path os = dir.resolve("lib/python3.14/os.py");
        Files.delete(os);
        assertEquals(new CacheCheck.Verdict.Broken("lib/python3.14/os.py is missing", false), verify(dir));
        String message = captureErr(() -> PAYLOAD.prepare(jar(), cache));
        assertTrue(message.contains("is damaged (lib/python3.14/os.py is missing); unpacking it again"), message);
        assertTrue(Files.isRegularFile(os));

        Files.write(dir.resolve("libpython3.14.so.1.0"), new byte[10], StandardOpenOption.TRUNCATE_EXISTING);
        message = captureErr(() -> PAYLOAD.prepare(jar(), cache));
        assertTrue(message.contains("libpython3.14.so.1.0 is truncated or changed"), message);
        assertInstanceOf(CacheCheck.Verdict.Intact.class, verify(dir));
        assertEquals(List.of(), leftovers(cache), "the damaged folder is deleted after the repair");
    }

    @Test
    void anUnwritableCacheGetsAClearMessageAndLeavesNothingBehind() throws IOException {
        Path file = Files.writeString(cache.resolve("a-file"), "not a folder");
        ProviderException e = assertThrows(ProviderException.class, () -> PAYLOAD.prepare(jar(), file.resolve("cache")));
        assertTrue(e.getMessage().contains("Cannot prepare the embedded CPython in " + file.resolve("cache")), e.getMessage());
        assertTrue(e.getMessage().contains("PYHOST_CACHE_DIR"), e.getMessage());
        try (Stream<Path> left = Files.list(cache)) {
            assertEquals(List.of(file), left.toList());
        }
    }

    @Test
    void concurrentFirstStartsUnpackOnceAndAllSucceed() throws Exception {
        List<Process> racers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            racers.add(TestSupport.java(Map.of(), PrepareMain.class, cache.toString()));
        }
        List<String> outputs = new ArrayList<>();
        for (Process p : racers) {
            Map.Entry<Integer, String> done = finish(p);
            assertEquals(0, done.getKey(), done.getValue());
            outputs.add(done.getValue());
        }
        assertEquals(1, outputs.stream().distinct().count(), outputs.toString());
        assertFalse(outputs.getFirst().contains("unpacking it again"), outputs.toString());
        try (Stream<Path> dirs = Files.list(cache)) {
            List<String> names = dirs.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString()).toList();
            assertEquals(1, names.size(), names.toString());
        }
    }

    @Test
    void aPayloadForAnotherPlatformIsRefusedWithTheReason() {
        assertEquals(Optional.empty(), PAYLOAD.platformMismatch("Linux", "amd64"));
        String mac = PAYLOAD.platformMismatch("Mac OS X", "aarch64").orElseThrow();
        assertTrue(mac.contains("built for linux-x86_64") && mac.contains("macosx-arm64"), mac);
        String arm = PAYLOAD.platformMismatch("Linux", "aarch64").orElseThrow();
        assertTrue(arm.contains("PYHOST_PYTHON"), arm);
    }

    @Test
    void theCacheFolderFollowsTheDocumentedOrder() {
        assertEquals(Path.of("/x/c"), EmbeddedCPython.cacheRoot(Map.of("PYHOST_CACHE_DIR", "/x/c", "XDG_CACHE_HOME", "/y")));
        assertEquals(Path.of("/y/pyhost"), EmbeddedCPython.cacheRoot(Map.of("XDG_CACHE_HOME", "/y")));
        assertEquals(Path.of(System.getProperty("user.home"), ".cache", "pyhost"), EmbeddedCPython.cacheRoot(Map.of()));
        assertEquals(Path.of("/p/q"), CacheLocation.root(Map.of("XDG_CACHE_HOME", "/y"),
                name -> name.equals("pyhost.cache.dir") ? "/p/q" : System.getProperty(name)));
    }

    private static CacheCheck.Verdict verify(Path dir) {
        return CacheCheck.verify(dir, TestSupport.DESCRIPTION, CacheTrust.currentUser());
    }
}
