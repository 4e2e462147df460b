package dev.pyhost.api.spi;

import dev.pyhost.api.RunOutcome;
import java.util.Optional;

/**
 * An {@link ExecutionMode} that is also a terminal front end, so it can run the inspect-mode REPL that follows
 * the main code ({@code -i}, {@code PYTHONINSPECT}). When that REPL is due and standard input is a terminal,
 * the run asks the modes, in {@link #order()}, for the first one whose {@link #inspectAppliesTo} answers
 * {@code true}; when none does, or it declines, CPython's basic loop runs.
 */
public interface InteractiveMode extends ExecutionMode {
    /**
     * Tells whether this mode can run the inspect-mode REPL of this run (for example: standard output is a
     * terminal too).
     *
     * @param context the run
     * @return whether to run the inspect REPL here
     */
    boolean inspectAppliesTo(MainContext context);

    /**
     * Runs the inspect-mode REPL after the main code. Inspect mode has already been reset; this method calls
     * {@code sys.__interactivehook__} (and runs {@code PYTHONSTARTUP} where that CPython version does) through
     * {@link InteractiveBackend#beforeSession}.
     *
     * @param context the run
     * @return the outcome of the REPL, whose status becomes the status of the run; empty when no terminal could
     *         be opened after all, so that CPython's basic loop runs instead
     */
    Optional<RunOutcome> inspect(MainContext context);
}
