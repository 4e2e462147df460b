package dev.pyhost.cdi;

import dev.pyhost.api.ExitStatus;
import dev.pyhost.api.RunOutcome;
import java.util.Objects;
import java.util.Optional;

/**
 * CDI event: a run through the container's beans has ended: {@code Interpreter.runFile} or
 * {@code Interpreter.runModule} returned, or {@code PythonRuntime.runMain()} returned (the runtime is finalized by
 * then, as {@code Py_RunMain} finalizes). Fired with the runtime's {@link PyRuntime} qualifier, to synchronous
 * observers on the thread that ran the code, then to asynchronous ones. Calls of {@code exec} and {@code eval} are
 * not runs: they return a value or throw.
 *
 * @param runtime the runtime's name
 * @param what what ran: {@code main}, {@code file <path>} or {@code module <name>}
 * @param outcome how the code ended; empty when {@code runMain()} ran no code (CPython's command line ended the run
 *        first)
 * @param status the exit status: the outcome's status for a file or a module, the composed status of the whole run
 *        for {@code main}
 */
public record RunEnded(String runtime, String what, Optional<RunOutcome> outcome, ExitStatus status) {
    /** Checks that nothing is missing. */
    public RunEnded {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(status, "status");
    }
}
