package dev.pyhost.api.spi;

import dev.pyhost.api.RunOutcome;

/**
 * A way to run the main module: command, module, directory or zip, file, standard input, or an integrator's
 * own. Modes are found through {@link java.util.ServiceLoader} (register with {@code @AutoService}) or passed
 * explicitly; the first one, by {@link #order()}, whose {@link #appliesTo} answers {@code true} runs.
 *
 * <p>The built-in orders follow CPython's precedence: command 100, module 200, directory or zip 300,
 * file 400, standard input 1000. Implementations need a public no-argument constructor.
 */
public interface ExecutionMode {
    /** {@return a unique id, for example {@code command}; used in messages and to replace a built-in} */
    String id();

    /** {@return the position in the precedence; lower is asked first} */
    int order();

    /**
     * Tells whether this mode runs the main module for these settings.
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
     * the process at once for command, file and standard input, but returns the code for {@code -m}}
     */
    default boolean replMayFollowSystemExit() {
        return false;
    }
}
