package dev.pyhost.api.backend;

import dev.pyhost.api.ProviderException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonRuntime;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The lifecycle manager behind {@link PythonRuntime#builder}: {@code runtime-core} implements it and registers it
 * with {@link ServiceLoader}. Embedders never see it.
 */
public interface RuntimeFactory {
    /**
     * Starts a runtime.
     *
     * @param options what the builder collected
     * @return the runtime
     */
    PythonRuntime start(RuntimeOptions options);

    /**
     * Resolves the installation a runtime with these options would run on.
     *
     * @param options what the builder collected
     * @return the installation
     */
    PythonInstallation locate(RuntimeOptions options);

    /**
     * Finds the lifecycle manager.
     *
     * @param loader the class loader to look with
     * @return the first one found
     * @throws ProviderException when none is on the class or module path, or it cannot be loaded
     */
    static RuntimeFactory find(ClassLoader loader) {
        try {
            Iterator<RuntimeFactory> found = ServiceLoader.load(RuntimeFactory.class, loader).iterator();
            if (found.hasNext()) {
                return found.next();
            }
        } catch (ServiceConfigurationError e) {
            throw new ProviderException("PyHost's lifecycle manager (runtime-core) cannot be loaded: "
                    + e.getMessage(), e);
        }
        throw new ProviderException("PyHost's lifecycle manager is missing: put the artifact dev.pyhost:pyhost (or at "
                + "least runtime-core and runtime-cpython) on the class or module path.");
    }
}
