package dev.pyhost.tests;

import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.spi.ExitContext;
import dev.pyhost.api.spi.ExitHandler;
import dev.pyhost.api.spi.InstallationLocator;
import java.util.Map;
import java.util.Optional;

/**
 * Plug-ins that misbehave, for {@link LauncherFailuresIT}, which packs them into jars of their own with service
 * files and puts those on {@code PYHOST_CLASSPATH}. None is registered in the test classes' own service files:
 * only those jars make them discoverable.
 */
public final class BrokenPlugins {
    private BrokenPlugins() {
    }

    /** An exit handler whose {@code id()} throws. */
    public static final class FailingId implements ExitHandler {
        /** Creates the handler. */
        public FailingId() {
        }

        @Override
        public String id() {
            throw new UnsupportedOperationException("no id, on purpose");
        }

        @Override
        public void onExit(ExitContext context) {
            // never reached
        }
    }

    /** A locator, asked first, that fails with an {@link Error} as a jar missing a dependency would. */
    public static final class ErrorLocator implements InstallationLocator {
        /** Creates the locator. */
        public ErrorLocator() {
        }

        @Override
        public String id() {
            return "test-error";
        }

        @Override
        public int order() {
            return Integer.MIN_VALUE;
        }

        @Override
        public Optional<PythonInstallation> locate(RuntimeConfig config, Map<String, String> environment) {
            throw new NoClassDefFoundError("com/example/Gone");
        }
    }

    /** A locator, asked first, that ends the JVM with status 7. */
    public static final class ExitingLocator implements InstallationLocator {
        /** Creates the locator. */
        public ExitingLocator() {
        }

        @Override
        public String id() {
            return "test-exit";
        }

        @Override
        public int order() {
            return Integer.MIN_VALUE;
        }

        @Override
        public Optional<PythonInstallation> locate(RuntimeConfig config, Map<String, String> environment) {
            System.exit(7);
            return Optional.empty();
        }
    }

    /** An exit handler that announces itself on standard output, planted where it must not be found. */
    public static final class Planted implements ExitHandler {
        /** Creates the handler. */
        public Planted() {
        }

        @Override
        public String id() {
            return "test-planted";
        }

        @Override
        public void onExit(ExitContext context) {
            System.out.println("planted exit handler ran");
        }
    }
}
