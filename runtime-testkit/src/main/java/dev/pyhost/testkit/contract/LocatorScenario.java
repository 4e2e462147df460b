package dev.pyhost.testkit.contract;

import dev.pyhost.api.RuntimeConfig;
import java.util.Map;
import java.util.Objects;

/**
 * A situation in which {@link InstallationLocatorContract} asks a locator for an installation.
 *
 * @param name the scenario's name, for messages
 * @param environment the environment the locator is given (as {@code PythonRuntime.Builder.environment} would)
 * @param config the configuration being started
 * @param expected what the locator must do
 */
public record LocatorScenario(String name, Map<String, String> environment, RuntimeConfig config, Expected expected) {
    /** What a locator must do in a scenario. */
    public enum Expected {
        /** Find an installation. */
        FINDS,
        /** Find nothing, so that the next locator is asked. */
        PASSES,
        /**
         * Throw {@link dev.pyhost.api.ProviderException} with the reason: it was asked for something specific (its
         * own variable or a setting names an installation, as {@link dev.pyhost.api.spi.InstallationLocator} says)
         * that it cannot honour.
         */
        REFUSES
    }

    /** Copies the environment. */
    public LocatorScenario {
        Objects.requireNonNull(name, "name");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(expected, "expected");
    }

    /**
     * A situation in which the locator must find an installation.
     *
     * @param name the name
     * @param environment the environment
     * @return the scenario
     */
    public static LocatorScenario finds(String name, Map<String, String> environment) {
        return new LocatorScenario(name, environment, defaultConfig(), Expected.FINDS);
    }

    /**
     * A situation in which the locator must find nothing.
     *
     * @param name the name
     * @param environment the environment
     * @return the scenario
     */
    public static LocatorScenario passes(String name, Map<String, String> environment) {
        return new LocatorScenario(name, environment, defaultConfig(), Expected.PASSES);
    }

    /**
     * A situation in which the locator must refuse with a {@link dev.pyhost.api.ProviderException}.
     *
     * @param name the name
     * @param environment the environment
     * @return the scenario
     */
    public static LocatorScenario refuses(String name, Map<String, String> environment) {
        return new LocatorScenario(name, environment, defaultConfig(), Expected.REFUSES);
    }

    /**
     * Uses another configuration.
     *
     * @param other the configuration
     * @return the changed scenario
     */
    public LocatorScenario withConfig(RuntimeConfig other) {
        return new LocatorScenario(name, environment, other, expected);
    }

    private static RuntimeConfig defaultConfig() {
        return RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED).build();
    }

    @Override
    public String toString() {
        return "'" + name + "'";
    }
}
