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

/** The python of an active virtual environment ({@code VIRTUAL_ENV}). */
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
        return Optional.empty();
    }
}
