package dev.pyhost.tests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.pyhost.testkit.differential.InstalledPythons;
import dev.pyhost.testkit.differential.InstalledPythons.InstalledPython;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Every {@code RuntimeConfig} setting, applied by the provider and read back from {@code sys.flags} and
 * {@code sys.*} inside real CPython, on every version 3.10-3.14 found here (one child JVM per scenario, as a
 * process holds one libpython).
 */
class SettingsReadBackIT {
    @TestFactory
    Stream<DynamicNode> everyVersion() {
        return InstalledPythons.everyVersion(py -> List.of(
                dynamicTest("settings set A, Python profile", () -> settingsA(py, "settings-a")),
                dynamicTest("settings set A, isolated profile", () -> settingsA(py, "settings-a-isolated")),
                dynamicTest("settings set B", () -> settingsB(py)),
                dynamicTest("main module settings", () -> mainSettings(py))));
    }

    private static String reference(InstalledPython py, Map<String, String> env, String code) {
        Child c = Child.run(List.of(py.executable().toString(), "-c", code), env, null);
        assertEquals(0, c.status(), c.stderr());
        return c.stdout().strip();
    }

    private static void settingsA(InstalledPython py, String scenario) {
        int minor = py.version().minor();
        Child c = Child.java(Map.of(), ProbeMain.class.getName(),
                List.of(py.executable().toString(), scenario, String.valueOf(minor)));
        Map<String, String> r = c.table();
        String hash = reference(py, Map.of("PYTHONHASHSEED", "42"), "print(hash('x'))");
        boolean isolated = scenario.endsWith("isolated");
        List<Executable> checks = new ArrayList<>(List.of(
                () -> assertEquals(isolated ? "1" : "0", r.get("isolated"), "isolated"),
                () -> assertEquals("1", r.get("ignore_environment"), "use_environment"),
                () -> assertEquals("1", r.get("no_site"), "site_import"),
                () -> assertEquals("1", r.get("no_user_site"), "user_site_directory"),
                () -> assertEquals("true", r.get("dont_write_bytecode"), "write_bytecode"),
                () -> assertEquals("2", r.get("optimize"), "optimization_level"),
                () -> assertEquals("1", r.get("quiet"), "quiet"),
                () -> assertEquals("true", r.get("write_through"), "buffered_stdio"),
                () -> assertEquals("1", r.get("inspect"), "inspect"),
                () -> assertEquals("1", r.get("interactive"), "interactive"),
                () -> assertEquals("false", r.get("dev_mode"), "dev_mode"),
                // -b twice (bytes_warning=2) makes CPython put error::BytesWarning first
                () -> assertEquals("[error::BytesWarning, ignore::DeprecationWarning, error::UserWarning]",
                        r.get("warnoptions"), "warnoptions"),
                // 3.11 has no int_max_str_digits field: the setting travels as -X int_max_str_digits, as on its command line
                () -> assertEquals(minor == 11 ? "{foo=bar, baz=true, int_max_str_digits=1000}" : "{foo=bar, baz=true}",
                        r.get("xoptions"), "xoptions"),
                () -> assertEquals("2", r.get("bytes_warning"), "bytes_warning"),
                () -> assertEquals(hash, r.get("hash_x"), "hash_seed"),
                () -> assertEquals("1", r.get("utf8_mode"), "utf8_mode"),
                () -> assertEquals("false", r.get("faulthandler"), "faulthandler"),
                () -> assertEquals("3", r.get("tracemalloc"), "tracemalloc"),
                () -> assertEquals("/tmp/pyhost-probe-pycache", r.get("pycache_prefix"), "pycache_prefix"),
                () -> assertEquals("always", r.get("check_hash_pycs"), "check_hash_pycs_mode"),
                () -> assertEquals("iso8859-1", r.get("stdout_encoding").replace("latin-1", "iso8859-1"), "stdio_encoding"),
                () -> assertEquals("replace", r.get("stdout_errors"), "stdio_errors"),
                () -> assertEquals("[probe, a, b]", r.get("argv"), "argv"),
                () -> assertEquals("None", r.get("sigint"), "install_signal_handlers"),
                () -> assertEquals("yes", r.get("env"), "environment")));
        if (minor >= 11) {
            checks.add(() -> assertEquals("true", r.get("safe_path"), "safe_path"));
            checks.add(() -> assertEquals("1000", r.get("int_max_str_digits"), "int_max_str_digits"));
        }
        assertAll(scenario + " on " + py.version(), checks);
    }

