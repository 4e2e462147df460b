package dev.pyhost.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.pyhost.testkit.differential.InstalledPythons;
import dev.pyhost.testkit.differential.InstalledPythons.InstalledPython;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * The compiled bootstrap kept in the cache folder, through {@code bin/pyhost} with a real CPython: written by the
 * first start, read (not rewritten) by the next, compiled and written again when it is damaged or others may write
 * it, one per optimization level; a run from it behaves as a run that compiles.
 */
class CompiledBootstrapIT {
    @TempDir
    Path tmp;

    @BeforeAll
    static void build() {
        Checkout.warmLauncher();
    }

    private static InstalledPython python() {
        return InstalledPythons.forMinor(13).or(() -> InstalledPythons.installed().stream().findFirst())
                .orElseThrow(() -> new TestAbortedException("no CPython found"));
    }

    private Child pyhost(Map<String, String> extra, String... args) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("PYHOST_PYTHON", python().executable().toString());
        env.put("PYHOST_CACHE_DIR", tmp.resolve("cache").toString());
        List<String> cmd = new ArrayList<>(List.of(Checkout.launcher().toString()));
        cmd.addAll(List.of(args));
        return Child.run(cmd, env, null);
    }

    private List<Path> compiled() throws IOException {
        try (Stream<Path> files = Files.list(tmp.resolve("cache"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("bootstrap-")).sorted().toList();
        }
    }

    private static Object inode(Path p) throws IOException {
        return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    private void assertPrints(String expected) {
        Child c = pyhost(Map.of(), "-c", "print('ok')");
        assertEquals(0, c.status(), c.stderr());
        assertEquals(expected, c.stdout(), c.stderr());
        assertEquals("", c.stderr());
    }

    @Test
    void theFirstStartWritesItTheNextReadsItAndADamagedOrOpenedOneIsReplaced() throws IOException {
        assertPrints("ok\n");
        List<Path> files = compiled();
        assertEquals(1, files.size(), files.toString());
        Path file = files.getFirst();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        byte[] written = Files.readAllBytes(file);
        Object inode = inode(file);

        assertPrints("ok\n");
        assertEquals(inode, inode(file), "read, not written again");
        assertArrayEquals(written, Files.readAllBytes(file));

        byte[] damaged = written.clone();
        damaged[damaged.length - 40] ^= 0x5a;
        Files.write(file, damaged);
        assertPrints("ok\n");
        assertNotEquals(inode(file), inode, "a damaged copy is compiled and written again");
        assertFalse(java.util.Arrays.equals(damaged, Files.readAllBytes(file)));

        inode = inode(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertPrints("ok\n");
        assertNotEquals(inode(file), inode, "a copy others may write is not read but replaced");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(1, compiled().size(), compiled().toString());

        Child optimized = pyhost(Map.of(), "-O", "-c", "import sys; print(sys.flags.optimize)");
        assertEquals("1\n", optimized.stdout(), optimized.stderr());
        assertEquals(2, compiled().size(), "one per optimization level: " + compiled());
    }

    @Test
    void aRunFromTheCompiledCopyBehavesAsARunThatCompiles() {
        String[] args = {"-c", "import sys\nprint('out', sys.argv)\ndef f():\n    1/0\nf()", "x"};
        Child compiling = pyhost(Map.of("PYHOST_JAVA_OPTS", "-Dpyhost.bootstrap.cache=false"), args);
        Child first = pyhost(Map.of(), args);
        Child cached = pyhost(Map.of(), args);
        for (Child c : List.of(first, cached)) {
            assertEquals(compiling.status(), c.status());
            assertEquals(compiling.stdout(), c.stdout());
            assertEquals(compiling.stderr(), c.stderr());
        }
        assertEquals(1, compiling.status());
        assertEquals("out ['-c', 'x']\n", compiling.stdout());
    }
}
