package dev.pyhost.embedded;

import static dev.pyhost.embedded.TestSupport.DESCRIPTION;
import static dev.pyhost.embedded.TestSupport.PAYLOAD;
import static dev.pyhost.embedded.TestSupport.captureErr;
import static dev.pyhost.embedded.TestSupport.folder;
import static dev.pyhost.embedded.TestSupport.jar;
import static dev.pyhost.embedded.TestSupport.leftovers;
import static dev.pyhost.embedded.TestSupport.original;
import static dev.pyhost.embedded.TestSupport.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged unpacked CPython never runs: an empty or malformed manifest, a file changed in place (same size), zeroed
 * bytes in libpython are found by the next start, which unpacks again and says why. A file whose modification time
 * moved but whose content did not is recorded again, not unpacked.
 */
class CacheDamageIT {
    @TempDir
    static Path cache;
    static Path dir;
    static Path manifest;

    @BeforeAll
    static void unpack() {
        dir = folder(PAYLOAD.prepare(jar(), cache));
        manifest = dir.resolve(Manifest.NAME);
    }

    @Test
    void anEmptyManifestIsDamageAndIsRepaired() throws Exception {
        Files.write(manifest, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        assertEquals(new CacheCheck.Verdict.Broken("its manifest is empty", false), verify());
        String message = captureErr(() -> PAYLOAD.prepare(jar(), cache));
        assertTrue(message.contains("is damaged (its manifest is empty); unpacking it again"), message);
        assertInstanceOf(CacheCheck.Verdict.Intact.class, verify());
        assertEquals("ok", run(dir.resolve("bin/python3.14"), "import json; print('ok')"));
    }

    @Test
    void malformedManifestLinesAreDamageNotExceptions() throws IOException {
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        int os = indexOf(lines, "\tlib/python3.14/os.py");
        for (String bad : List.of("lib/python3.14/os.py", "F\t12345678901234567890123\t1\t00000000\t" + "0".repeat(64)
                + "\tlib/python3.14/os.py")) {
            List<String> damaged = new ArrayList<>(lines);
            damaged.set(os, bad);
            writeWithValidChecksum(damaged);
            CacheCheck.Verdict verdict = verify();
            assertEquals(new CacheCheck.Verdict.Broken("its manifest is damaged (line " + (os + 1) + ")", false),
                    verdict, bad);
        }
        String message = captureErr(() -> PAYLOAD.prepare(jar(), cache));
        assertTrue(message.contains("is damaged (its manifest is damaged (line " + (os + 1) + ")); unpacking it again"),
                message);
        assertInstanceOf(CacheCheck.Verdict.Intact.class, verify());
    }

    @Test
    void zeroedBytesInLibpythonAreFoundAndRepaired() throws Exception {
        Path lib = dir.resolve(DESCRIPTION.libpython());
        long size = Files.size(lib);
        try (FileChannel channel = FileChannel.open(lib, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(8), 0x1000);
        }
        assertEquals(size, Files.size(lib));
        String message = captureErr(() -> PAYLOAD.prepare(jar(), cache));
        assertTrue(message.contains("is damaged (libpython3.14.so.1.0 is damaged (its content changed)); unpacking it "
                + "again"), message);
        assertArrayEquals(original(DESCRIPTION.libpython()), Files.readAllBytes(lib));
        assertEquals("3.14.3", run(dir.resolve("bin/python3.14"), "import platform; print(platform.python_version())"));
    }

    @Test
    void theLoadedLibrariesAreCheckedByContentOnEveryStartNotOnlyWhenTheirStatusMoved() throws Exception {
        Manifest m = Manifest.parse(Files.readAllBytes(manifest));
        List<Manifest.Entry> entries = new ArrayList<>();
        for (Manifest.Entry e : m.entries()) {
            entries.add(e.rel().equals(DESCRIPTION.libffi())
                    ? new Manifest.Entry(e.rel(), false, e.size(), e.mtime(), e.crc32() ^ 1, e.sha256()) : e);
        }
        new Manifest(m.prefix(), entries).write(dir);
        assertEquals(new CacheCheck.Verdict.Broken("libffi.so.8 is damaged (its content changed)", false), verify());
        m.write(dir);
        assertInstanceOf(CacheCheck.Verdict.Intact.class, verify());
    }

    @Test
    void aSameSizeEditIsFoundByItsDigest() throws Exception {
        String rel = "lib/python3.14/json/__init__.py";
        Path json = dir.resolve(rel);
        Files.write(json, CacheTrustIT.sameSize(Files.readAllBytes(json), "raise SystemExit(66)\n"),
                StandardOpenOption.TRUNCATE_EXISTING);
        assertEquals(new CacheCheck.Verdict.Broken(rel + " was changed after it was unpacked", false), verify());
        String message = captureErr(() -> PAYLOAD.prepare(jar(), cache));
        assertTrue(message.contains("(" + rel + " was changed after it was unpacked); unpacking it again"), message);
        assertArrayEquals(original(rel), Files.readAllBytes(json));
    }

    @Test
    void aNewModificationTimeWithTheSameContentIsRecordedNotUnpacked() throws IOException {
        Path os = dir.resolve("lib/python3.14/os.py");
        Object inode = Files.readAttributes(manifest, "unix:ino").get("ino");
        Files.setLastModifiedTime(os, FileTime.fromMillis(Files.getLastModifiedTime(os).toMillis() - 3_600_000));
        CacheCheck.Verdict verdict = verify();
        assertInstanceOf(CacheCheck.Verdict.Refresh.class, verdict, "the modification time moved: " + verdict);
        assertEquals(1, ((CacheCheck.Verdict.Refresh) verdict).changed());
        assertEquals("", captureErr(() -> PAYLOAD.prepare(jar(), cache)), "not unpacked again");
        assertInstanceOf(CacheCheck.Verdict.Intact.class, verify(), "the new time is recorded");
        assertTrue(!inode.equals(Files.readAttributes(manifest, "unix:ino").get("ino")), "the manifest was rewritten");
        assertEquals(List.of(), leftovers(cache));

        // An owner or mode change moves no modification time: it is checked directly (CacheTrustIT).
        Files.setPosixFilePermissions(os, PosixFilePermissions.fromString("rw-r--r--"));
        assertInstanceOf(CacheCheck.Verdict.Intact.class, verify());
    }

    @Test
    void aCacheThatCannotRecordNewTimesStillStarts() throws IOException {
        Path os = dir.resolve("lib/python3.14/os.py");
        Files.setLastModifiedTime(os, FileTime.fromMillis(Files.getLastModifiedTime(os).toMillis() - 7_200_000));
        Path lock = CacheLock.file(cache, dir.getFileName().toString());
        Files.deleteIfExists(lock);
        Files.createDirectory(lock);
        try {
            assertEquals(dir, folder(PAYLOAD.prepare(jar(), cache)), "verified content is used as it is");
            assertInstanceOf(CacheCheck.Verdict.Refresh.class, verify(), "not recorded this time");
        } finally {
            Files.delete(lock);
        }
        PAYLOAD.prepare(jar(), cache);
        assertInstanceOf(CacheCheck.Verdict.Intact.class, verify());
    }

    @Test
    void aCacheCopiedElsewhereIsUnpackedAgainForItsNewPlace() throws Exception {
        Path moved = Files.createDirectory(cache.resolve("moved"));
        Path copy = moved.resolve(dir.getFileName());
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : tree.toList()) {
                Files.copy(p, copy.resolve(dir.relativize(p).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        try {
            assertEquals(new CacheCheck.Verdict.Broken("it was unpacked for " + dir, false),
                    CacheCheck.verify(copy, DESCRIPTION, CacheTrust.currentUser()));
            Path exe = PAYLOAD.prepare(jar(), moved).executable();
            assertEquals(exe.getParent().toString(),
                    run(exe, "import sysconfig; print(sysconfig.get_config_var('BINDIR'))"));
        } finally {
            Unpacker.deleteTree(moved);
        }
        assertEquals(dir, folder(PAYLOAD.prepare(jar(), cache)));
    }

    private static CacheCheck.Verdict verify() {
        return CacheCheck.verify(dir, DESCRIPTION, CacheTrust.currentUser());
    }

    private static int indexOf(List<String> lines, String suffix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith(suffix)) {
                return i;
            }
        }
        throw new AssertionError(suffix + " is not in the manifest");
    }

    /** Writes manifest lines with a header whose count and checksum fit them, so that only the lines are wrong. */
    private static void writeWithValidChecksum(List<String> lines) throws IOException {
        byte[] body = (String.join("\n", lines.subList(1, lines.size())) + "\n").getBytes(StandardCharsets.UTF_8);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body);
        String[] header = lines.getFirst().split("\t");
        String head = header[0] + "\t" + header[1] + "\t" + header[2] + "\t"
                + java.util.HexFormat.of().toHexDigits((int) crc.getValue()) + "\n";
        Files.write(manifest, (head + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }
}
