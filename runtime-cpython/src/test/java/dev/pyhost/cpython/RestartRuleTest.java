package dev.pyhost.cpython;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PythonVersion;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The restart table and the reading of {@code /proc/self/maps}, on sample text (no CPython needed). */
class RestartRuleTest {
    private static final String MAPS = """
            7f0000000000-7f0000001000 r--p 00000000 08:01 1234 /opt/py/lib/python3.12/lib-dynload/_decimal.cpython-312-x86_64-linux-gnu.so
            7f0000001000-7f0000002000 r-xp 00001000 08:01 1234 /opt/py/lib/python3.12/lib-dynload/_decimal.cpython-312-x86_64-linux-gnu.so
            7f0000003000-7f0000004000 r--p 00000000 08:01 1235 /opt/py/lib/python3.12/lib-dynload/_json.cpython-312-x86_64-linux-gnu.so
            7f0000005000-7f0000006000 r--p 00000000 08:01 1236 /venv/lib/python3.12/site-packages/numpy/_core/_multiarray_umath.cpython-312-x86_64-linux-gnu.so
            7f0000007000-7f0000008000 r--p 00000000 08:01 1237 /venv/lib/python3.12/site-packages/thing/_speedups.abi3.so
            7f0000009000-7f000000a000 r--p 00000000 08:01 1238 /opt/py/lib/libpython3.12.so.1.0
            7f000000b000-7f000000c000 rw-p 00000000 00:00 0 [heap]
            7f000000d000-7f000000e000 rw-p 00000000 00:00 0
            """;

    @Test
    void mapsNameStandardAndOtherExtensionsOnly() {
        LoadedExtensions loaded = LoadedExtensions.parse(MAPS);
        assertAll(() -> assertEquals(Set.of("_decimal", "_json"), loaded.stdlib()),
                () -> assertEquals(Set.of(
                        "/venv/lib/python3.12/site-packages/numpy/_core/_multiarray_umath.cpython-312-x86_64-linux-gnu.so",
                        "/venv/lib/python3.12/site-packages/thing/_speedups.abi3.so"), loaded.others()));
    }

    @Test
    void aCrashingExtensionRefusesTheRestartOfItsVersionOnly() {
        LoadedExtensions loaded = LoadedExtensions.parse(MAPS);
        LifecycleException e = assertThrows(LifecycleException.class,
                () -> RestartRule.check(new PythonVersion(3, 12, 1), loaded));
        assertAll(() -> assertTrue(e.getMessage().startsWith("CPython 3.12.1 cannot be initialized again"),
                        e.getMessage()),
                () -> assertTrue(e.getMessage().contains("loaded _decimal,") || e.getMessage().contains("loaded _decimal "),
                        e.getMessage()),
                () -> assertTrue(!e.getMessage().contains("_json"), "a safe one is not named: " + e.getMessage()));
        assertDoesNotThrow(() -> RestartRule.check(new PythonVersion(3, 13, 0), loaded));
    }

    @Test
    void safeExtensionsAllowTheRestart() {
        LoadedExtensions safe = new LoadedExtensions(Set.of("_json", "array"), Set.of());
        assertDoesNotThrow(() -> RestartRule.check(new PythonVersion(3, 12, 1), safe));
    }

    @Test
    void anUnreadableMapsFileIsNoExtensions() {
        assertEquals(new LoadedExtensions(Set.of(), Set.of()), LoadedExtensions.parse(""));
    }
}
