package dev.pyhost.cpython;

import dev.pyhost.api.NativeAccessException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.spi.LaunchSettings;
import java.lang.foreign.Arena;

/** Applies a {@link RuntimeConfig} to CPython 3.14+ through PEP 741's {@code PyInitConfig}. */
final class InitConfig {
    private final LibPython lib;

    InitConfig(LibPython lib, Arena arena) {
        this.lib = lib;
        assert arena != null;
    }

    LaunchSettings initialize(RuntimeConfig rc, PythonInstallation installation) {
        throw new NativeAccessException("CPython " + lib.version() + " at " + installation.libpython()
                + " needs the PEP 741 configuration path, which this build does not have yet; use CPython 3.10 to 3.13"
                + " (config " + rc.profile() + ")");
    }
}
