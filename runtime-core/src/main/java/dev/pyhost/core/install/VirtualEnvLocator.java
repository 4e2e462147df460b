package dev.pyhost.core.install;

import com.google.auto.service.AutoService;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.spi.BuiltinPlugins;
import dev.pyhost.api.spi.InstallationLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The python of an active virtual environment ({@code VIRTUAL_ENV}). {@code VIRTUAL_ENV} is a hint that
 * {@code activate} leaves for prompts and tools, not a request to PyHost: when it names no virtual environment (the
 * folder is gone, or holds no {@code bin/python} or {@code bin/python3}) the locator passes to the next one, as
 * {@code python} itself ignores a stale {@code VIRTUAL_ENV}, and says so at {@code DEBUG}. An environment that exists
 * but cannot be embedded (its python has no shared libpython, say) is refused with the reason, as the SPI asks.
 */
@AutoService(InstallationLocator.class)
public final class VirtualEnvLocator extends BuiltinLocator {

    /** Creates the locator. */
    public VirtualEnvLocator() {
        super(BuiltinPlugins.VIRTUAL_ENV_LOCATOR, BuiltinPlugins.VIRTUAL_ENV_LOCATOR_ORDER);
    }

    @Override
    public Optional<PythonInstallation> locate(RuntimeConfig config, Map<String, String> environment) {
        String value = environment.get("VIRTUAL_ENV");
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        Path bin = Path.of(value, "bin");
        for (String name : new String[] {"python", "python3"}) {
            if (Files.isRegularFile(bin.resolve(name))) {
                return Optional.of(Installations.fromExecutable(bin.resolve(name), "VIRTUAL_ENV=" + value));
            }
        }
        Log.LOG.log(System.Logger.Level.DEBUG, "VIRTUAL_ENV={0} names no virtual environment (no {1}/python or python3); "
                + "passing to the next locator", value, bin);
        return Optional.empty();
    }

    /** Holds the logger, created on first use: creating one starts the JDK's logging back end. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(VirtualEnvLocator.class.getName());
    }
}
