package dev.pyhost.cpython;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiled bootstrap's file: its format, its name, and the trust rule it is read and written by (no CPython). */
class CompiledBootstrapTest {
    private static final byte[] KEY = key("0|5|3.14.3 (main) [GCC]", "import sys\n");
    private static final byte[] CODE = "marshalled code".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path tmp;

    private static byte[] key(String cpython, String source) {
        return (cpython + "\n" + source).getBytes(StandardCharsets.UTF_8);
    }

    private static int uid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    private Path folder() throws IOException {
        Path f = Files.createDirectory(tmp.resolve("cache"));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx------"));
        return f;
    }

    @Test
    void aFileGivesBackItsCodeForItsOwnKeyOnly() {
        byte[] content = CompiledBootstrap.encode(KEY, CODE);
        assertArrayEquals(CODE, CompiledBootstrap.decode(content, KEY));
        assertNull(CompiledBootstrap.decode(content, key("0|5|3.14.3 (main) [GCC]", "import os\n")), "another source");
        assertNull(CompiledBootstrap.decode(content, key("1|5|3.14.3 (main) [GCC]", "import sys\n")), "-O");
        assertNull(CompiledBootstrap.decode(content, key("0|5|3.14.2 (main) [GCC]", "import sys\n")), "another build");
    }

    @Test
    void aDamagedOrTruncatedFileGivesNothing() {
        byte[] content = CompiledBootstrap.encode(KEY, CODE);
        byte[] flipped = content.clone();
        flipped[flipped.length - 3] ^= 0x10;
        assertNull(CompiledBootstrap.decode(flipped, KEY), "a changed byte of the code");
        for (int n : new int[] {0, 10, content.length / 2, content.length - 1}) {
            assertNull(CompiledBootstrap.decode(Arrays.copyOf(content, n), KEY), "truncated to " + n);
        }
        byte[] longer = Arrays.copyOf(content, content.length + 1);
        assertNull(CompiledBootstrap.decode(longer, KEY), "a byte appended");
        byte[] magic = content.clone();
        magic[0] = 'p';
        assertNull(CompiledBootstrap.decode(magic, KEY), "another format");
    }

    @Test
    void theNameSeparatesCPythonsAndSources() {
        String name = CompiledBootstrap.name(KEY);
        assertTrue(name.matches("bootstrap-[0-9a-f]+-[0-9a-f]+\\.code"), name);
        String otherSource = CompiledBootstrap.name(key("0|5|3.14.3 (main) [GCC]", "import os\n"));
        String otherCPython = CompiledBootstrap.name(key("2|5|3.14.3 (main) [GCC]", "import sys\n"));
        assertEquals(name.substring(0, name.lastIndexOf('-')), otherSource.substring(0, otherSource.lastIndexOf('-')));
        assertNotEquals(name, otherSource);
        assertNotEquals(name.substring(0, name.lastIndexOf('-')), otherCPython.substring(0, otherCPython.lastIndexOf('-')));
    }

    @Test
    void theFolderIsTheEmbeddedCachesFolder() {
        Map<String, String> props = Map.of("user.home", "/home/u", "pyhost.cache.dir", "/p");
        String name = CompiledBootstrap.name(KEY);
        assertEquals(Path.of("/c/d", name), CompiledBootstrap.cacheFile(Map.of("PYHOST_CACHE_DIR", "/c/d",
                "XDG_CACHE_HOME", "/x"), props::get, KEY).orElseThrow());
        assertEquals(Path.of("/p", name), CompiledBootstrap.cacheFile(Map.of("XDG_CACHE_HOME", "/x"), props::get, KEY)
                .orElseThrow());
        assertEquals(Path.of("/x/pyhost", name), CompiledBootstrap.cacheFile(Map.of("XDG_CACHE_HOME", "/x"),
                Map.of("user.home", "/home/u")::get, KEY).orElseThrow());
        assertEquals(Path.of("/home/u/.cache/pyhost", name), CompiledBootstrap.cacheFile(Map.of(),
                Map.of("user.home", "/home/u")::get, KEY).orElseThrow());
    }

