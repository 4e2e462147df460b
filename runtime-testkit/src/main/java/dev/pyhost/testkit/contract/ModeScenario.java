package dev.pyhost.testkit.contract;

import dev.pyhost.api.RuntimeConfig;
import java.util.Objects;

/**
 * A run in which {@link ExecutionModeContract} asks an execution mode whether it applies, and runs it when it does.
 *
 * @param name the scenario's name, for messages
 * @param config the configuration of the run (what is to run: a command, a module, a file, nothing)
 * @param applies whether the mode must apply to this run
 * @param stdin what a {@code runStdin()} of the mode reads; the contract never lets a mode read the test JVM's own
 *        standard input, so {@code MainRunner.runStdin()} runs this text as a command instead
 */
public record ModeScenario(String name, RuntimeConfig config, boolean applies, String stdin) {
    /** Checks the components. */
    public ModeScenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(stdin, "stdin");
    }

    /**
     * A run the mode must apply to.
     *
     * @param name the name
     * @param config the configuration
     * @return the scenario
     */
    public static ModeScenario applies(String name, RuntimeConfig config) {
        return new ModeScenario(name, config, true, "");
    }

    /**
     * A run the mode must decline.
     *
     * @param name the name
     * @param config the configuration
     * @return the scenario
     */
    public static ModeScenario declines(String name, RuntimeConfig config) {
        return new ModeScenario(name, config, false, "");
    }

    /**
     * Gives the run a standard input.
     *
     * @param text the Python source that {@code runStdin()} runs
     * @return the changed scenario
     */
    public ModeScenario withStdin(String text) {
        return new ModeScenario(name, config, applies, text);
    }

    @Override
    public String toString() {
        return "'" + name + "'";
    }
}
