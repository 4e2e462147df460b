/**
 * The lifecycle manager of PyHost ({@link dev.pyhost.core.PyHost}, {@link dev.pyhost.core.PythonRuntime}), the
 * provider registry over {@link java.util.ServiceLoader}, and the built-in execution modes: command, module,
 * directory or zip, file and standard input.
 *
 * @provides dev.pyhost.api.spi.ExecutionMode
 */
module dev.pyhost.core {
    requires transitive dev.pyhost.api;
    requires static transitive com.google.auto.service;

    exports dev.pyhost.core;
    exports dev.pyhost.core.modes;

    uses dev.pyhost.api.spi.ExecutionMode;
    uses dev.pyhost.api.spi.InterpreterProvider;
    uses dev.pyhost.api.spi.InstallationLocator;
    uses dev.pyhost.api.spi.ExitHandler;

    provides dev.pyhost.api.spi.ExecutionMode with
            dev.pyhost.core.modes.CommandMode,
            dev.pyhost.core.modes.ModuleMode,
            dev.pyhost.core.modes.ImporterPathMode,
            dev.pyhost.core.modes.FileMode,
            dev.pyhost.core.modes.StdinMode;
}
