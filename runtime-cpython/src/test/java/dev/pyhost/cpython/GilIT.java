package dev.pyhost.cpython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.RuntimeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls on callers' threads against a real CPython (pyenv's newest 3.10-3.12): each OS thread gets its own
 * thread state, thread states of threads that ended are deleted, and the gate closes.
 */
class GilIT {
    private static CPythonRuntime runtime;

    @BeforeAll
    static void start() {
        Optional<PythonInstallation> found = BootstrapIT.pyenvPython();
        Assumptions.assumeTrue(found.isPresent(), "no pyenv CPython 3.10-3.12 with a shared libpython under ~/.pyenv");
        runtime = CPythonRuntime.start(found.get(), RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED).build());
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void eachThreadRunsOnItsOwnThreadStateAndEndedThreadsAreReaped() throws InterruptedException {
        Interpreter py = runtime.interpreter();
        py.exec("import threading\nidents = set()\n");
        Gil gil = runtime.objects().gil;
        AtomicLong calls = new AtomicLong();
        for (int round = 0; round < 10; round++) {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    py.exec("idents.add(threading.get_ident())");
                    calls.incrementAndGet();
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
        }
        assertEquals(400, calls.get());
        long idents = py.eval("len(idents)", Long.class);
        assertTrue(idents > 1, "calls ran on the callers' own OS threads, not on one: " + idents);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (gil.ownedThreadStates() > 120 && System.nanoTime() < deadline) {
            Thread.ofPlatform().start(() -> py.eval("1")).join();
        }
        assertTrue(gil.ownedThreadStates() <= 120, "thread states of ended threads are deleted: "
                + gil.ownedThreadStates() + " of 400 are left");
    }

    @Test
    void aVirtualThreadRunsPinnedOnItsCarrier() throws Exception {
        Interpreter py = runtime.interpreter();
        List<Thread> threads = new ArrayList<>();
        AtomicLong sum = new AtomicLong();
        for (int i = 0; i < 200; i++) {
            long n = i;
            threads.add(Thread.ofVirtual().start(() -> sum.addAndGet(py.eval(n + " * 2", Long.class))));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(2L * (199 * 200 / 2), sum.get());
    }

    @Test
    void finalizingFromInsideACallIsRefused() {
        Interpreter py = runtime.interpreter();
        py.set("finalize", (Runnable) runtime::close);
        LifecycleException e = assertThrows(LifecycleException.class, () -> py.exec("finalize()"));
        assertTrue(e.getMessage().contains("from inside one of its own calls"), e.getMessage());
        assertTrue(runtime.isOpen());
        assertEquals(2L, py.eval("1 + 1"));
    }
}
