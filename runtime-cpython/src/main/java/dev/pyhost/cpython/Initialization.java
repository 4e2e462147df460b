package dev.pyhost.cpython;

import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonVersion;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.backend.ResolvedSettings;
import java.lang.foreign.Arena;

/**
 * Which way a {@link RuntimeConfig} reaches CPython, and how the resolved settings come back: PEP 741's
 * {@code PyInitConfig} ({@link Pep741Initializer}) for the isolated profile on 3.14+, the {@code PyConfig} struct
 * ({@link PyConfigStructInitializer}) otherwise.
 */
final class Initialization {
    private Initialization() {
    }

    /** Reads the settings CPython resolved, once the bootstrap is loaded; on the Python thread with the GIL. */
    @FunctionalInterface
    interface SettingsReader {
        /**
         * Reads the settings.
         *
         * @param py the object operations
         * @param boot the loaded bootstrap
         * @return the settings
         */
        ResolvedSettings read(PyObjects py, Bootstrap boot);
    }

    /**
     * Whether a configuration goes through PEP 741.
     *
     * @param version the CPython version
     * @param profile the configuration's profile
     * @return {@code true} for the isolated profile on 3.14+
     */
    static boolean usesPep741(PythonVersion version, RuntimeConfig.Profile profile) {
        return version.minor() >= 14 && profile == RuntimeConfig.Profile.ISOLATED;
    }

    /**
     * Applies the configuration and initializes CPython, on the thread that will own the interpreter.
     *
     * @param lib the loaded libpython
     * @param config the configuration
     * @param installation the installation, for the default program name
     * @return how to read the resolved settings back once the bootstrap is loaded
     * @throws LifecycleException when other code already initialized CPython in this process
     */
    static SettingsReader initialize(LibPython lib, RuntimeConfig config, PythonInstallation installation) {
        if (CApi.Py_IsInitialized() != 0) {
            throw new LifecycleException("CPython is already initialized in this process by other code");
        }
        try (Arena arena = Arena.ofConfined()) {
            if (usesPep741(lib.version(), config.profile())) {
                new Pep741Initializer(lib, arena).initialize(config, installation);
                String programName = installation.executable().toString();
                return (py, boot) -> Pep741Initializer.readBack(py, boot, programName);
            }
            ResolvedSettings settings = new PyConfigStructInitializer(lib, arena).initialize(config, installation);
            return (py, boot) -> settings;
        }
    }
}
