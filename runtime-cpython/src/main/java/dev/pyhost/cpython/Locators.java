package dev.pyhost.cpython;

import com.google.auto.service.AutoService;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.spi.InstallationLocator;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The built-in installation locators, in the order they are asked. */
public final class Locators {
    private Locators() {
    }

    /** The python chosen with {@link RuntimeConfig.Builder#python(Path)}. Order 100. */
    @AutoService(InstallationLocator.class)
    public static final class Explicit implements InstallationLocator {
        /** Creates the locator. */
        public Explicit() {
        }

        @Override
        public String id() {
            return "explicit";
        }

        @Override
        public int order() {
            return 100;
        }

        @Override
        public Optional<PythonInstallation> locate(RuntimeConfig config, Map<String, String> environment) {
            return config.python().map(p -> Installations.fromExecutable(p, "RuntimeConfig.python"));
        }
    }

    /** {@code PYHOST_PYTHON}: the path of a python executable. Order 200. */
    @AutoService(InstallationLocator.class)
    public static final class PyhostPython implements InstallationLocator {
        /** The variable read. */
        public static final String VARIABLE = "PYHOST_PYTHON";

        /** Creates the locator. */
        public PyhostPython() {
        }

        @Override
        public String id() {
            return "pyhost-python";
        }

        @Override
        public int order() {
            return 200;
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

    /** An active virtual environment ({@code VIRTUAL_ENV}). Order 300. */
    @AutoService(InstallationLocator.class)
    public static final class VirtualEnv implements InstallationLocator {
        /** Creates the locator. */
        public VirtualEnv() {
        }

        @Override
        public String id() {
            return "virtual-env";
        }

        @Override
        public int order() {
            return 300;
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

    /** The first {@code python3} on {@code PATH}. Order 900. */
    @AutoService(InstallationLocator.class)
    public static final class PathPython implements InstallationLocator {
        /** Creates the locator. */
        public PathPython() {
        }

        @Override
        public String id() {
            return "path-python3";
        }

        @Override
        public int order() {
            return 900;
        }

        @Override
        public Optional<PythonInstallation> locate(RuntimeConfig config, Map<String, String> environment) {
            String path = environment.getOrDefault("PATH", "");
            for (String dir : path.split(File.pathSeparator)) {
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
}
