package dev.pyhost.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A CPython installation that PyHost can embed: its {@code python} executable (which becomes
 * {@code sys.executable}), its shared {@code libpython} and its version.
 *
 * @param executable the python executable; for a virtual environment, the environment's python
 * @param libpython the shared library to load
 * @param version the version of that library
 * @param origin which locator found it and why, for messages (for example {@code PYHOST_PYTHON})
 */
public record PythonInstallation(Path executable, Path libpython, PythonVersion version, String origin) {
    /** Checks that no component is missing. */
    public PythonInstallation {
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(libpython, "libpython");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(origin, "origin");
    }

    @Override
    public String toString() {
        return "CPython " + version + " (" + executable + ", " + libpython + ", from " + origin + ")";
    }
}
