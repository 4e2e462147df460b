package dev.pyhost.core;

import dev.pyhost.api.InitializationException;
import dev.pyhost.api.NativeAccessException;
import dev.pyhost.api.ProviderException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.api.spi.ExitHandler;
import dev.pyhost.api.spi.InstallationLocator;
import dev.pyhost.api.spi.InterpreterProvider;
import dev.pyhost.api.spi.NativeRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Starts embedded CPython runtimes. Plug-ins (installation locators, interpreter providers, execution modes,
 * exit handlers) are discovered through {@link java.util.ServiceLoader} unless discovery is switched off, and
 * may always be given explicitly; an explicit plug-in replaces a discovered one with the same id.
 *
 * <pre>{@code
 * try (PythonRuntime python = PyHost.builder(RuntimeConfig.builder().command("print('hi')").build()).start()) {
 *     ExitStatus status = python.runMain();
 * }
 * }</pre>
 */
public final class PyHost {
    private static final System.Logger LOG = System.getLogger(PyHost.class.getName());

    private final RuntimeConfig config;
    private boolean discovery = true;
    private ClassLoader loader = PyHost.class.getClassLoader();
    private Map<String, String> environment = System.getenv();
    private Path workingDirectory = Path.of("").toAbsolutePath();
    private PythonInstallation installation;
    private final List<InstallationLocator> locators = new ArrayList<>();
    private final List<InterpreterProvider> providers = new ArrayList<>();
    private final List<ExecutionMode> modes = new ArrayList<>();
    private final List<ExitHandler> exitHandlers = new ArrayList<>();
    private PythonRuntime.JvmShutdown onJvmShutdown = PythonRuntime.JvmShutdown.FINALIZE;
    private Duration exitHandlerTimeout = Duration.ofSeconds(10);
    private Duration shutdownTimeout = Duration.ofSeconds(5);

