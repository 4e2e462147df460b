package dev.pyhost.core.install;

import com.google.auto.service.AutoService;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.spi.BuiltinPlugins;
import dev.pyhost.api.spi.InstallationLocator;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The first {@code python3} on {@code PATH}; empty entries (the current directory) are skipped. */
@AutoService(InstallationLocator.class)
public final class PathLocator extends BuiltinLocator {
    /** Creates the locator. */
    public PathLocator() {
        super(BuiltinPlugins.PATH_LOCATOR, BuiltinPlugins.PATH_LOCATOR_ORDER);
    }

    @Override
    public Optional<PythonInstallation> locate(RuntimeConfig config, Map<String, String> environment) {
        for (String dir : environment.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "python3");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(Installations.fromExecutable(candidate, "python3 on PATH"));
            }
        }
        return Optional.empty();
    }
}
