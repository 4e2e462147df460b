/**
 * The contracts of PyHost: the immutable {@link dev.pyhost.api.RuntimeConfig}, the
 * {@link dev.pyhost.api.Interpreter} that runs Python code, run outcomes, exit statuses and the exception
 * hierarchy; and, in {@code dev.pyhost.api.spi}, the plug-in interfaces (execution modes, exit handlers,
 * interpreter providers, installation locators) that integrators implement and register with
 * {@link java.util.ServiceLoader}.
 *
 * @uses dev.pyhost.api.spi.ExecutionMode
 * @uses dev.pyhost.api.spi.InterpreterProvider
 * @uses dev.pyhost.api.spi.InstallationLocator
 * @uses dev.pyhost.api.spi.ExitHandler
 */
module dev.pyhost.api {
    exports dev.pyhost.api;
    exports dev.pyhost.api.spi;
}
