package dev.pyhost.api.spi;

import dev.pyhost.api.RunOutcome;

/**
 * A way to run the main module: command, module, directory or zip, file, standard input, or an integrator's
 * own. Modes are found through {@link java.util.ServiceLoader} (register with {@code @AutoService} and
 * {@code provides} in {@code module-info.java}) or passed explicitly; the first one, by {@link #order()}, whose
 * {@link #appliesTo} answers {@code true} runs. {@link BuiltinPlugins} lists the built-in ids and orders.
 * Implementations need a public no-argument constructor to be discovered.
 */
public interface ExecutionMode {
    /** {@return a unique id, for example {@code command}; used in messages and to replace a built-in} */
    String id();

    /** {@return the position in the precedence; lower is asked first} */
    int order();

    /**
     * Tells whether this mode runs the main module of this run.
     *
     * @param context the run
     * @return whether to run
     */
    boolean appliesTo(MainContext context);

    /**
     * Runs the main module.
     *
     * @param context the run
     * @return the outcome; must not be {@code null}
     */
    RunOutcome run(MainContext context);

    /**
     * {@return whether the inspect-mode REPL may still follow a {@code SystemExit} of this mode; CPython ends
     * the run at once for command, file and standard input, but returns the code for {@code -m} and for a
     * directory or zip file}
     */
    default boolean replMayFollowSystemExit() {
        return false;
    }
}
