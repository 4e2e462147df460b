package dev.pyhost.tests;

import dev.pyhost.api.ExitStatus;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.Setting;
import dev.pyhost.api.spi.ExitContext;
import dev.pyhost.api.spi.ExitHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Run in a child JVM by {@link SettingsReadBackIT} (one libpython per process): starts a runtime on the
 * python given as the first argument with the settings of a scenario, then prints what Python reports, one
 * {@code key<TAB>value} line each.
 */
public final class ProbeMain {
    static final String REPORT = """
            (lambda sys, f, imp: {
             'isolated': f.isolated, 'ignore_environment': f.ignore_environment,
             'safe_path': getattr(f, 'safe_path', None), 'no_site': f.no_site, 'no_user_site': f.no_user_site,
             'dont_write_bytecode': sys.dont_write_bytecode, 'optimize': f.optimize, 'verbose': f.verbose,
             'quiet': f.quiet, 'write_through': sys.stdout.write_through, 'inspect': f.inspect,
             'interactive': f.interactive, 'dev_mode': f.dev_mode, 'warnoptions': sys.warnoptions,
             'xoptions': sys._xoptions, 'bytes_warning': f.bytes_warning,
             'hash_randomization': f.hash_randomization, 'hash_x': hash('x'),
             'int_max_str_digits': getattr(f, 'int_max_str_digits', None), 'utf8_mode': f.utf8_mode,
             'faulthandler': imp('faulthandler').is_enabled(),
             'tracemalloc': imp('tracemalloc').get_traceback_limit() if imp('tracemalloc').is_tracing() else 0,
             'pycache_prefix': sys.pycache_prefix, 'check_hash_pycs': imp('_imp').check_hash_based_pycs,
             'stdout_encoding': sys.stdout.encoding, 'stdout_errors': sys.stdout.errors, 'path': sys.path,
             'prefix': sys.prefix, 'executable': sys.executable, 'argv': sys.argv,
             'sigint': repr(imp('signal').getsignal(2)), 'env': imp('os').environ.get('PYHOST_PROBE')
            })(__import__('sys'), __import__('sys').flags, __import__)""";

    private ProbeMain() {
    }

    /**
     * Runs a scenario.
     *
     * @param args python executable, scenario, then scenario arguments
     */
    public static void main(String[] args) {
        Path python = Path.of(args[0]);
        String scenario = args[1];
        List<String> rest = Arrays.asList(args).subList(2, args.length);
        int minor = Integer.parseInt(rest.isEmpty() ? "0" : rest.getFirst());
        switch (scenario) {
            case "settings-a", "settings-a-isolated" -> report(settingsA(python, minor,
                    scenario.endsWith("isolated") ? RuntimeConfig.Profile.ISOLATED : RuntimeConfig.Profile.PYTHON));
            case "settings-b" -> {
                dev.pyhost.cpython.process.ProcessServices.handSigintToPython();
                report(settingsB(python, rest.subList(1, rest.size())));
            }
            case "main" -> main(python, rest.subList(1, rest.size()));
            case "command-line" -> commandLine(python, rest.subList(1, rest.size()));
            case "atexit" -> atexit(python);
            case "system-exit" -> systemExit(python, rest.get(1).equals("busy"));
            default -> throw new IllegalArgumentException(scenario);
        }
    }

    private static RuntimeConfig settingsA(Path python, int minor, RuntimeConfig.Profile profile) {
        RuntimeConfig.Builder b = RuntimeConfig.builder(profile).python(python)
                .set(Setting.USE_ENVIRONMENT, false)
                .set(Setting.SITE_IMPORT, false)
                .set(Setting.USER_SITE_DIRECTORY, false)
                .set(Setting.WRITE_BYTECODE, false)
                .set(Setting.OPTIMIZATION_LEVEL, 2)
                .set(Setting.QUIET, true)
                .set(Setting.BUFFERED_STDIO, false)
                .set(Setting.INSPECT, true)
                .set(Setting.INTERACTIVE, true)
                .set(Setting.DEV_MODE, false)
                .set(Setting.WARNOPTIONS, List.of("ignore::DeprecationWarning", "error::UserWarning"))
                .set(Setting.XOPTIONS, List.of("foo=bar", "baz"))
                .set(Setting.BYTES_WARNING, 2)
                .set(Setting.HASH_SEED, 42L)
                .set(Setting.UTF8_MODE, true)
                .set(Setting.TRACEMALLOC, 3)
                .set(Setting.PYCACHE_PREFIX, "/tmp/pyhost-probe-pycache")
                .set(Setting.CHECK_HASH_PYCS_MODE, "always")
                .set(Setting.STDIO_ENCODING, "latin-1")
                .set(Setting.STDIO_ERRORS, "replace")
                .set(Setting.PYTHONPATH_ENV, "/tmp/pyhost-probe-path")
                .set(Setting.INSTALL_SIGNAL_HANDLERS, false)
                .set(Setting.ARGV, List.of("probe", "a", "b"))
                .environment("PYHOST_PROBE", "yes");
        if (minor >= 11) {
            b.set(Setting.SAFE_PATH, true).set(Setting.INT_MAX_STR_DIGITS, 1000);
        }
        return b.build();
    }

