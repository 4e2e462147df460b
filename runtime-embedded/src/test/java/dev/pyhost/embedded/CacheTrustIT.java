package dev.pyhost.embedded;

import static dev.pyhost.embedded.TestSupport.PAYLOAD;
import static dev.pyhost.embedded.TestSupport.captureErr;
import static dev.pyhost.embedded.TestSupport.folder;
import static dev.pyhost.embedded.TestSupport.jar;
import static dev.pyhost.embedded.TestSupport.nobody;
import static dev.pyhost.embedded.TestSupport.original;
import static dev.pyhost.embedded.TestSupport.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pyhost.api.ProviderException;
import dev.pyhost.api.PythonInstallation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache is trusted only when it belongs to the current user or root and nobody else may write to it: what
 * another user could have changed is unpacked again, a cache folder another user controls is refused. The
 * ownership cases give files to {@code nobody}, which needs root.
 */
class CacheTrustIT {
    @TempDir
    static Path base;
    static Path cache;
    static Path dir;

    @BeforeAll
    static void unpack() throws IOException {
        cache = Files.createDirectory(base.resolve("cache"));
        dir = folder(PAYLOAD.prepare(jar(), cache));
    }

    @Test
    void aSameSizeRewriteByAnotherUserIsNotRunButUnpackedAgain() throws Exception {
        assumeTrue(TestSupport.root(), "giving a file to nobody needs root");
        String rel = "lib/python3.14/json/__init__.py";
        Path json = dir.resolve(rel);
        byte[] planted = sameSize(Files.readAllBytes(json), "raise SystemExit('planted by nobody')\n");
        Files.write(json, planted, StandardOpenOption.TRUNCATE_EXISTING);
        Files.setOwner(json, nobody());

        String message = captureErr(() -> PAYLOAD.prepare(jar(), cache));
        assertTrue(message.contains("is not trusted (" + rel + " is owned by uid 65534, not by you (uid 0) or root)"
                + "; unpacking it again"), message);
        assertArrayEquals(original(rel), Files.readAllBytes(json));
        assertEquals("root", Files.getOwner(json).getName());
        assertEquals("ok", run(dir.resolve("bin/python3.14"), "import json; print('ok')"));
    }

    @Test
    void aFileOrFolderOthersMayWriteIsUnpackedAgain() throws IOException {
        Path os = dir.resolve("lib/python3.14/os.py");
        Files.setPosixFilePermissions(os, PosixFilePermissions.fromString("rw-rw-r--"));
        String message = captureErr(() -> PAYLOAD.prepare(jar(), cache));
        assertTrue(message.contains("not trusted (lib/python3.14/os.py is writable by group or others (rw-rw-r--))"),
                message);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(os)));

        // A folder others may write lets them add a module (a sitecustomize.py...) that the manifest never lists.
        Path stdlib = dir.resolve("lib/python3.14");
        Files.setPosixFilePermissions(stdlib, PosixFilePermissions.fromString("rwxrwxrwx"));
        message = captureErr(() -> PAYLOAD.prepare(jar(), cache));
        assertTrue(message.contains("not trusted (lib/python3.14 is writable by group or others (rwxrwxrwx))"),
                message);
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(stdlib)));
    }

    @Test
    void aCacheFolderOwnedByAnotherUserIsRefused() throws IOException {
        assumeTrue(TestSupport.root(), "giving a folder to nobody needs root");
        UserPrincipal owner = Files.getOwner(cache);
        Files.setOwner(cache, nobody());
        try {
            ProviderException e = assertThrows(ProviderException.class, () -> PAYLOAD.prepare(jar(), cache));
            assertTrue(e.getMessage().contains("Refusing to run the embedded CPython from " + cache + ": the cache "
                    + "folder " + cache + " is owned by nobody (uid 65534), not by you (uid 0) or root"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("PYHOST_CACHE_DIR"), e.getMessage());
        } finally {
            Files.setOwner(cache, owner);
        }
        assertEquals(dir.resolve("bin/python3.14"), PAYLOAD.prepare(jar(), cache).executable());
    }

    @Test
    void aCacheFolderOthersMayWriteIsRefusedButAStickyFolderAboveItIsNot() throws IOException {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(base));
        try {
            Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
            ProviderException e = assertThrows(ProviderException.class, () -> PAYLOAD.prepare(jar(), cache));
            assertTrue(e.getMessage().contains("the cache folder " + cache + " is writable by group or others "
                    + "(rwxrwxrwx)"), e.getMessage());
            Files.setAttribute(cache, "unix:mode", 01777);
            e = assertThrows(ProviderException.class, () -> PAYLOAD.prepare(jar(), cache));
            assertTrue(e.getMessage().contains("(rwxrwxrwt)"), "the sticky bit does not make the cache folder "
                    + "itself safe: others could plant a key folder in it: " + e.getMessage());
            Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxr-xr-x"));

            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxrwxrwx"));
            e = assertThrows(ProviderException.class, () -> PAYLOAD.prepare(jar(), cache));
            assertTrue(e.getMessage().contains(base + " (a folder above the cache folder " + cache + ") is writable "
                    + "by group or others (rwxrwxrwx)"), e.getMessage());
            Files.setAttribute(base, "unix:mode", 01777);
            PythonInstallation python = PAYLOAD.prepare(jar(), cache);
            assertEquals(dir, folder(python), "a sticky folder above, like /tmp, lets nobody rename the cache");
        } finally {
            Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString(mode));
        }
    }

    @Test
    void aFolderNotYetCreatedIsCheckedThroughItsParentsAndCreatedSafely() throws IOException {
        Path fresh = base.resolve("made/by/pyhost");
        CacheTrust trust = CacheTrust.currentUser();
        assertEquals(java.util.Optional.empty(), trust.folderProblem(fresh));
        EmbeddedCache.createFolder(fresh);
        assertFalse(FileStat.of(fresh).orElseThrow().writableByOthers());
        assertFalse(FileStat.of(fresh.getParent()).orElseThrow().writableByOthers());
        Path link = Files.createSymbolicLink(base.resolve("link"), fresh);
        Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("rwxrwxr-x"));
        assertTrue(trust.folderProblem(link).orElseThrow().contains("the cache folder " + fresh + " is writable"),
                "a symbolic link is checked where it leads");
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void aRememberedKeyFromAnotherUserIsNotBelieved() throws IOException {
        assumeTrue(TestSupport.root(), "giving a file to nobody needs root");
        Path ref = cache.resolve("cpython-" + TestSupport.DESCRIPTION.version() + "-linux-x86_64-v" + CacheKey.FORMAT
                + ".ref");
        String remembered = Files.readString(ref);
        String key = dir.getFileName().toString();
        Files.writeString(ref, remembered.replace(key, key.substring(0, key.length() - 12) + "000000000000"));
        Files.setOwner(ref, nobody());
        assertEquals(dir, folder(PAYLOAD.prepare(jar(), cache)));
        assertEquals(remembered, Files.readString(ref, StandardCharsets.UTF_8));
        assertEquals("root", Files.getOwner(ref).getName());
    }

    /** Valid Python of the same size as {@code content}: {@code start}, then the old lines as comments. */
    static byte[] sameSize(byte[] content, String start) {
        byte[] planted = content.clone();
        byte[] code = start.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(code, 0, planted, 0, code.length);
        for (int i = code.length; i < planted.length; i++) {
            planted[i] = planted[i] == '\n' ? (byte) '\n' : (byte) '#';
        }
        return planted;
    }
}
