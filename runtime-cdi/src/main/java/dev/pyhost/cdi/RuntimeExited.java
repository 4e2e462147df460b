package dev.pyhost.cdi;

import dev.pyhost.api.ExitStatus;
import dev.pyhost.api.RunOutcome;
import java.util.Objects;
import java.util.Optional;

/**
 * CDI event: a runtime of the container has exited. Fired exactly once per started runtime, from an exit handler
 * that runs after every other exit handler but PyHost's {@code flush-java-stdio}, so on every way out that runs exit
 * handlers: container shutdown, {@code close()}, {@code runMain()}, or a finalization abandoned because Python code
 * did not finish in time. Python objects are gone by then: observers must not use the interpreter. Synchronous
 * observers run on the exit-handler thread; asynchronous ones are awaited within the exit-handler bound.
 *
 * @param runtime the runtime's name
 * @param status the exit status
 * @param outcome how the main code ended, when {@code runMain()} ran it
 */
public record RuntimeExited(String runtime, ExitStatus status, Optional<RunOutcome> outcome) {
    /** Checks that nothing is missing. */
    public RuntimeExited {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(outcome, "outcome");
    }
}
