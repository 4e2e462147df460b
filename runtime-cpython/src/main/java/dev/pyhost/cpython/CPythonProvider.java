package dev.pyhost.cpython;

import com.google.auto.service.AutoService;
import dev.pyhost.api.ProviderException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonVersion;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.StandardStreams;
import dev.pyhost.api.backend.BackendRuntime;
import dev.pyhost.api.backend.InterpreterProvider;
import dev.pyhost.api.spi.BuiltinPlugins;
import dev.pyhost.cpython.process.ProcessServices;

/** Runs CPython 3.10 to 3.14 in this process through the Foreign Function and Memory API. */
@AutoService(InterpreterProvider.class)
public final class CPythonProvider implements InterpreterProvider {
    /** The id of this provider. */
    public static final String ID = BuiltinPlugins.CPYTHON_PROVIDER;
    /** The oldest supported minor version of CPython 3. */
    public static final int MIN_MINOR = 10;
    /** The newest supported minor version of CPython 3. */
    public static final int MAX_MINOR = 14;

    /** Creates the provider (for {@link java.util.ServiceLoader}). */
    public CPythonProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int order() {
        return BuiltinPlugins.CPYTHON_PROVIDER_ORDER;
    }

    @Override
    public String description() {
        return ID + ": CPython 3." + MIN_MINOR + " to 3." + MAX_MINOR + " with a shared libpython, in this process";
    }

    /** Links the native call shapes on a background thread, once per process, while the installation is located. */
    @Override
    public void prepareAhead() {
        ProcessServices.prepareNativeCallsInBackground();
    }

    @Override
    public boolean supports(PythonInstallation installation) {
        return isSupported(installation.version());
    }

    static boolean isSupported(PythonVersion v) {
        return v.major() == 3 && v.minor() >= MIN_MINOR && v.minor() <= MAX_MINOR;
    }

    static void checkSupported(PythonVersion v, PythonInstallation installation) {
        if (!isSupported(v)) {
            throw new ProviderException("CPython " + v + " (" + installation.libpython() + ") is not supported: "
                    + "PyHost supports CPython 3." + MIN_MINOR + " to 3." + MAX_MINOR
                    + ". Choose another installation with PYHOST_PYTHON.");
        }
    }

    @Override
    public BackendRuntime start(PythonInstallation installation, RuntimeConfig config) {
        return CPythonRuntime.start(installation, config, StandardStreams.inherit());
    }

    @Override
    public BackendRuntime start(PythonInstallation installation, RuntimeConfig config, StandardStreams streams) {
        return CPythonRuntime.start(installation, config, streams);
    }
}
