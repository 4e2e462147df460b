package dev.pyhost.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A CPython installation that PyHost can embed: its {@code python} executable (which becomes
 * {@code sys.executable}), its shared {@code libpython} and its version.
 *
 * @param executable the python executable; for a virtual environment, the environment's python
 * @param libpython the shared library to load
 * @param version the version of that library
 * @param origin which locator found it and why, for messages (for example {@code PYHOST_PYTHON})
 * @param preload shared libraries to load globally before libpython (for example a bundled {@code libffi}
 *                that the installation's extension modules need)
 */
public record PythonInstallation(Path executable, Path libpython, PythonVersion version, String origin,
        List<Path> preload) {
    /** Checks that no component is missing. */
    public PythonInstallation {
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(libpython, "libpython");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(origin, "origin");
        preload = List.copyOf(preload);
    }

    /**
     * An installation that needs no preloaded libraries.
     *
     * @param executable the python executable
     * @param libpython the shared library
     * @param version its version
     * @param origin where it was found
     */
    public PythonInstallation(Path executable, Path libpython, PythonVersion version, String origin) {
        this(executable, libpython, version, origin, List.of());
    }

    @Override
    public String toString() {
        return "CPython " + version + " (" + executable + ", " + libpython + ", from " + origin + ")";
    }
}