    private PyHost(RuntimeConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Starts a builder.
     *
     * @param config the configuration of the runtime
     * @return the builder
     */
    public static PyHost builder(RuntimeConfig config) {
        return new PyHost(config);
    }

    /**
     * Switches {@link java.util.ServiceLoader} discovery on or off (on by default); when off, only plug-ins
     * given explicitly are used.
     *
     * @param enabled whether to discover
     * @return this builder
     */
    public PyHost discovery(boolean enabled) {
        this.discovery = enabled;
        return this;
    }

    /**
     * Sets the class loader plug-ins are discovered with.
     *
     * @param classLoader the loader
     * @return this builder
     */
    public PyHost classLoader(ClassLoader classLoader) {
        this.loader = Objects.requireNonNull(classLoader, "classLoader");
        return this;
    }

    /**
     * Sets the environment that locators read ({@code PYHOST_PYTHON}, {@code VIRTUAL_ENV}, {@code PATH});
     * the process environment by default.
     *
     * @param env the variables
     * @return this builder
     */
    public PyHost environment(Map<String, String> env) {
        this.environment = Map.copyOf(env);
        return this;
    }

    /**
     * Uses this installation and asks no locator.
     *
     * @param python the installation
     * @return this builder
     */
    public PyHost installation(PythonInstallation python) {
        this.installation = Objects.requireNonNull(python, "python");
        return this;
    }

    /**
     * Adds an installation locator.
     *
     * @param locator the locator
     * @return this builder
     */
    public PyHost locator(InstallationLocator locator) {
        locators.add(Objects.requireNonNull(locator, "locator"));
        return this;
    }

    /**
     * Adds an interpreter provider.
     *
     * @param provider the provider
     * @return this builder
     */
    public PyHost provider(InterpreterProvider provider) {
        providers.add(Objects.requireNonNull(provider, "provider"));
        return this;
    }

    /**
     * Adds an execution mode, or replaces the built-in one with the same id.
     *
     * @param mode the mode
     * @return this builder
     */
    public PyHost mode(ExecutionMode mode) {
        modes.add(Objects.requireNonNull(mode, "mode"));
        return this;
    }

    /**
     * Adds an exit handler.
     *
     * @param handler the handler
     * @return this builder
     */
    public PyHost exitHandler(ExitHandler handler) {
        exitHandlers.add(Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /**
     * Chooses what a JVM shutdown ({@code System.exit} elsewhere, {@code SIGTERM}) does to the runtime;
     * {@link PythonRuntime.JvmShutdown#FINALIZE} by default.
     *
     * @param mode the behaviour
     * @return this builder
     */
    public PyHost onJvmShutdown(PythonRuntime.JvmShutdown mode) {
        this.onJvmShutdown = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /**
     * Bounds how long one exit handler may run (10 s by default) and how long a JVM shutdown waits for Python to
     * finalize (5 s by default); past them the handler or the finalization is abandoned and reported.
     *
     * @param perHandler the bound for one exit handler
     * @param finalization the bound for finalizing at JVM shutdown
     * @return this builder
     */
    public PyHost timeouts(Duration perHandler, Duration finalization) {
        this.exitHandlerTimeout = Objects.requireNonNull(perHandler, "perHandler");
        this.shutdownTimeout = Objects.requireNonNull(finalization, "finalization");
        return this;
    }

    /**
     * Sets the directory that counts as the current one for {@code sys.path[0]} of {@code -m}; the JVM's by
     * default.
     *
     * @param cwd the directory
     * @return this builder
     */
    public PyHost workingDirectory(Path cwd) {
        this.workingDirectory = cwd.toAbsolutePath();
        return this;
    }

    /**
     * Finds the installation and the provider, loads libpython and initializes CPython.
     *
     * @return the started runtime
     * @throws ProviderException when no installation or provider fits (the message lists every candidate)
     * @throws InitializationException when CPython refuses the configuration
     * @throws NativeAccessException when libpython cannot be used
     */
    public PythonRuntime start() {
        PythonInstallation python = installation != null ? installation : locate();
        Plugins<InterpreterProvider> candidates = Plugins.of(InterpreterProvider.class, discovery, loader, providers,
                InterpreterProvider::id, InterpreterProvider::order);
        InterpreterProvider provider = candidates.ordered().stream().filter(p -> p.supports(python)).findFirst()
                .orElseThrow(() -> new ProviderException("No interpreter provider supports CPython "
                        + python.version().feature() + " (" + python.executable() + "). Candidates:\n"
                        + candidates.describe(InterpreterProvider::description)
                        + "\nPut runtime-cpython on the class path, or pass a provider with PyHost.provider(...)."));
        LOG.log(System.Logger.Level.DEBUG, "starting {0} with provider {1}", python, provider.id());
        Plugins<ExecutionMode> modeSet = Plugins.of(ExecutionMode.class, discovery, loader, modes, ExecutionMode::id,
                ExecutionMode::order);
        Plugins<ExitHandler> handlerSet = Plugins.of(ExitHandler.class, discovery, loader, exitHandlers,
                ExitHandler::id, ExitHandler::order);
        NativeRuntime runtime = provider.start(python, config);
        return new PythonRuntime(config, runtime, modeSet, handlerSet, workingDirectory, onJvmShutdown,
                exitHandlerTimeout, shutdownTimeout);
    }

    /**
     * Resolves the installation through the locator chain without starting anything.
     *
     * @return the installation
     * @throws ProviderException when no locator finds one
     */
    public PythonInstallation locate() {
        Plugins<InstallationLocator> chain = Plugins.of(InstallationLocator.class, discovery, loader, locators,
                InstallationLocator::id, InstallationLocator::order);
        for (InstallationLocator locator : chain.ordered()) {
            Optional<PythonInstallation> found = locator.locate(config, environment);
            if (found.isPresent()) {
                LOG.log(System.Logger.Level.DEBUG, "locator {0} chose {1}", locator.id(), found.get());
                return found.get();
            }
        }
        throw new ProviderException("No CPython installation was found. Locators asked, in order:\n"
                + chain.describe(l -> l.id() + " (order " + l.order() + ")")
                + "\nSet PYHOST_PYTHON to a python executable built with a shared libpython (3.10 to 3.14), "
                + "or choose one with RuntimeConfig.Builder.python(...).");
    }
}
