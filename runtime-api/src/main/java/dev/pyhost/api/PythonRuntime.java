package dev.pyhost.api;

import dev.pyhost.api.backend.InterpreterProvider;
import dev.pyhost.api.backend.RuntimeFactory;
import dev.pyhost.api.backend.RuntimeOptions;
import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.api.spi.ExitContext;
import dev.pyhost.api.spi.ExitHandler;
import dev.pyhost.api.spi.InstallationLocator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One embedded CPython runtime: what an embedding application holds. Create it with
 * {@link #builder(RuntimeConfig)}, use its {@link #interpreter()}, or run its main module once as
 * {@code Py_RunMain} does ({@link #runMain()}), and finalize it exactly once ({@link #shutdown()} or
 * {@link #close()}, both idempotent). Exit handlers run at finalization, after Python's {@code atexit}
 * callbacks, on every way out (see {@link ExitHandler}).
 *
 * <pre>{@code
 * try (PythonRuntime python = PythonRuntime.builder(RuntimeConfig.builder().command("print('hi')").build()).start()) {
 *     ExitStatus status = python.runMain();
 * }
 * }</pre>
 *
 * <p>One process holds one CPython: a second runtime can start only after the first one is closed. Every method
 * is thread-safe. Calls on a finalized runtime throw {@link LifecycleException}.
 */
public interface PythonRuntime extends AutoCloseable {

    /**
     * Starts a builder for a runtime with this configuration. The runtime itself is made by the lifecycle
     * manager ({@code runtime-core}), found through {@link java.util.ServiceLoader}.
     *
     * @param config the configuration
     * @return the builder
     */
    static Builder builder(RuntimeConfig config) {
        return new Builder(config);
    }

    /** {@return the configuration this runtime started with} */
    RuntimeConfig config();

    /** {@return the installation it runs on, with the exact version of the loaded libpython} */
    PythonInstallation installation();

    /**
     * {@return the main interpreter, usable from any Java thread until the runtime is finalized}
     *
     * @throws LifecycleException when CPython never initialized because its command line ended the run (for
     *         example {@code -h}, {@code -V} or a usage error; {@link #runMain()} then gives that status)
     */
    Interpreter interpreter();

    /**
     * Creates a sub-interpreter of this runtime, on a platform thread of its own: {@link SubInterpreterConfig#isolated()}
     * for one with its own GIL (CPython 3.12+), {@link SubInterpreterConfig#sharedGil()} for one sharing the main
     * GIL. The configuration is validated before any native call. Closing the runtime closes its sub-interpreters
     * first. An {@link InterpreterPool} keeps several of them busy.
     *
     * @param config what to create
     * @return the new interpreter, which the caller closes
     * @throws ConfigurationException when this CPython version cannot create it, or the combination is invalid
     * @throws InitializationException when CPython refused to create it
     * @throws LifecycleException once the runtime is finalized, or when this runtime cannot create sub-interpreters
     */
    default SubInterpreter newInterpreter(SubInterpreterConfig config) {
        throw new LifecycleException(getClass().getName() + " cannot create sub-interpreters");
    }

    /**
     * Registers an exit handler for this runtime. Handlers registered here run in reverse registration order,
     * before the discovered ones.
     *
     * @param handler the handler
     * @param data what the handler finds in {@link ExitContext#data()} (the analogue of C's {@code void *data});
     *        may be {@code null}
     * @return this runtime
     * @throws LifecycleException once the runtime is finalized
     */
    PythonRuntime atExit(ExitHandler handler, Object data);

    /**
     * Registers an exit handler for this runtime without data; a lambda will do:
     * {@code python.atExit(exit -> log.info("ended with " + exit.status()))}.
     *
     * @param handler the handler
     * @return this runtime
     * @throws LifecycleException once the runtime is finalized
     */
    default PythonRuntime atExit(ExitHandler handler) {
        return atExit(handler, null);
    }

    /**
     * Runs the main module as {@code Py_RunMain} does, then finalizes: the configured command, module, file or
     * standard input, the inspect-mode REPL when it applies, then {@code Py_FinalizeEx} and the exit handlers.
     * When CPython's command-line parser already ended the run (help, version, a usage error), nothing runs and
     * its status is returned.
     *
     * @return the exit status, composed as CPython composes it
     * @throws LifecycleException when the main module already ran or the runtime is finalized
     */
    ExitStatus runMain();

    /**
     * Finalizes CPython if that has not happened yet, runs the exit handlers, and composes the exit status:
     * 120 when flushing standard streams failed, death by {@code SIGINT} after an unhandled
     * {@code KeyboardInterrupt}, else the status of the main code (0 when none ran). Not bounded: Python code that
     * runs is waited for, and so are Python's non-daemon threads, as {@code Py_RunMain} waits (use {@link #close()}
     * for a bounded end).
     *
     * @return the exit status; the same one on every call
     */
    ExitStatus shutdown();

    /**
     * Runs the exit handlers without finalizing Python, for a process about to die by a signal (CPython never
     * finalizes then). Later calls, and a later {@link #shutdown()}, run no handler again.
     *
     * @param status the status the process is about to end with
     */
    void abandon(ExitStatus status);

    /**
     * Finalizes if needed; idempotent, and throws nothing that finalization itself reported. Bounded by the
     * builder's finalization timeout ({@link Builder#timeouts}): Python code still running is interrupted
     * ({@code KeyboardInterrupt}), Python's wait for non-daemon threads ends at the deadline (those threads live
     * on as daemon threads do, until they next need the interpreter), and when Python code does not end at all
     * (a blocking call that cannot be interrupted) Python is not finalized: the exit handlers run, every later
     * call is refused, no other runtime can start in this process, and {@link #abandoned()} says what was left.
     * Each abandonment is also logged at {@code WARNING}.
     */
    @Override
    void close();

    /**
     * What {@link #close()} gave up waiting for, in order: a description of each Python
     * thread left running, or of the Python code that kept finalization from happening.
     *
     * @return the descriptions; empty when nothing was abandoned (always, before finalization)
     */
    default List<String> abandoned() {
        return List.of();
    }

    /** What a JVM shutdown (another thread's {@code System.exit}, {@code SIGTERM}) does to a running runtime. */
    enum JvmShutdown {
        /**
         * Finalize Python (its {@code atexit} callbacks run) within the finalization timeout, then the exit
         * handlers; when Python code is still running and does not finish in time, run the exit handlers without
         * it.
         */
        FINALIZE,
        /** Run the exit handlers only, as a process killed by a signal never finalizes Python. */
        EXIT_HANDLERS_ONLY,
        /** Do nothing. */
        NOTHING
    }

    /**
     * Collects how a runtime is started, then {@linkplain #start() starts} it. Plug-ins come in three layers,
     * each replacing the one below by id: PyHost's built-in ones, those discovered through
     * {@link java.util.ServiceLoader} (one switch per kind, all on by default), and those given here.
     * Not thread-safe; the runtime it starts is.
     */
    final class Builder {
        private final RuntimeConfig config;
        private boolean discoverModes = true;
        private boolean discoverLocators = true;
        private boolean discoverExitHandlers = true;
        private boolean discoverProviders = true;
        private ClassLoader loader = PythonRuntime.class.getClassLoader();
        /** The lifecycle manager found with {@link #loader}, on first use ({@link #locate()} then {@link #start()}). */
        private RuntimeFactory factory;
        private Map<String, String> environment;
        private Path workingDirectory;
        private PythonInstallation installation;
        private final List<InstallationLocator> locators = new ArrayList<>();
        private final List<InterpreterProvider> providers = new ArrayList<>();
        private final List<ExecutionMode> modes = new ArrayList<>();
        private final List<ExitHandler> exitHandlers = new ArrayList<>();
        private JvmShutdown onJvmShutdown = JvmShutdown.FINALIZE;
        private Duration exitHandlerTimeout = Duration.ofSeconds(10);
        private Duration finalizeTimeout = Duration.ofSeconds(5);
        private StandardStreams standardStreams = StandardStreams.java();

        private Builder(RuntimeConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * Switches {@link java.util.ServiceLoader} discovery of every plug-in kind on or off; the built-in
         * plug-ins and those given explicitly stay.
         *
         * @param enabled whether to discover
         * @return this builder
         */
        public Builder discovery(boolean enabled) {
            discoverModes = enabled;
            discoverLocators = enabled;
            discoverExitHandlers = enabled;
            discoverProviders = enabled;
            return this;
        }

        /**
         * Switches discovery of execution modes (the terminal REPL is one) on or off.
         *
         * @param enabled whether to discover
         * @return this builder
         */
        public Builder discoverExecutionModes(boolean enabled) {
            discoverModes = enabled;
            return this;
        }

        /**
         * Switches discovery of installation locators (the embedded CPython is one) on or off.
         *
         * @param enabled whether to discover
         * @return this builder
         */
        public Builder discoverInstallationLocators(boolean enabled) {
            discoverLocators = enabled;
            return this;
        }

        /**
         * Switches discovery of exit handlers on or off.
         *
         * @param enabled whether to discover
         * @return this builder
         */
        public Builder discoverExitHandlers(boolean enabled) {
            discoverExitHandlers = enabled;
            return this;
        }

        /**
         * Switches discovery of interpreter providers (the CPython binding is one) on or off; with it off, a
         * provider must be given with {@link #provider}.
         *
         * @param enabled whether to discover
         * @return this builder
         */
        public Builder discoverInterpreterProviders(boolean enabled) {
            discoverProviders = enabled;
            return this;
        }

        /**
         * Sets the class loader that plug-ins and the lifecycle manager are found with; the loader of the API by
         * default.
         *
         * @param classLoader the loader
         * @return this builder
         */
        public Builder classLoader(ClassLoader classLoader) {
            this.loader = Objects.requireNonNull(classLoader, "classLoader");
            this.factory = null;
            return this;
        }

        /**
         * Sets the environment that locators read ({@code PYHOST_PYTHON}, {@code VIRTUAL_ENV}, {@code PATH});
         * the process environment by default.
         *
         * @param env the variables
         * @return this builder
         */
        public Builder environment(Map<String, String> env) {
            this.environment = Map.copyOf(env);
            return this;
        }

        /**
         * Uses this installation and asks no locator.
         *
         * @param python the installation
         * @return this builder
         */
        public Builder installation(PythonInstallation python) {
            this.installation = Objects.requireNonNull(python, "python");
            return this;
        }

        /**
         * Adds an installation locator, or replaces the one with the same id.
         *
         * @param locator the locator
         * @return this builder
         */
        public Builder locator(InstallationLocator locator) {
            locators.add(Objects.requireNonNull(locator, "locator"));
            return this;
        }

        /**
         * Adds an interpreter provider, or replaces the one with the same id.
         *
         * @param provider the provider
         * @return this builder
         */
        public Builder provider(InterpreterProvider provider) {
            providers.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /**
         * Adds an execution mode, or replaces the one with the same id.
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder mode(ExecutionMode mode) {
            modes.add(Objects.requireNonNull(mode, "mode"));
            return this;
        }

        /**
         * Adds an exit handler that runs for every runtime this builder starts, or replaces the discovered one
         * with the same id.
         *
         * @param handler the handler
         * @return this builder
         */
        public Builder exitHandler(ExitHandler handler) {
            exitHandlers.add(Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * Chooses what a JVM shutdown ({@code System.exit} elsewhere, {@code SIGTERM}) does to the runtime;
         * {@link JvmShutdown#FINALIZE} by default.
         *
         * @param policy the behaviour
         * @return this builder
         */
        public Builder onJvmShutdown(JvmShutdown policy) {
            this.onJvmShutdown = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Bounds how long one exit handler may run (10 s by default) and how long a JVM shutdown waits for Python
         * to finalize (5 s by default); past them the handler or the finalization is abandoned and reported.
         *
         * @param perHandler the bound for one exit handler
         * @param finalization the bound for finalizing at JVM shutdown
         * @return this builder
         */
        public Builder timeouts(Duration perHandler, Duration finalization) {
            this.exitHandlerTimeout = positive(perHandler, "perHandler");
            this.finalizeTimeout = positive(finalization, "finalization");
            return this;
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new ConfigurationException(name, "The timeout " + name + " must be positive, not " + d);
            }
            return d;
        }

        /**
         * Sets the directory that counts as the current one for {@code sys.path[0]} of {@code -m}; the JVM's by
         * default.
         *
         * @param cwd the directory
         * @return this builder
         */
        public Builder workingDirectory(Path cwd) {
            this.workingDirectory = cwd.toAbsolutePath();
            return this;
        }

        /**
         * Chooses where Python's {@code sys.stdin}, {@code sys.stdout} and {@code sys.stderr} lead;
         * {@link StandardStreams#java()} by default ({@link System#out}, {@link System#err}, an empty standard
         * input). {@link StandardStreams#inherit()} keeps file descriptors 0, 1 and 2 as {@code python} does.
         *
         * @param streams the streams
         * @return this builder
         */
        public Builder standardStreams(StandardStreams streams) {
            this.standardStreams = Objects.requireNonNull(streams, "streams");
            return this;
        }

        /** {@return what this builder collected, as the lifecycle manager reads it} */
        private RuntimeOptions options() {
            return new RuntimeOptions(config, discoverModes, discoverLocators, discoverExitHandlers,
                    discoverProviders, loader, environment == null ? System.getenv() : environment,
                    workingDirectory == null ? Path.of("").toAbsolutePath() : workingDirectory, installation,
                    locators, providers, modes, exitHandlers, onJvmShutdown, exitHandlerTimeout, finalizeTimeout,
                    standardStreams);
        }

        /**
         * Finds the installation and the provider, loads libpython and initializes CPython.
         *
         * @return the started runtime
         * @throws ProviderException when no installation, provider or lifecycle manager fits (the message lists
         *         every candidate), or a plug-in on the class path is broken
         * @throws InitializationException when CPython refuses the configuration
         * @throws NativeAccessException when libpython cannot be used
         * @throws LifecycleException when another runtime is running in this process
         */
        public PythonRuntime start() {
            return factory().start(options());
        }

        /**
         * Resolves the installation as {@link #start()} would, without starting anything.
         *
         * @return the installation
         * @throws ProviderException when no locator finds one
         */
        public PythonInstallation locate() {
            return factory().locate(options());
        }

        private RuntimeFactory factory() {
            if (factory == null) {
                factory = RuntimeFactory.find(loader);
            }
            return factory;
        }
    }
}
