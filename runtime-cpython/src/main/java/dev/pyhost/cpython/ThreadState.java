package dev.pyhost.cpython;

import dev.pyhost.api.LifecycleException;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.Callable;

/**
 * The interpreter's main thread state and the {@link PythonThread} it lives on. Between calls the thread state is
 * saved ({@code PyEval_SaveThread}: the GIL is free for Python threads); each call restores it, runs with the GIL
 * held, and saves it again. Once finalization starts every further call is refused with a
 * {@link LifecycleException}, including one that was queued behind finalization.
 */
final class ThreadState {
    private final String closedMessage;
    private final PythonThread thread;
    /** The saved thread state; read and written on the Python thread only. */
    private MemorySegment saved = MemorySegment.NULL;
    private volatile boolean closed;

    /**
     * Creates the holder and its thread.
     *
     * @param closedMessage what a caller is told after finalization
     */
    ThreadState(String closedMessage) {
        this.closedMessage = closedMessage;
        this.thread = new PythonThread(closedMessage);
    }

    /**
     * Runs work on the Python thread without touching the GIL: initialization, before a thread state exists.
     *
     * @param work the work
     * @param <T> its result
     * @return its result
     */
    <T> T call(Callable<T> work) {
        return thread.call(work);
    }

    /** Saves the thread state and releases the GIL; on the Python thread, after initialization. */
    void release() {
        saved = CApi.PyEval_SaveThread();
    }

    private void acquire() {
        CApi.PyEval_RestoreThread(saved);
    }

    /**
     * Runs work on the Python thread with the GIL held.
     *
     * @param work the work
     * @param <T> its result
     * @return its result
     * @throws LifecycleException once finalization started
     */
    <T> T withGil(Callable<T> work) {
        if (closed) {
            throw new LifecycleException(closedMessage);
        }
        return thread.call(() -> {
            if (closed) {
                throw new LifecycleException(closedMessage);
            }
            acquire();
            try {
                return work.call();
            } finally {
                release();
            }
        });
    }

    /**
     * Refuses further calls, runs the finalizer on the Python thread with the GIL held (it does not give the GIL
     * back: the thread state dies with the interpreter), then ends the thread.
     *
     * @param finalizer {@code Py_FinalizeEx}
     * @return what the finalizer returned
     */
    int finalizeWith(Callable<Integer> finalizer) {
        closed = true;
        try {
            return thread.call(() -> {
                acquire();
                return finalizer.call();
            });
        } finally {
            thread.stop();
        }
    }

    /** Ends the thread without finalizing, after a failed initialization. */
    void abandon() {
        closed = true;
        thread.stop();
    }

    /** {@return whether finalization started} */
    boolean isClosed() {
        return closed;
    }

    /**
     * Sets what a caller waiting for its call is told (to interrupt it when the caller is interrupted or late).
     *
     * @param hook the hook
     */
    void waitHook(PythonThread.WaitHook hook) {
        thread.waitHook(hook);
    }

    /** Refuses further calls without finalizing, leaving the call that runs now to run on. */
    void leaveRunning() {
        closed = true;
        thread.stop();
    }

    /** {@return whether the Python thread runs a call now} */
    boolean busy() {
        return thread.busy();
    }
}
