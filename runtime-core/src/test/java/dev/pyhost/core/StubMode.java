package dev.pyhost.core;

import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.api.spi.MainContext;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A stub {@link ExecutionMode} for unit tests of the wiring: its id, order, condition and result are given.
 *
 * @param id the id
 * @param order the order
 * @param applies when it applies
 * @param result what running it returns
 */
record StubMode(String id, int order, Predicate<MainContext> applies, Function<MainContext, RunOutcome> result)
        implements ExecutionMode {
    /** A mode that never applies and must never run. */
    static StubMode never(String id, int order) {
        return new StubMode(id, order, c -> false, c -> {
            throw new AssertionError("mode " + id + " must not run");
        });
    }

    @Override
    public boolean appliesTo(MainContext context) {
        return applies.test(context);
    }

    @Override
    public RunOutcome run(MainContext context) {
        return result.apply(context);
    }
}
