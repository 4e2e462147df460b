/**
 * PyHost for CDI containers (Weld SE and any CDI 4 container): a portable extension that makes
 * {@link dev.pyhost.api.PythonRuntime}, {@link dev.pyhost.api.Interpreter} and {@link dev.pyhost.api.RuntimeConfig}
 * injectable, configured from properties, several of them told apart by {@link dev.pyhost.cdi.PyRuntime}; CDI beans
 * that implement {@link dev.pyhost.api.spi.ExitHandler}, {@link dev.pyhost.api.spi.ExecutionMode} or
 * {@link dev.pyhost.api.spi.InstallationLocator} take part as plug-ins; lifecycle events; and a shutdown order that
 * CDI itself does not give. See {@link dev.pyhost.cdi} for the properties and the rules.
 *
 * <p>The package is opened because the container calls the extension's observer methods reflectively. The
 * extension is registered in {@code META-INF/services} too, since Weld reads that file even on the module path.
 *
 * @provides jakarta.enterprise.inject.spi.Extension
 */
@SuppressWarnings("module") // requires modules that export nothing: they take part through their services
module dev.pyhost.cdi {
    requires transitive dev.pyhost.api;
    requires transitive jakarta.cdi;
    requires transitive jakarta.inject;
    requires dev.pyhost.core;
    requires dev.pyhost.cpython;
    requires dev.pyhost.atexit;

    exports dev.pyhost.cdi;
    opens dev.pyhost.cdi;

    provides jakarta.enterprise.inject.spi.Extension with dev.pyhost.cdi.PyHostExtension;
}
