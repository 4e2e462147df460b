package dev.pyhost.api.backend;

import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.StandardStreams;

/**
 * Loads a CPython installation and starts a {@link BackendRuntime} from a configuration. Providers are found
 * through {@link java.util.ServiceLoader}; the first one by {@link #order()} that {@link #supports} the
 * installation is used. {@code runtime-cpython} is the one PyHost ships.
 */
public interface InterpreterProvider {
    /** {@return a unique id, for example {@code cpython-ffm}} */
    String id();

    /** {@return the position among providers; lower is asked first} */
    int order();

    /** {@return what this provider runs, for error messages; its id by default} */
    default String description() {
        return id();
    }

    /**
     * Tells whether this provider can run the installation.
     *
     * @param installation the installation
     * @return whether it can
     */
    boolean supports(PythonInstallation installation);

    /**
     * A hint, given at the beginning of every runtime start to each provider the lifecycle manager found, before
     * the installation is located: one-time set-up that does not depend on the installation may begin now, in the
     * background, so that it overlaps with locating (PyHost's CPython provider prepares the JVM's native linker,
     * whose first use costs tens of milliseconds). It must return at once and never throw; does nothing by
     * default.
     */
    default void prepareAhead() {
    }

    /**
     * Loads the installation (once per process) and initializes a runtime from the configuration.
     *
     * @param installation the installation
     * @param config the configuration
     * @return the started runtime, owned by the caller
     * @throws dev.pyhost.api.InitializationException when CPython refuses the configuration, or its command-line
     *         parser ends the run (help, version, usage error)
     * @throws dev.pyhost.api.NativeAccessException when the library cannot be used
     * @throws dev.pyhost.api.ProviderException when the library is a CPython version this provider cannot run
     * @throws dev.pyhost.api.LifecycleException when another runtime is running in this process
     */
    BackendRuntime start(PythonInstallation installation, RuntimeConfig config);

    /**
     * Loads the installation and initializes a runtime whose standard streams lead where {@code streams} says.
     * The default ignores {@code streams} (the runtime keeps the process's file descriptors), for providers that
     * cannot redirect them; PyHost's CPython provider overrides it.
     *
     * @param installation the installation
     * @param config the configuration
     * @param streams where {@code sys.stdin}, {@code sys.stdout} and {@code sys.stderr} lead
     * @return the started runtime, owned by the caller
     * @throws dev.pyhost.api.InitializationException as {@link #start(PythonInstallation, RuntimeConfig)}
     * @throws dev.pyhost.api.NativeAccessException as {@link #start(PythonInstallation, RuntimeConfig)}
     * @throws dev.pyhost.api.ProviderException as {@link #start(PythonInstallation, RuntimeConfig)}
     * @throws dev.pyhost.api.LifecycleException as {@link #start(PythonInstallation, RuntimeConfig)}
     */
    default BackendRuntime start(PythonInstallation installation, RuntimeConfig config, StandardStreams streams) {
        return start(installation, config);
    }
}
