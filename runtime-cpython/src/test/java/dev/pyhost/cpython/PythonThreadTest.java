package dev.pyhost.cpython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PyHostException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link PythonThread} as plain Java: no CPython is involved in handing tasks to a thread. */
class PythonThreadTest {
    private static final String STOPPED = "stopped for the test";

    /**
     * Many callers race {@code stop()}: each must either have its task run (and get its result) or be refused
     * with a {@link LifecycleException}, promptly. A caller that queues after the thread ended would wait forever.
     */
    @Test
    void callersRacingStopEitherRunOrAreRefusedAndNoneBlocks() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            int callers = 8;
            for (int round = 0; round < 200; round++) {
                PythonThread thread = new PythonThread(STOPPED);
                AtomicInteger ran = new AtomicInteger();
                CyclicBarrier go = new CyclicBarrier(callers + 1);
                List<Object> outcomes = new ArrayList<>();
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < callers; i++) {
                    int id = i;
                    AtomicReference<Object> outcome = new AtomicReference<>();
                    threads.add(Thread.ofPlatform().start(() -> {
                        try {
                            go.await();
                            outcome.set(thread.call(() -> {
                                ran.incrementAndGet();
                                return id;
                            }));
                        } catch (Throwable t) {
                            outcome.set(t);
                        }
                        synchronized (outcomes) {
                            outcomes.add(outcome.get());
                        }
                    }));
                }
                go.await();
                thread.stop();
                for (Thread t : threads) {
                    t.join();
                }
                int returned = 0;
                for (Object o : outcomes) {
                    if (o instanceof Integer) {
                        returned++;
                    } else {
                        LifecycleException e = assertInstanceOf(LifecycleException.class, o);
                        assertEquals(STOPPED, e.getMessage());
                    }
                }
                assertEquals(callers, outcomes.size());
                assertEquals(ran.get(), returned, "every task that ran was waited for, and only those");
            }
        });
    }

    @Test
    void callAfterStopIsRefusedAtOnce() {
        PythonThread thread = new PythonThread(STOPPED);
        assertEquals(1, thread.call(() -> 1));
        thread.stop();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            LifecycleException e = assertThrows(LifecycleException.class, () -> thread.call(() -> 2));
            assertEquals(STOPPED, e.getMessage());
        });
    }

    @Test
    void tasksRunOnOneNamedDaemonPlatformThreadAndNestedCallsRunInline() throws Exception {
        PythonThread thread = new PythonThread(STOPPED);
        try {
            Thread first = thread.call(Thread::currentThread);
            assertFalse(thread.isCurrent());
            assertTrue(first.isDaemon());
            assertFalse(first.isVirtual());
            assertTrue(first.getName().startsWith("pyhost-python-"), first.getName());
            Thread nested = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> thread.call(() -> thread.isCurrent() ? thread.call(Thread::currentThread) : null));
            assertSame(first, nested);
            AtomicReference<Thread> fromVirtual = new AtomicReference<>();
            Thread virtual = Thread.ofVirtual().start(() -> fromVirtual.set(thread.call(Thread::currentThread)));
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> virtual.join());
            assertSame(first, fromVirtual.get(), "a virtual thread's call runs on the same platform thread");
        } finally {
            thread.stop();
        }
    }

    @Test
    void failuresReachTheCallerUnwrappedOrAsPyHostException() {
        PythonThread thread = new PythonThread(STOPPED);
        try {
            IllegalStateException runtime = new IllegalStateException("runtime");
            assertSame(runtime, assertThrows(IllegalStateException.class, () -> thread.call(() -> {
                throw runtime;
            })));
            AssertionError error = new AssertionError("error");
            assertSame(error, assertThrows(AssertionError.class, () -> thread.call(() -> {
                throw error;
            })));
            IOException checked = new IOException("checked");
            PyHostException wrapped = assertThrows(PyHostException.class, () -> thread.call(() -> {
                throw checked;
            }));
            assertSame(checked, wrapped.getCause());
            assertEquals(7, thread.call(() -> 7), "the thread survives failing tasks");
        } finally {
            thread.stop();
        }
    }

    /**
     * An interrupted caller must not abandon a running task (it may hold the GIL): it waits for the result and
     * returns with its interrupt flag set.
     */
    @Test
    void anInterruptedCallerWaitsForItsTaskAndKeepsTheInterrupt() throws Exception {
        PythonThread thread = new PythonThread(STOPPED);
        try {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicReference<Object> result = new AtomicReference<>();
            AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
            Thread caller = Thread.ofPlatform().start(() -> {
                try {
                    result.set(thread.call(() -> {
                        started.countDown();
                        release.await();
                        return "done";
                    }));
                } catch (Throwable t) {
                    result.set(t);
                }
                interruptedAfter.set(Thread.currentThread().isInterrupted());
            });
            started.await();
            assertTrue(thread.busy());
            caller.interrupt();
            release.countDown();
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> caller.join());
            assertEquals("done", result.get());
            assertEquals(Boolean.TRUE, interruptedAfter.get());
            assertFalse(thread.busy());
        } finally {
            thread.stop();
        }
    }
}
