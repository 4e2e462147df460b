package dev.pyhost.cpython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.NativeAccessException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The C API bindings against a real libpython that lacks the newer functions: a pyenv CPython 3.10 to 3.12,
 * loaded but never initialized (this test JVM may hold one libpython only, and nothing else here loads one).
 * Skipped when no such CPython is installed.
 */
class LibPythonIT {
    private static Path libpython;
    private static LibPython lib;

    @BeforeAll
    static void load() throws IOException {
        Optional<Path> found = olderLibpython();
        Assumptions.assumeTrue(found.isPresent(), "no pyenv CPython 3.10-3.12 with a shared libpython");
        libpython = found.orElseThrow();
        lib = LibPython.load(libpython, List.of());
    }

    private static Optional<Path> olderLibpython() throws IOException {
        String root = Optional.ofNullable(System.getenv("PYENV_ROOT"))
                .orElse(System.getProperty("user.home") + "/.pyenv");
        Path versions = Path.of(root, "versions");
        if (!Files.isDirectory(versions)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(versions)) {
            return dirs.sorted(Comparator.reverseOrder())
                    .flatMap(d -> Stream.of("3.12", "3.11", "3.10")
                            .map(minor -> d.resolve("lib/libpython" + minor + ".so.1.0")))
                    .filter(Files::isRegularFile)
                    .findFirst();
        }
    }

    @Test
    void loadsOnceAndBindsTheCommonApi() {
        assertSame(lib, LibPython.load(libpython, List.of()), "the same path is the same library");
        assertSame(lib, LibPython.loaded());
        assertEquals(3, lib.version().major());
        assertTrue(lib.version().minor() >= 10 && lib.version().minor() <= 12, lib.version().toString());
        assertEquals(0, CApi.Py_IsInitialized(), "loaded, not initialized");
        assertNotEquals(0, CApi.Py_None().address());
        assertEquals(lib.symbol("_Py_NoneStruct").address(), CApi.Py_None().address());
    }

    @Test
    void aSecondLibpythonIsRefused() throws IOException {
        Path other = Files.createTempFile("libpython-other", ".so");
        try {
            NativeAccessException e = assertThrows(NativeAccessException.class,
                    () -> LibPython.load(other, List.of()));
            assertTrue(e.getMessage().contains("cannot be loaded twice"), e.getMessage());
        } finally {
            Files.delete(other);
        }
    }

    /**
     * A function of a newer CPython fails only when it is called, with a message naming it, the version that
     * added it and this library, and again on every later call (a class initializer that threw would turn the
     * second call into a bare {@link NoClassDefFoundError}).
     */
    @Test
    void newerFunctionsFailOnlyWhenCalledAndEveryTime() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocateFrom("argv");
            assertMissing("PyConfig_Get", 14, () -> CApi314.PyConfig_Get(name));
            assertMissing("PyConfig_Get", 14, () -> CApi314.PyConfig_Get(name));
            assertMissing("PyInitConfig_Create", 14, CApi314::PyInitConfig_Create);
            assertMissing("PyInitConfig_Create", 14, CApi314::PyInitConfig_Create);
            assertMissing("PyUnstable_AtExit", 13,
                    () -> CApi313.PyUnstable_AtExit(MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL));
        }
        assertTrue(lib.has("Py_FinalizeEx"));
        assertTrue(!lib.has("PyConfig_Get"));
    }

    private static void assertMissing(String function, int since, Executable call) {
        NativeAccessException e = assertThrows(NativeAccessException.class, call);
        assertEquals(lib + " has no function '" + function + "', which CPython 3." + since + " added",
                e.getMessage());
        assertTrue(e.getMessage().contains(libpython.toString()), e.getMessage());
    }
}
