package dev.pyhost.core.install;

import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.spi.InstallationLocator;
import java.util.Map;
import java.util.Optional;

/** The id and order every built-in locator carries; the subclasses say where they look. */
public abstract sealed class BuiltinLocator implements InstallationLocator
        permits PyhostPythonLocator, VirtualEnvLocator, PathLocator {
    private final String id;
    private final int order;

    BuiltinLocator(String id, int order) {
        this.id = id;
        this.order = order;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final int order() {
        return order;
    }

    @Override
    public abstract Optional<PythonInstallation> locate(RuntimeConfig config, Map<String, String> environment);

    @Override
    public String toString() {
        return id + " (order " + order + ")";
    }
}
