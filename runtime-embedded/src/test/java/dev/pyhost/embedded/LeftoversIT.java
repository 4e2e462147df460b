package dev.pyhost.embedded;

import static dev.pyhost.embedded.TestSupport.PAYLOAD;
import static dev.pyhost.embedded.TestSupport.folder;
import static dev.pyhost.embedded.TestSupport.jar;
import static dev.pyhost.embedded.TestSupport.leftovers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an interrupted unpack leaves is deleted by a later start, unless it belongs to an unpack that is still
 * running: a process holds the key's lock while it unpacks, so a leftover whose lock nobody holds is stale.
 */
class LeftoversIT {
    @TempDir
    Path cache;

    @Test
    void aFirstUnpackKilledWithSigkillLeavesNothingForever() throws Exception {
        Process child;
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            cache.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            child = TestSupport.java(Map.of(), PrepareMain.class, cache.toString());
            awaitStaging(watch, child);
        }
        child.destroyForcibly();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        assertEquals(1, leftovers(cache).size(), "the killed unpack left its staging folder");

        Path dir = folder(PAYLOAD.prepare(jar(), cache));
        assertEquals(List.of(), leftovers(cache));
        assertInstanceOf(CacheCheck.Verdict.Intact.class,
                CacheCheck.verify(dir, TestSupport.DESCRIPTION, CacheTrust.currentUser()));
    }

    @Test
    void staleLeftoversGoOnTheNextStartButALiveUnpackOfAnotherProcessStays() throws Exception {
        Path dir = folder(PAYLOAD.prepare(jar(), cache));
        String key = dir.getFileName().toString();
        String other = "cpython-3.14.9-9.9.9-linux-x86_64-0123456789ab";
        Path staleRepair = Files.createDirectories(cache.resolve(Leftovers.damaged(key) + "x1").resolve("old/lib"));
        Path staleUnpack = Files.createDirectories(cache.resolve(Leftovers.staging(other) + "x2").resolve("lib"));
        Files.writeString(staleRepair.resolve("os.py"), "import sys");
        Files.writeString(staleUnpack.resolve("os.py"), "import sys");

        Process live = TestSupport.java(Map.of(), HoldLockMain.class, CacheLock.file(cache, other).toString());
        try {
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(live.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine(), "the other process holds the lock");
            assertEquals(dir, folder(PAYLOAD.prepare(jar(), cache)));
            assertFalse(Files.exists(cache.resolve(Leftovers.damaged(key) + "x1")), "nobody holds " + key);
            assertTrue(Files.isRegularFile(staleUnpack.resolve("os.py")), "the unpack of " + other + " is live");
        } finally {
            live.getOutputStream().close();
            assertTrue(live.waitFor(60, TimeUnit.SECONDS));
        }
        assertEquals(0, live.exitValue());
        assertEquals(dir, folder(PAYLOAD.prepare(jar(), cache)));
        assertEquals(List.of(), leftovers(cache), "the other process ended without finishing");
    }

    /** Waits until the child creates its staging folder (or fails the test if the child ends first). */
    private static void awaitStaging(WatchService watch, Process child) throws InterruptedException {
        while (true) {
            WatchKey key = watch.poll(1, TimeUnit.SECONDS);
            if (key == null) {
                assertTrue(child.isAlive(), "the child ended before it started unpacking");
                continue;
            }
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.context() instanceof Path p && p.toString().contains(".unpacking-")) {
                    return;
                }
            }
            key.reset();
        }
    }
}
