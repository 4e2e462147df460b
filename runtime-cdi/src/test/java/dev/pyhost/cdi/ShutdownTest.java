package dev.pyhost.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.spi.ExitContext;
import dev.pyhost.api.spi.ExitHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shutdown order CDI does not give, against the embedded CPython: running Python code is waited for within a
 * bound, every exit handler runs exactly once, then the runtime finalizes; two containers one after the other.
 */
class ShutdownTest {
    private static final String BUSY = "import time\nt = time.monotonic()\nwhile time.monotonic() - t < %s: pass\n"
            + "finished = True\n";

    /** Counts its runs. */
    @ApplicationScoped
    static class CountingExit implements ExitHandler {
        @Inject
        Journal journal;

        @Override
        public String id() {
            return "counting";
        }

        @Override
        public void onExit(ExitContext context) {
            journal.add("exit handler");
        }
    }

    /** Counts the exit events. */
    @ApplicationScoped
    static class ExitEvents {
        @Inject
        Journal journal;

        void exited(@Observes RuntimeExited e) {
            journal.add("exited");
        }
    }

    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @BeforeEach
    void clear() {
        Journal.clear();
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    private static RuntimeHandle handle(WeldContainer container) {
        return container.getBeanManager().getExtension(PyHostExtension.class).handle(PyRuntime.DEFAULT).orElseThrow();
    }

    private static long count(String entry) {
        return Journal.entries().stream().filter(entry::equals).count();
    }

    @Test
    void runningCodeIsWaitedForWithinTheBoundThenTheRuntimeFinalizes() throws Exception {
        Future<?> call;
        try (Containers props = Containers.withProperties("pyhost.shutdown-timeout", "20s");
                WeldContainer container = props.start(Journal.class, CountingExit.class, ExitEvents.class)) {
            Interpreter py = container.select(Interpreter.class).get();
            py.exec("finished = False");
            call = background.submit(() -> py.exec(BUSY.formatted("0.5")));
            assertTrue(handle(container).awaitRunningCall(Duration.ofSeconds(10)));
        }
        assertTrue(call.isDone(), "container shutdown returned only after the running call");
        call.get(); // it completed normally: it was not cut off
        assertEquals(List.of("exit handler", "exited", "journal destroyed"), Journal.entries());
    }

    @Test
    void codeThatOverrunsTheBoundIsLeftRunningAndTheExitHandlersRunOnceWithoutIt() throws Exception {
        Future<?> call;
        Interpreter py;
        long closing;
        try (Containers props = Containers.withProperties("pyhost.shutdown-timeout", "300ms");
                WeldContainer container = props.start(Journal.class, CountingExit.class, ExitEvents.class)) {
            py = container.select(Interpreter.class).get();
            call = background.submit(() -> py.exec(BUSY.formatted("4")));
            assertTrue(handle(container).awaitRunningCall(Duration.ofSeconds(10)));
            closing = System.nanoTime();
        }
        long tookMs = (System.nanoTime() - closing) / 1_000_000;
        assertFalse(call.isDone(), "the Python code is still running after " + tookMs + " ms");
        assertTrue(tookMs < 3000, "shutdown kept to its bound: " + tookMs + " ms");
        assertEquals(List.of("exit handler", "exited", "journal destroyed"), Journal.entries());
        assertThrows(LifecycleException.class, () -> py.eval("1"), "no new call once shutdown began");
        call.get(20, TimeUnit.SECONDS);
        awaitFinalizer();
        assertEquals(1, count("exit handler"), "finalizing later ran no exit handler again");
        try (PythonRuntime next = PythonRuntime.builder(dev.pyhost.api.RuntimeConfig.builder(
                dev.pyhost.api.RuntimeConfig.Profile.ISOLATED).build()).start()) {
            assertEquals(2L, next.interpreter().eval("1 + 1"), "CPython finalized once the code returned");
        }
    }

    /** Joins the thread that finalizes an abandoned runtime once its code returns. */
    private static void awaitFinalizer() throws InterruptedException {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("pyhost-cdi-finalize-")) {
                assertTrue(t.join(Duration.ofSeconds(20)), "the runtime finalized after its code returned");
            }
        }
    }

    @Test
    void closingTheBeanThenTheContainerFinalizesOnce() {
        try (Containers none = Containers.withProperties();
                WeldContainer container = none.start(Journal.class, CountingExit.class, ExitEvents.class)) {
            PythonRuntime python = container.select(PythonRuntime.class).get();
            assertEquals(1L, python.interpreter().eval("1"));
            python.close();
            assertEquals(List.of("exit handler", "exited"), Journal.entries());
            python.close();
            assertEquals(0, python.shutdown().code());
        }
        assertEquals(List.of("exit handler", "exited", "journal destroyed"), Journal.entries());
    }

    /** Closes the runtime from inside its own RuntimeFinalizing event. */
    @ApplicationScoped
    static class ClosingObserver {
        @Inject
        PythonRuntime runtime;

        void finalizing(@Observes RuntimeFinalizing e) {
            runtime.close();
            Journal.ENTRIES.add("closed from the finalizing event");
        }
    }

    @Test
    void closingFromAFinalizingObserverDoesNotRecurse() {
        try (Containers none = Containers.withProperties(); WeldContainer container = none.start(Journal.class,
                CountingExit.class, ExitEvents.class, ClosingObserver.class)) {
            container.select(Interpreter.class).get().eval("1");
        }
        assertEquals(List.of("closed from the finalizing event", "exit handler", "exited", "journal destroyed"),
                Journal.entries());
    }

    @Test
    void twoContainersOneAfterTheOtherEachGetAFreshRuntime() {
        for (int round = 1; round <= 2; round++) {
            try (Containers none = Containers.withProperties();
                    WeldContainer container = none.start(Journal.class, CountingExit.class, ExitEvents.class)) {
                Interpreter py = container.select(Interpreter.class).get();
                assertEquals(false, py.eval("'kept' in globals()"), "round " + round + " starts a fresh CPython");
                py.exec("kept = True");
            }
            assertEquals(round, count("exit handler"), "once per container");
            assertEquals(round, count("exited"));
        }
    }
}
