package dev.pyhost.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuntimeConfigTest {
    @Test
    void unsetSettingsAreEmptyAndSetOnesAreKept() {
        RuntimeConfig c = RuntimeConfig.builder().set(Setting.OPTIMIZATION_LEVEL, 2).command("print(1)", "a").build();
        assertEquals(Optional.of(2), c.get(Setting.OPTIMIZATION_LEVEL));
        assertEquals(Optional.of("print(1)"), c.get(Setting.RUN_COMMAND));
        assertEquals(Optional.of(List.of("-c", "a")), c.get(Setting.ARGV));
        assertEquals(Optional.empty(), c.get(Setting.VERBOSE));
        assertEquals(RuntimeConfig.Profile.PYTHON, c.profile());
    }

    @Test
    void configurationIsImmutable() {
        List<String> warn = new ArrayList<>(List.of("error"));
        RuntimeConfig c = RuntimeConfig.builder().set(Setting.WARNOPTIONS, warn).build();
        warn.add("ignore");
        assertEquals(List.of("error"), c.get(Setting.WARNOPTIONS).orElseThrow());
        assertThrows(UnsupportedOperationException.class, () -> c.get(Setting.WARNOPTIONS).orElseThrow().add("x"));
        assertThrows(UnsupportedOperationException.class, () -> c.settings().clear());
        RuntimeConfig changed = c.toBuilder().set(Setting.QUIET, true).build();
        assertNotEquals(c, changed);
        assertEquals(c, c.toBuilder().build());
    }

    @Test
    void invalidValuesNameTheSettingAndTheValue() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> RuntimeConfig.builder().set(Setting.OPTIMIZATION_LEVEL, -1));
        assertEquals("optimization_level", e.setting());
        assertTrue(e.getMessage().contains("optimization_level") && e.getMessage().contains("-1"), e.getMessage());
        assertThrows(ConfigurationException.class, () -> RuntimeConfig.builder().set(Setting.HASH_SEED, 4_294_967_296L));
        assertThrows(ConfigurationException.class, () -> RuntimeConfig.builder().set(Setting.INT_MAX_STR_DIGITS, 5));
        assertThrows(ConfigurationException.class, () -> RuntimeConfig.builder().set(Setting.CHECK_HASH_PYCS_MODE, "sometimes"));
        assertThrows(ConfigurationException.class, () -> RuntimeConfig.builder().set(Setting.RUN_COMMAND, "a\0b"));
        assertThrows(ConfigurationException.class, () -> RuntimeConfig.builder().set("no_such_setting", 1));
        assertThrows(ConfigurationException.class, () -> RuntimeConfig.builder().set("verbose", "loud"));
        assertThrows(ConfigurationException.class, () -> RuntimeConfig.builder().environment("A=B", "c"));
    }

    @Test
    void aCommandLineIsParsedByCPythonLater() {
        RuntimeConfig c = RuntimeConfig.commandLine(List.of("-I", "-c", "pass"));
        assertTrue(c.parsesCommandLine());
        assertEquals(Optional.of(List.of("-I", "-c", "pass")), c.get(Setting.ARGV));
        assertEquals(Optional.of(Path.of("/p/python3")),
                RuntimeConfig.builder().python(Path.of("/p/python3")).build().python());
    }

    @Test
    void everySettingIsFoundByItsPyConfigName() {
        for (Setting<?> s : Setting.all()) {
            assertEquals(s, Setting.named(s.name()));
        }
        for (String name : List.of("argv", "run_command", "run_module", "run_filename", "isolated", "use_environment",
                "safe_path", "site_import", "user_site_directory", "write_bytecode", "optimization_level", "verbose",
                "quiet", "buffered_stdio", "inspect", "interactive", "dev_mode", "warnoptions", "xoptions",
                "bytes_warning", "skip_source_first_line", "hash_seed", "int_max_str_digits", "utf8_mode",
                "faulthandler", "tracemalloc", "pycache_prefix", "check_hash_pycs_mode", "stdio_encoding",
                "stdio_errors", "pythonpath_env", "home", "program_name", "executable", "module_search_paths",
                "install_signal_handlers")) {
            assertEquals(name, Setting.named(name).name());
        }
    }

    @Test
    void exitStatusAndVersion() {
        assertEquals(130, new ExitStatus(1, true).shellStatus());
        assertEquals(0, ExitStatus.of(256).shellStatus());
        assertEquals(new PythonVersion(3, 13, 0), PythonVersion.parse("3.13.0 (main, May  9 2026) [GCC]"));
        assertTrue(PythonVersion.parse("3.10").atLeast(3, 10));
        assertThrows(IllegalArgumentException.class, () -> PythonVersion.parse("Python"));
    }

    @Test
    void settingsReadFromTextAreTypedAndChecked() {
        assertEquals(true, Setting.INSPECT.parse("true"));
        assertEquals(2, Setting.OPTIMIZATION_LEVEL.parse(" 2 "));
        assertEquals(4_294_967_295L, Setting.HASH_SEED.parse("4294967295"));
        assertEquals(List.of("-c", "x"), Setting.ARGV.parse("-c\nx"));
        assertEquals("/tmp", Setting.HOME.parse("/tmp"));
        ConfigurationException flag = assertThrows(ConfigurationException.class, () -> Setting.INSPECT.parse("yes"));
        assertTrue(flag.getMessage().contains("inspect") && flag.getMessage().contains("yes"), flag.getMessage());
        assertThrows(ConfigurationException.class, () -> Setting.HASH_SEED.parse("4294967296"));
        assertThrows(ConfigurationException.class, () -> Setting.VERBOSE.parse("-1"));
        assertThrows(ConfigurationException.class, () -> Setting.VERBOSE.parse("99999999999"));
        assertEquals(Long.class, Setting.HASH_SEED.valueType());
    }

    @Test
    void aKeyboardInterruptCountsAsStatusOneAndTheDeathBySigintIsTheExitStatus() {
        assertEquals(1, new RunOutcome.Interrupted(new PythonException("KeyboardInterrupt", "", "")).status());
        assertEquals(130, new ExitStatus(1, true).shellStatus());
    }
}
