package dev.pyhost.embedded;

import com.google.auto.service.AutoService;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.backend.StartupTrace;
import dev.pyhost.api.spi.BuiltinPlugins;
import dev.pyhost.api.spi.InstallationLocator;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Offers the embedded CPython (order 800: after an explicit choice, {@code PYHOST_PYTHON} and an active
 * virtual environment, before {@code python3} on {@code PATH}). Absent when the payload jar is on neither the
 * class path nor the module path; on another platform it steps aside with a warning that says why.
 */
@AutoService(InstallationLocator.class)
public final class EmbeddedLocator implements InstallationLocator {
    /** Creates the locator. */
    public EmbeddedLocator() {
    }

    @Override
    public String id() {
        return BuiltinPlugins.EMBEDDED_LOCATOR;
    }

    @Override
    public int order() {
        return BuiltinPlugins.EMBEDDED_LOCATOR_ORDER;
    }

    @Override
    public Optional<PythonInstallation> locate(RuntimeConfig config, Map<String, String> environment) {
        EmbeddedCPython payload = EmbeddedCPython.payload();
        Optional<String> mismatch = payload.platformMismatch(System.getProperty("os.name"), System.getProperty("os.arch"));
        if (mismatch.isPresent()) {
            Log.LOG.log(System.Logger.Level.WARNING, mismatch.get());
            return Optional.empty();
        }
        Optional<Path> jar = payload.jar();
        if (jar.isEmpty()) {
            Log.LOG.log(System.Logger.Level.DEBUG, "no embedded CPython payload ({0}) on the class path or the module path",
                    payload.artifact());
            return Optional.empty();
        }
        StartupTrace.mark("payload jar found");
        PythonInstallation prepared = payload.prepare(jar.get(), EmbeddedCPython.cacheRoot(environment));
        StartupTrace.mark("embedded cache checked");
        return Optional.of(prepared);
    }

    /** Holds the logger, created on first use: creating one starts the JDK's logging back end. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(EmbeddedLocator.class.getName());
    }
}
