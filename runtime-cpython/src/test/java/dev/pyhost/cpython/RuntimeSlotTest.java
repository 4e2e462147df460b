package dev.pyhost.cpython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pyhost.api.LifecycleException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one-runtime-per-process rule, with stand-in runtimes (no CPython: this is the rule's wiring only). */
class RuntimeSlotTest {
    /** A stand-in runtime that is running until it is closed. */
    private static final class FakeRuntime {
        final String name;
        final AtomicBoolean running = new AtomicBoolean(true);

        FakeRuntime(String name) {
            this.name = name;
        }
    }

    private final RuntimeSlot<FakeRuntime> slot = new RuntimeSlot<>(r -> r.running.get(), r -> r.name);

    @Test
    void aSecondRuntimeWaitsUntilTheFirstIsFinalized() {
        FakeRuntime first = slot.start(() -> new FakeRuntime("first"));
        AtomicInteger attempts = new AtomicInteger();
        LifecycleException e = assertThrows(LifecycleException.class, () -> slot.start(() -> {
            attempts.incrementAndGet();
            return new FakeRuntime("second");
        }));
        assertEquals("A CPython runtime is already running in this process (first); close it before starting "
                + "another one", e.getMessage());
        assertEquals(0, attempts.get(), "a refused start does not begin");

        first.running.set(false);
        FakeRuntime second = slot.start(() -> new FakeRuntime("second"));
        assertEquals("second", second.name);
    }

    @Test
    void aFailedStartLeavesTheSlotAsItWas() {
        FakeRuntime first = slot.start(() -> new FakeRuntime("first"));
        first.running.set(false);
        IllegalStateException failure = new IllegalStateException("initialization failed");
        assertSame(failure, assertThrows(IllegalStateException.class, () -> slot.start(() -> {
            throw failure;
        })));
        assertEquals("third", slot.start(() -> new FakeRuntime("third")).name);
    }
}