    private static void settingsB(InstalledPython py) {
        String prefix = reference(py, Map.of(), "import sys; print(sys.prefix)");
        String paths = reference(py, Map.of(), "import sys; print('\\n'.join(p for p in sys.path[1:] if p))");
        List<String> path = new ArrayList<>(List.of(paths.split("\n")));
        path.add("/tmp/pyhost-probe-extra");
        List<String> args = new ArrayList<>(List.of(py.executable().toString(), "settings-b",
                String.valueOf(py.version().minor()), prefix));
        args.addAll(path);
        Map<String, String> r = Child.java(Map.of(), ProbeMain.class.getName(), args).table();
        Function<String, String> get = r::get;
        assertAll("settings set B on " + py.version(),
                () -> assertEquals("1", get.apply("isolated"), "isolated"),
                () -> assertEquals("1", get.apply("verbose"), "verbose"),
                () -> assertEquals("true", get.apply("faulthandler"), "faulthandler"),
                () -> assertEquals("true", get.apply("dev_mode"), "dev_mode"),
                () -> assertEquals(prefix, get.apply("prefix"), "home"),
                () -> assertEquals(py.executable().toString(), get.apply("executable"), "executable"),
                () -> assertEquals(path.toString(), get.apply("path"), "module_search_paths"),
                () -> assertEquals("<built-in function default_int_handler>", get.apply("sigint"),
                        "install_signal_handlers"));
    }

    private static void mainSettings(InstalledPython py) throws IOException {
        String exe = py.executable().toString();
        Child missing = Child.java(Map.of(), ProbeMain.class.getName(), List.of(exe, "main", "0",
                "run_filename=/nonexistent/x.py", "program_name=probe-prog", "argv=/nonexistent/x.py"));
        Path dir = Files.createTempDirectory("pyhost-main");
        Path script = dir.resolve("skip.py");
        Files.writeString(script, "this line is not Python !\nprint('ran', __name__)\n");
        Child skip = Child.java(Map.of(), ProbeMain.class.getName(), List.of(exe, "main", "0",
                "run_filename=" + script, "skip_source_first_line=true", "argv=" + script));
        Child module = Child.java(Map.of(), ProbeMain.class.getName(), List.of(exe, "main", "0",
                "run_module=this", "argv=-m"));
        Child command = Child.java(Map.of(), ProbeMain.class.getName(), List.of(exe, "main", "0",
                "run_command=import sys; print(sys.argv); raise SystemExit(7)", "argv=-c\nx"));
        Child pythonpath = Child.java(Map.of(), ProbeMain.class.getName(), List.of(exe, "main", "0",
                "run_command=import sys; print('/tmp/pyhost-probe-path' in sys.path)", "argv=-c",
                "pythonpath_env=/tmp/pyhost-probe-path"));
        Files.delete(script);
        Files.delete(dir);
        assertAll("main settings on " + py.version(),
                () -> assertEquals(2, missing.status(), missing.stderr()),
                () -> assertEquals("probe-prog: can't open file '/nonexistent/x.py': [Errno 2] No such file or directory\n",
                        missing.stderr(), "program_name, run_filename"),
                () -> assertEquals("ran __main__\n", skip.stdout(), "skip_source_first_line: " + skip.stderr()),
                () -> assertEquals(0, skip.status()),
                () -> assertTrue(module.stdout().contains("Beautiful is better than ugly."), "run_module: " + module.stderr()),
                () -> assertEquals(0, module.status()),
                () -> assertEquals("['-c', 'x']\n", command.stdout(), "run_command: " + command.stderr()),
                () -> assertEquals(7, command.status()),
                () -> assertEquals("True\n", pythonpath.stdout(), "pythonpath_env: " + pythonpath.stderr()));
    }

    @TestFactory
    Stream<DynamicTest> aCommandLineThatCPythonEndsGivesItsStatusAndTheExactVersionIsReported() {
        return InstalledPythons.supportedMinors().stream().map(minor -> {
            Optional<InstalledPython> found = InstalledPythons.forMinor(minor);
            return dynamicTest("3." + minor, () -> {
                Assumptions.assumeTrue(found.isPresent(), "no CPython 3." + minor + " here: " + InstalledPythons.searchedLocations());
                String exe = found.get().executable().toString();
                Child wrong = Child.java(Map.of(), ProbeMain.class.getName(), List.of(exe, "command-line", "0", "-Z"));
                Child python = Child.run(List.of(exe, "-Z"), Map.of(), null);
                assertAll("python -Z on " + found.get().version(),
                        () -> assertEquals(python.status(), wrong.status(), wrong.stderr()),
                        () -> assertEquals(2, wrong.status()),
                        () -> assertEquals(python.stderr().replace(exe, "PY"), wrong.stderr().replace(exe, "PY")));
                Child version = Child.java(Map.of(), ProbeMain.class.getName(), List.of(exe, "command-line", "0",
                        "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"));
                assertEquals(0, version.status(), version.stderr());
                String[] lines = version.stdout().split("\n");
                assertEquals("installation " + lines[0], lines[1], "the runtime reports the loaded version");
                assertEquals(found.get().version().toString(), lines[0]);
            });
        });
    }
}
