package dev.pyhost.cpython;

import dev.pyhost.api.PyHostException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one platform thread that talks to an interpreter. CPython keeps its thread state in operating-system
 * thread-local storage, and a virtual thread may change carriers between two native calls, so every call from
 * any Java thread is handed to this thread and waited for. The interpreter's thread state lives and dies here.
 */
final class PythonThread {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private final BlockingQueue<FutureTask<?>> tasks = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile boolean busy;

    PythonThread() {
        thread = Thread.ofPlatform().name("pyhost-python-" + COUNT.incrementAndGet()).daemon(true).unstarted(this::loop);
        thread.start();
    }

    private void loop() {
        while (!stopped || !tasks.isEmpty()) {
            try {
                FutureTask<?> task = tasks.take();
                busy = true;
                try {
                    task.run();
                } finally {
                    busy = false;
                }
            } catch (InterruptedException e) {
                // keep serving: only stop() ends the loop
                Thread.interrupted();
            }
        }
    }

    /** {@return whether a task is running now} */
    boolean busy() {
        return busy;
    }

    boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /**
     * Runs a task on this thread and waits for it, re-throwing what it throws.
     *
     * @param task the task
     * @param <T> its result type
     * @return its result
     */
    <T> T call(Callable<T> task) {
        if (isCurrent()) {
            try {
                return task.call();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new PyHostException("Python task failed: " + e, e);
            }
        }
        if (stopped) {
            throw new IllegalStateException("This Python runtime is finalized; its interpreter can no longer be used");
        }
        FutureTask<T> future = new FutureTask<>(task);
        tasks.add(future);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new PyHostException("Python task failed: " + cause, cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Lets the thread end once the queued tasks ran. */
    void stop() {
        stopped = true;
        tasks.add(new FutureTask<>(() -> null));
    }
}
