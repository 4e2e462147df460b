package dev.pyhost.api.backend;

import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.StandardStreams;
import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.api.spi.ExitHandler;
import dev.pyhost.api.spi.InstallationLocator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link PythonRuntime.Builder} collected, handed to the {@link RuntimeFactory}.
 *
 * @param config the configuration
 * @param discoverModes whether execution modes are discovered
 * @param discoverLocators whether installation locators are discovered
 * @param discoverExitHandlers whether exit handlers are discovered
 * @param discoverProviders whether interpreter providers are discovered
 * @param classLoader the loader plug-ins are discovered with
 * @param environment the environment locators read
 * @param workingDirectory the current directory for {@code sys.path[0]}
 * @param installation the installation to use without asking locators, or {@code null}
 * @param locators locators given explicitly
 * @param providers providers given explicitly
 * @param modes execution modes given explicitly
 * @param exitHandlers exit handlers given explicitly
 * @param onJvmShutdown what a JVM shutdown does to the runtime
 * @param exitHandlerTimeout the bound for one exit handler
 * @param finalizeTimeout the bound for finalizing at JVM shutdown
 * @param standardStreams where Python's standard streams lead
 */
public record RuntimeOptions(RuntimeConfig config, boolean discoverModes, boolean discoverLocators,
        boolean discoverExitHandlers, boolean discoverProviders, ClassLoader classLoader,
        Map<String, String> environment, Path workingDirectory, PythonInstallation installation,
        List<InstallationLocator> locators, List<InterpreterProvider> providers, List<ExecutionMode> modes,
        List<ExitHandler> exitHandlers, PythonRuntime.JvmShutdown onJvmShutdown, Duration exitHandlerTimeout,
        Duration finalizeTimeout, StandardStreams standardStreams) {
    /** Copies the collections and checks that nothing required is missing. */
    public RuntimeOptions {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(classLoader, "classLoader");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        locators = List.copyOf(locators);
        providers = List.copyOf(providers);
        modes = List.copyOf(modes);
        exitHandlers = List.copyOf(exitHandlers);
        Objects.requireNonNull(onJvmShutdown, "onJvmShutdown");
        Objects.requireNonNull(exitHandlerTimeout, "exitHandlerTimeout");
        Objects.requireNonNull(finalizeTimeout, "finalizeTimeout");
        Objects.requireNonNull(standardStreams, "standardStreams");
    }

    /** {@return the installation chosen explicitly on the builder, if any} */
    public Optional<PythonInstallation> explicitInstallation() {
        return Optional.ofNullable(installation);
    }
}
