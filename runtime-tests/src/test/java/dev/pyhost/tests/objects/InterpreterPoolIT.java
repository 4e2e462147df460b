package dev.pyhost.tests.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.ConfigurationException;
import dev.pyhost.api.InterpreterKind;
import dev.pyhost.api.InterpreterPool;
import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PythonException;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.SubInterpreterConfig;
import dev.pyhost.testkit.PyHostTest;
import dev.pyhost.testkit.RuntimeLifecycle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link InterpreterPool} against real CPython (3.10-3.14 with the object suites): tasks from virtual threads,
 * per-interpreter initialization and reuse, back-pressure, fallback for a module that refuses the configured kind,
 * and closing with queued work.
 */
@PyHostTest(lifecycle = RuntimeLifecycle.PER_METHOD)
class InterpreterPoolIT {

    @Test
    void virtualThreadsSubmitWorkThatRunsInEveryInterpreter(PythonRuntime runtime) throws Exception {
        try (InterpreterPool pool = InterpreterPool.builder(runtime).size(2)
                .initialization("import os\ntoken = os.urandom(8).hex()\ncount = 0\ndef work(n):\n    global count\n    count += 1\n"
                        + "    return sum(i * i for i in range(n))\n")
                .build()) {
            boolean isolated = InterpreterKind.ISOLATED.supportedOn(runtime.interpreter().version());
            assertEquals(isolated ? InterpreterKind.ISOLATED : InterpreterKind.SHARED_GIL, pool.kind());
            assertTrue(pool.fallbackReason().isEmpty());
            List<CompletableFuture<Object>> futures = new ArrayList<>();
            List<Thread> submitters = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                submitters.add(Thread.ofVirtual().start(() -> {
                    CompletableFuture<Object> f = pool.submit(py -> py.call("work", n));
                    synchronized (futures) {
                        futures.add(f);
                    }
                }));
            }
            for (Thread t : submitters) {
                t.join();
            }
            long total = 0;
            for (CompletableFuture<Object> f : futures) {
                total += (Long) f.get(60, TimeUnit.SECONDS);
            }
            long expected = 0;
            for (int n = 0; n < 50; n++) {
                for (int i = 0; i < n; i++) {
                    expected += (long) i * i;
                }
            }
            assertEquals(expected, total);
            // Reuse: each interpreter kept its globals; together they counted every task exactly once.
            List<CompletableFuture<Object>> reads = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                reads.add(pool.submit(py -> py.eval("(__import__('time').sleep(0.05), [token, count])[1]")));
            }
            java.util.Map<Object, Long> counts = new java.util.HashMap<>();
            for (CompletableFuture<Object> f : reads) {
                List<?> r = (List<?>) f.get(60, TimeUnit.SECONDS);
                counts.merge(r.get(0), (Long) r.get(1), Math::max);
            }
            assertEquals(2, counts.size(), "both interpreters served: " + counts);
            assertEquals(50L, counts.values().stream().mapToLong(Long::longValue).sum(), counts.toString());
        }
    }

    @Test
    void backPressureBlocksSubmittersWhileTheQueueIsFull(PythonRuntime runtime) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (InterpreterPool pool = InterpreterPool.builder(runtime).size(1).queueCapacity(2).build()) {
            CompletableFuture<Object> blocker = pool.submit(py -> {
                release.await();
                return py.eval("1");
            });
            pool.submit(py -> py.eval("2"));
            pool.submit(py -> py.eval("3"));
            Thread late = Thread.ofVirtual().start(() -> pool.submit(py -> py.eval("4")));
            late.join(300);
            assertTrue(late.isAlive(), "a fourth task waits for room: one runs, two are queued");
            release.countDown();
            late.join(30_000);
            assertFalse(late.isAlive());
            assertEquals(1L, blocker.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void failuresComeBackThroughTheFuture(PythonRuntime runtime) {
        try (InterpreterPool pool = InterpreterPool.builder(runtime).size(1).build()) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> pool.submit(py -> py.eval("1 / 0")).get());
            assertTrue(e.getCause() instanceof PythonException p && p.typeName().equals("ZeroDivisionError"));
            PythonException direct = assertThrows(PythonException.class, () -> pool.call(py -> py.eval("[][1]")));
            assertEquals("IndexError", direct.typeName());
            assertEquals(Long.valueOf(2), (Long) pool.call(py -> py.eval("1 + 1")), "the worker goes on");
        }
    }

    @Test
    void aModuleThatRefusesTheKindMakesThePoolFallBack(PythonRuntime runtime) {
        // _testsinglephase is CPython's own single-phase-init test module; isolated interpreters refuse it. Where
        // the build lacks it (or isolated interpreters do not exist), a missing module is a ConfigurationException.
        boolean isolated = InterpreterKind.ISOLATED.supportedOn(runtime.interpreter().version());
        boolean hasModule = Boolean.TRUE.equals(runtime.interpreter().eval(
                "__import__('importlib.util').util.find_spec('_testsinglephase') is not None"));
        if (!isolated || !hasModule) {
            assertThrows(ConfigurationException.class,
                    () -> InterpreterPool.builder(runtime).requires("no_such_module_pyhost").build());
            return;
        }
        assertTrue(InterpreterPool.probe(runtime, SubInterpreterConfig.isolated(), "_testsinglephase").isPresent());
        try (InterpreterPool pool = InterpreterPool.builder(runtime).size(2).requires("_testsinglephase")
                .fallback(InterpreterKind.MAIN).build()) {
            assertEquals(InterpreterKind.MAIN, pool.kind());
            assertTrue(pool.fallbackReason().orElseThrow().contains("_testsinglephase"));
            assertEquals(Long.valueOf(4), (Long) pool.call(py -> py.eval("2 * 2")));
        }
    }

    @Test
    void closingLetsQueuedTasksRunThenRefuses(PythonRuntime runtime) throws Exception {
        InterpreterPool pool = InterpreterPool.builder(runtime).size(1).build();
        List<CompletableFuture<Object>> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            queued.add(pool.submit(py -> py.eval(n + " * 3")));
        }
        pool.close();
        pool.close();
        for (int i = 0; i < 10; i++) {
            assertEquals(i * 3L, queued.get(i).getNow(null));
        }
        assertThrows(LifecycleException.class, () -> pool.submit(py -> py.eval("1")));
        assertFalse(pool.isOpen());
    }
}
