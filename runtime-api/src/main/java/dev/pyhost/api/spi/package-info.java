/**
 * What integrators implement: execution modes ({@link dev.pyhost.api.spi.ExecutionMode},
 * {@link dev.pyhost.api.spi.InteractiveMode}), exit handlers ({@link dev.pyhost.api.spi.ExitHandler}) and
 * installation locators ({@link dev.pyhost.api.spi.InstallationLocator}), with the small context types they are
 * handed ({@link dev.pyhost.api.spi.MainContext}, {@link dev.pyhost.api.spi.MainRunner},
 * {@link dev.pyhost.api.spi.InteractiveBackend}, {@link dev.pyhost.api.spi.ExitContext}). Register an
 * implementation with {@code @AutoService} (which writes {@code META-INF/services} for the class path) and with
 * {@code provides} in {@code module-info.java} (for the module path), or pass it to
 * {@code PythonRuntime.Builder}. {@link dev.pyhost.api.spi.BuiltinPlugins} lists PyHost's own ids and orders.
 */
package dev.pyhost.api.spi;