    @Test
    void aWrittenFileIsPrivateAndReadBackAndReplacesTheFileOfAnEarlierSource() throws IOException {
        Path folder = folder();
        byte[] earlier = key("0|5|3.14.3 (main) [GCC]", "import os\n");
        Path old = folder.resolve(CompiledBootstrap.name(earlier));
        CompiledBootstrap.write(old, earlier, CODE, uid());
        assertArrayEquals(CODE, CompiledBootstrap.read(old, earlier, uid()));
        Path other = folder.resolve(CompiledBootstrap.name(key("1|5|3.14.3 (main) [GCC]", "import os\n")));
        CompiledBootstrap.write(other, key("1|5|3.14.3 (main) [GCC]", "import os\n"), CODE, uid());

        Path file = folder.resolve(CompiledBootstrap.name(KEY));
        CompiledBootstrap.write(file, KEY, CODE, uid());
        assertArrayEquals(CODE, CompiledBootstrap.read(file, KEY, uid()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (Stream<Path> left = Files.list(folder)) {
            assertEquals(List.of(file.getFileName().toString(), other.getFileName().toString()).stream().sorted()
                    .toList(), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the earlier source's file is gone, the other optimization level's kept, no temporary file left");
        }
    }

    @Test
    void aTemporaryFileAKilledWriterLeftIsDeletedByTheNextWriteButAFreshOneIsNot() throws IOException {
        Path folder = folder();
        Path stale = Files.writeString(folder.resolve(".bootstrap-123.tmp"), "half");
        Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis()
                - CompiledBootstrap.STALE_MILLIS - 60_000));
        Path fresh = Files.writeString(folder.resolve(".bootstrap-456.tmp"), "being written");
        CompiledBootstrap.write(folder.resolve(CompiledBootstrap.name(KEY)), KEY, CODE, uid());
        assertTrue(Files.notExists(stale), "stale");
        assertTrue(Files.exists(fresh), "another writer's, still in use");
    }

    @Test
    void aFileOthersMayWriteOrThatIsALinkIsNotRead() throws IOException {
        Path folder = folder();
        Path file = folder.resolve(CompiledBootstrap.name(KEY));
        CompiledBootstrap.write(file, KEY, CODE, uid());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        assertNull(CompiledBootstrap.read(file, KEY, uid()), "group-writable");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw----r--"));
        assertArrayEquals(CODE, CompiledBootstrap.read(file, KEY, uid()), "readable by others is fine");
        if (uid() == 0) {
            Files.setAttribute(file, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);
            assertNull(CompiledBootstrap.read(file, KEY, 0), "owned by another user (not root)");
            Files.setAttribute(file, "unix:uid", 0, LinkOption.NOFOLLOW_LINKS);
        } else {
            assertNull(CompiledBootstrap.read(file, KEY, uid() + 1), "owned by another user (not root)");
        }

        Path real = Files.move(file, folder.resolve("elsewhere"));
        Files.createSymbolicLink(file, real);
        assertNull(CompiledBootstrap.read(file, KEY, uid()), "a symbolic link");
    }

    @Test
    void aFolderOthersMayWriteIsNeitherReadNorWrittenButAStickyOneAboveIsFine() throws IOException {
        Path folder = folder();
        Path file = folder.resolve(CompiledBootstrap.name(KEY));
        CompiledBootstrap.write(file, KEY, CODE, uid());
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertNull(CompiledBootstrap.read(file, KEY, uid()));
        Files.delete(file);
        CompiledBootstrap.write(file, KEY, CODE, uid());
        assertTrue(Files.notExists(file, LinkOption.NOFOLLOW_LINKS), "nothing written in a folder others may write");

        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        Files.setAttribute(tmp, "unix:mode", 01777);
        CompiledBootstrap.write(file, KEY, CODE, uid());
        assertArrayEquals(CODE, CompiledBootstrap.read(file, KEY, uid()), "below a sticky folder, as /tmp");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertNull(CompiledBootstrap.read(file, KEY, uid()), "below a folder anyone may rename things in");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void aMissingFolderIsCreatedOnlyBelowATrustedOne() throws IOException {
        Path folder = folder();
        Path file = folder.resolve("a/b").resolve(CompiledBootstrap.name(KEY));
        CompiledBootstrap.write(file, KEY, CODE, uid());
        assertArrayEquals(CODE, CompiledBootstrap.read(file, KEY, uid()));

        Path open = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path below = open.resolve("cache").resolve(CompiledBootstrap.name(KEY));
        CompiledBootstrap.write(below, KEY, CODE, uid());
        assertTrue(Files.notExists(below.getParent()), "no folder created below one others may write");
    }
}
