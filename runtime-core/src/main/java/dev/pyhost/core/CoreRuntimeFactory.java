package dev.pyhost.core;

import com.google.auto.service.AutoService;
import dev.pyhost.api.InitializationException;
import dev.pyhost.api.ProviderException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.backend.BackendRuntime;
import dev.pyhost.api.backend.InterpreterProvider;
import dev.pyhost.api.backend.RuntimeFactory;
import dev.pyhost.api.backend.RuntimeOptions;
import dev.pyhost.api.backend.StartupTrace;
import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.api.spi.ExitHandler;
import dev.pyhost.api.spi.InstallationLocator;
import dev.pyhost.core.install.Installations;
import dev.pyhost.core.install.PathLocator;
import dev.pyhost.core.install.PyhostPythonLocator;
import dev.pyhost.core.install.VirtualEnvLocator;
import dev.pyhost.core.modes.CommandMode;
import dev.pyhost.core.modes.DirectoryOrZipMode;
import dev.pyhost.core.modes.FileMode;
import dev.pyhost.core.modes.ModuleMode;
import dev.pyhost.core.modes.StdinMode;
import java.util.List;
import java.util.Optional;

/**
 * The lifecycle manager behind {@link PythonRuntime#builder}: resolves the installation (the one chosen in
 * code first, then the locator chain), chooses the interpreter provider, starts it, and wraps it in a
 * {@link ManagedRuntime}.
 */
@AutoService(RuntimeFactory.class)
public final class CoreRuntimeFactory implements RuntimeFactory {
    static final Plugins.Kind<ExecutionMode> MODES =
            new Plugins.Kind<>(ExecutionMode.class, ExecutionMode::id, ExecutionMode::order);
    static final Plugins.Kind<InstallationLocator> LOCATORS =
            new Plugins.Kind<>(InstallationLocator.class, InstallationLocator::id, InstallationLocator::order);
    static final Plugins.Kind<ExitHandler> EXIT_HANDLERS =
            new Plugins.Kind<>(ExitHandler.class, ExitHandler::id, ExitHandler::order);
    static final Plugins.Kind<InterpreterProvider> PROVIDERS =
            new Plugins.Kind<>(InterpreterProvider.class, InterpreterProvider::id, InterpreterProvider::order);

    /** Creates the factory (for {@link java.util.ServiceLoader}). */
    public CoreRuntimeFactory() {
    }

    /** {@return the execution modes of the core, present whether or not discovery is on} */
    static List<ExecutionMode> builtinModes() {
        return List.of(new CommandMode(), new ModuleMode(), new DirectoryOrZipMode(), new FileMode(), new StdinMode());
    }

    /** {@return the installation locators of the core, present whether or not discovery is on} */
    static List<InstallationLocator> builtinLocators() {
        return List.of(new PyhostPythonLocator(), new VirtualEnvLocator(), new PathLocator());
    }

    @Override
    public PythonRuntime start(RuntimeOptions options) {
        StartupTrace.mark("lifecycle manager found");
        Plugins<InterpreterProvider> candidates = Plugins.of(PROVIDERS, List.of(), options.discoverProviders(),
                options.classLoader(), options.providers());
        for (InterpreterProvider p : candidates.ordered()) {
            try {
                p.prepareAhead();
            } catch (RuntimeException e) {
                // a hint only: the provider's start says what is wrong, if anything is
            }
        }
        PythonInstallation python = locate(options);
        StartupTrace.mark("installation located", python);
        InterpreterProvider provider = candidates.ordered().stream().filter(p -> p.supports(python)).findFirst()
                .orElseThrow(() -> new ProviderException("No interpreter provider supports CPython "
                        + python.version().feature() + " (" + python.executable() + "). Candidates:\n"
                        + candidates.describe(InterpreterProvider::description)
                        + "\nPut runtime-cpython on the class path, or pass a provider with "
                        + "PythonRuntime.Builder.provider(...)."));
        Plugins<ExecutionMode> modes = Plugins.of(MODES, builtinModes(), options.discoverModes(),
                options.classLoader(), options.modes());
        Plugins<ExitHandler> handlers = Plugins.of(EXIT_HANDLERS, List.of(), options.discoverExitHandlers(),
                options.classLoader(), options.exitHandlers());
        StartupTrace.mark("plug-ins discovered, provider", provider.id());
        BackendRuntime backend;
        try {
            backend = provider.start(python, options.config(), options.standardStreams());
        } catch (InitializationException e) {
            if (e.exitCode().isPresent()) {
                return new EndedRuntime(options.config(), python, e.exitCode().getAsInt());
            }
            throw e;
        }
        ManagedRuntime runtime = new ManagedRuntime(options, backend, modes, handlers);
        StartupTrace.mark("runtime started");
        return runtime;
    }

    @Override
    public PythonInstallation locate(RuntimeOptions options) {
        Optional<PythonInstallation> explicit = options.explicitInstallation();
        if (explicit.isPresent()) {
            return explicit.get();
        }
        RuntimeConfig config = options.config();
        if (config.python().isPresent()) {
            return Installations.fromExecutable(config.python().get(), "RuntimeConfig.python");
        }
        Plugins<InstallationLocator> chain = Plugins.of(LOCATORS, builtinLocators(), options.discoverLocators(),
                options.classLoader(), options.locators());
        for (InstallationLocator locator : chain.ordered()) {
            Optional<PythonInstallation> found = locator.locate(config, options.environment());
            if (found.isPresent()) {
                StartupTrace.mark("locator chose an installation", locator.id());
                return found.get();
            }
        }
        throw new ProviderException("No CPython installation was found. Locators asked, in order:\n"
                + chain.describe(l -> l.id() + " (order " + l.order() + ")")
                + "\nAdd the artifact runtime-embedded (the CPython 3.14 from Maven Central), set PYHOST_PYTHON to "
                + "a python executable built with a shared libpython (3.10 to 3.14), or choose one with "
                + "RuntimeConfig.Builder.python(...).");
    }
}
