package dev.pyhost.core.install;

import dev.pyhost.api.spi.InstallationLocator;
import dev.pyhost.core.BuiltinPlugin;

/** A built-in installation locator: the subclasses say where they look. */
abstract sealed class BuiltinLocator extends BuiltinPlugin implements InstallationLocator
        permits PyhostPythonLocator, VirtualEnvLocator, PathLocator {
    BuiltinLocator(String id, int order) {
        super(id, order);
    }
}
