package dev.pyhost.cpython;

import dev.pyhost.api.LifecycleException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The process-wide rule that at most one runtime runs at a time: CPython keeps process-global state, so a second
 * one may start only once the first is finalized. Starts are serialized, so two callers cannot both pass the check.
 *
 * @param <R> the runtime type
 */
final class RuntimeSlot<R> {
    private final Predicate<R> running;
    private final Function<R, String> describe;
    private R current;

    /**
     * Creates an empty slot.
     *
     * @param running whether a runtime still runs (is not finalized)
     * @param describe what names a runtime in the refusal, e.g. its installation
     */
    RuntimeSlot(Predicate<R> running, Function<R, String> describe) {
        this.running = running;
        this.describe = describe;
    }

    /**
     * Starts a runtime unless one is running.
     *
     * @param start starts the runtime; runs under the slot's lock
     * @return the started runtime, now the slot's
     * @throws LifecycleException when a runtime is running
     */
    synchronized R start(Supplier<R> start) {
        if (current != null && running.test(current)) {
            throw new LifecycleException("A CPython runtime is already running in this process ("
                    + describe.apply(current) + "); close it before starting another one");
        }
        R started = start.get();
        current = started;
        return started;
    }
}
