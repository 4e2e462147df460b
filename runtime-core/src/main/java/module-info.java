/**
 * The lifecycle manager of PyHost: starts runtimes for {@link dev.pyhost.api.PythonRuntime#builder}, holds the
 * plug-in registry over {@link java.util.ServiceLoader} (built-in, discovered and explicit plug-ins, one discovery
 * switch per kind), the built-in execution modes (command, module, directory or zip, file, standard input) and
 * the built-in installation locators ({@code PYHOST_PYTHON}, {@code VIRTUAL_ENV}, {@code python3} on
 * {@code PATH}). Exports nothing: everything it offers is reached through the API.
 *
 * @provides dev.pyhost.api.backend.RuntimeFactory
 * @provides dev.pyhost.api.spi.ExecutionMode
 * @provides dev.pyhost.api.spi.InstallationLocator
 * @uses dev.pyhost.api.spi.ExecutionMode
 * @uses dev.pyhost.api.spi.InstallationLocator
 * @uses dev.pyhost.api.spi.ExitHandler
 * @uses dev.pyhost.api.backend.InterpreterProvider
 */
module dev.pyhost.core {
    requires dev.pyhost.api;
    requires static com.google.auto.service;

    uses dev.pyhost.api.spi.ExecutionMode;
    uses dev.pyhost.api.backend.InterpreterProvider;
    uses dev.pyhost.api.spi.InstallationLocator;
    uses dev.pyhost.api.spi.ExitHandler;

    provides dev.pyhost.api.backend.RuntimeFactory with dev.pyhost.core.CoreRuntimeFactory;
    provides dev.pyhost.api.spi.ExecutionMode with
            dev.pyhost.core.modes.CommandMode,
            dev.pyhost.core.modes.ModuleMode,
            dev.pyhost.core.modes.DirectoryOrZipMode,
            dev.pyhost.core.modes.FileMode,
            dev.pyhost.core.modes.StdinMode;
    provides dev.pyhost.api.spi.InstallationLocator with
            dev.pyhost.core.install.PyhostPythonLocator,
            dev.pyhost.core.install.VirtualEnvLocator,
            dev.pyhost.core.install.PathLocator;
}
