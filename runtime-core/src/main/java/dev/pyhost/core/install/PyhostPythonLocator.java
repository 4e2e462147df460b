package dev.pyhost.core.install;

import com.google.auto.service.AutoService;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.spi.BuiltinPlugins;
import dev.pyhost.api.spi.InstallationLocator;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** {@code PYHOST_PYTHON}: the path of a python executable (a venv's python selects the venv). */
@AutoService(InstallationLocator.class)
public final class PyhostPythonLocator extends BuiltinLocator {
    /** The variable read. */
    public static final String VARIABLE = "PYHOST_PYTHON";

    /** Creates the locator. */
    public PyhostPythonLocator() {
        super(BuiltinPlugins.PYHOST_PYTHON_LOCATOR, BuiltinPlugins.PYHOST_PYTHON_LOCATOR_ORDER);
    }

    @Override
    public Optional<PythonInstallation> locate(RuntimeConfig config, Map<String, String> environment) {
        String value = environment.get(VARIABLE);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Installations.fromExecutable(Path.of(value), VARIABLE + "=" + value));
    }
}
