package dev.pyhost.cpython;

import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PyHostException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one platform thread that talks to an interpreter. CPython keeps its thread state in operating-system
 * thread-local storage, and a virtual thread may change carriers between two native calls, so every call from
 * any Java thread is handed to this thread and waited for. The interpreter's thread state lives and dies here.
 *
 * <p>A single-thread executor with a named daemon platform thread. After {@link #stop()} the tasks already
 * submitted still run and a new one is refused at once with a {@link LifecycleException}: a caller never waits
 * for a thread that is gone.
 *
 * <p>The thread is started with the executor, not by the first task: when the first {@code execute} starts the
 * worker itself and {@code shutdown()} comes in between, {@link ThreadPoolExecutor} (JDK 25) gives the worker up
 * while tasks that other callers queued meanwhile stay queued with no thread to run them, and those callers
 * would wait forever. With the worker running from the start, a task is either run or refused.
 */
final class PythonThread {
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final String message;
    private final ThreadPoolExecutor executor;
    private volatile Thread thread;
    private volatile boolean busy;

    /**
     * Creates and starts the thread.
     *
     * @param stoppedMessage what a caller is told when it submits a task after {@link #stop()}
     */
    PythonThread(String stoppedMessage) {
        this.message = stoppedMessage;
        String name = "pyhost-python-" + COUNT.incrementAndGet();
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread t = Thread.ofPlatform().name(name).daemon(true).unstarted(task);
            thread = t;
            return t;
        });
        executor.prestartCoreThread();
    }

    /** {@return whether a task is running now} */
    boolean busy() {
        return busy;
    }

    /** {@return whether the caller is this thread} */
    boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /**
     * Runs a task on this thread and waits for it, re-throwing what it throws. A call from this thread itself
     * runs inline. An interrupt of the waiting caller does not abandon a task that started (it may hold the GIL and
     * must finish): the {@link WaitHook} may interrupt the Python code it runs, the caller waits for the result and
     * returns with its interrupt flag set again.
     *
     * @param task the task
     * @param <T> its result type
     * @return its result
     * @throws LifecycleException after {@link #stop()}
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
        Future<T> future;
        AtomicBoolean started = new AtomicBoolean();
        try {
            future = executor.submit(() -> {
                if (!started.compareAndSet(false, true)) {
                    return null; // withdrawn by its caller before it started
                }
                busy = true;
                try {
                    return task.call();
                } finally {
                    busy = false;
                }
            });
        } catch (RejectedExecutionException e) {
            throw new LifecycleException(message);
        }
        boolean interrupted = false;
        boolean acted = false;
        try {
            while (true) {
                try {
                    WaitHook h = hook;
                    return h == null ? future.get() : future.get(Interrupts.PERIOD_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                    Thread.currentThread().interrupt(); // the hook sees it; cleared again below
                    Thread.interrupted();
                } catch (TimeoutException e) {
                    // look at the hook below
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
                WaitHook h = hook;
                if (h != null && !acted) {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    try {
                        acted = h.waiting(started);
                    } finally {
                        if (interrupted) {
                            Thread.interrupted();
                        }
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Told, while a caller waits for its task, every few milliseconds and when the caller is interrupted. */
    interface WaitHook {
        /**
         * Decides whether the waiting caller's task is to be interrupted, and does it.
         *
         * @param started set once the task started; a hook that sets it first ({@code compareAndSet(false, true)})
         *     withdraws the task (it will do nothing) and must throw what the caller is to see
         * @return whether it acted (it is not asked again for this task)
         */
        boolean waiting(AtomicBoolean started);
    }

    private volatile WaitHook hook;

    /** Sets the hook that interrupts tasks of callers that are interrupted or past their deadline. */
    void waitHook(WaitHook waitHook) {
        this.hook = waitHook;
    }

    /** Refuses new tasks and lets the thread end once the submitted ones ran. */
    void stop() {
        executor.shutdown();
    }
}