    private static RuntimeConfig settingsB(Path python, List<String> pathAndPrefix) {
        String prefix = pathAndPrefix.getFirst();
        List<String> path = pathAndPrefix.subList(1, pathAndPrefix.size());
        return RuntimeConfig.builder().python(python)
                .set(Setting.ISOLATED, true)
                .set(Setting.VERBOSE, 1)
                .set(Setting.FAULTHANDLER, true)
                .set(Setting.HOME, prefix)
                .set(Setting.EXECUTABLE, python.toString())
                .set(Setting.MODULE_SEARCH_PATHS, path)
                .set(Setting.INSTALL_SIGNAL_HANDLERS, true)
                .set(Setting.DEV_MODE, true)
                .build();
    }

    private static void report(RuntimeConfig config) {
        try (PythonRuntime runtime = PythonRuntime.builder(config).start()) {
            Object value = runtime.interpreter().eval(REPORT);
            StringBuilder out = new StringBuilder();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                out.append(e.getKey()).append('\t').append(e.getValue()).append('\n');
            }
            System.out.print(out);
            System.out.flush();
        }
    }

    private static ExitHandler printing(String id, boolean touchInterpreter, PythonRuntime[] runtime) {
        return new ExitHandler() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public void onExit(ExitContext context) {
                String line = "java " + id + " data=" + context.data().orElse(null) + " status=" + context.status().code()
                        + " outcome=" + context.outcome().map(o -> o.getClass().getSimpleName()).orElse("none");
                if (touchInterpreter) {
                    try {
                        runtime[0].interpreter().eval("1");
                        line += " interpreter=usable";
                    } catch (dev.pyhost.api.LifecycleException e) {
                        line += " interpreter=" + e.getMessage();
                    }
                }
                System.out.println(line);
                if (id.equals("boom")) {
                    throw new IllegalStateException("boom on purpose");
                }
            }
        };
    }

    /** Python atexit callbacks, then Java handlers (registered last-first), one failing, one touching Python. */
    private static void atexit(Path python) {
        RuntimeConfig config = RuntimeConfig.builder().python(python).command("""
                import atexit, sys
                atexit.register(print, 'python first registered')
                atexit.register(print, 'python last registered')
                print('body')
                raise SystemExit(5)""").build();
        PythonRuntime[] holder = new PythonRuntime[1];
        try (PythonRuntime runtime = PythonRuntime.builder(config).start()) {
            holder[0] = runtime;
            runtime.atExit(printing("first", false, holder), "A")
                    .atExit(printing("boom", false, holder), "B")
                    .atExit(printing("toucher", true, holder), "C");
            ExitStatus status = runtime.runMain();
            System.out.println("status " + status.code());
        }
    }

    /** Another Java thread calls System.exit(9) while Python code runs (busy) or while the runtime is idle. */
    private static void systemExit(Path python, boolean busy) {
        RuntimeConfig config = RuntimeConfig.builder().python(python)
                .command("import atexit, time\natexit.register(print, 'python atexit', flush=True)\n"
                        + "print('python running', flush=True)\ntime.sleep(" + (busy ? 30 : 0) + ")").build();
        PythonRuntime runtime = PythonRuntime.builder(config).timeouts(Duration.ofSeconds(5), Duration.ofSeconds(2)).start();
        PythonRuntime[] holder = {runtime};
        runtime.atExit(printing("on-exit", false, holder), "S");
        Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.println("java calls System.exit(9)");
            System.exit(9);
        });
        if (busy) {
            runtime.runMain();
        } else {
            runtime.interpreter().exec("import atexit\natexit.register(print, 'python atexit', flush=True)");
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs the main module of a config given as settings {@code name=value}; prints the exit status. */
    private static void main(Path python, List<String> settings) {
        RuntimeConfig.Builder b = RuntimeConfig.builder().python(python);
        for (String s : settings) {
            int eq = s.indexOf('=');
            String name = s.substring(0, eq);
            String value = s.substring(eq + 1);
            b.set(name, Setting.named(name).parse(value));
        }
        try (PythonRuntime runtime = PythonRuntime.builder(b.build()).start()) {
            ExitStatus status = runtime.runMain();
            System.out.flush();
            System.err.flush();
            System.exit(status.code());
        }
    }

    /**
     * Starts a runtime from a {@code python} command line through the public builder, runs its main module, then
     * prints the version of the installation the runtime reports and exits with the run's status.
     */
    private static void commandLine(Path python, List<String> args) {
        RuntimeConfig config = RuntimeConfig.builder().commandLine(args).python(python).build();
        try (PythonRuntime runtime = PythonRuntime.builder(config).start()) {
            ExitStatus status = runtime.runMain();
            System.out.println("installation " + runtime.installation().version());
            System.out.flush();
            System.err.flush();
            System.exit(status.code());
        }
    }
}
