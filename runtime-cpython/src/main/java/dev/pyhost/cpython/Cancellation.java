package dev.pyhost.cpython;

import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PythonException;
import dev.pyhost.api.PythonScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What a {@link CPythonRuntime} offers to stop Python code: {@code interrupt()}, deadlines, Java interrupts of
 * callers waiting for the interpreter's main thread, and the bounded steps before finalization (interrupt what
 * still runs, wait for non-daemon Python threads until a deadline, give up on what does not end and say so).
 */
final class Cancellation {
    private final CPythonRuntime runtime;
    private final List<String> abandoned = new ArrayList<>();
    private volatile boolean leftRunning;

    Cancellation(CPythonRuntime runtime) {
        this.runtime = runtime;
    }

    private Interrupts interrupts() {
        return runtime.objects().gil.interrupts;
    }

    /**
     * Interrupts the main code and every object-API call that runs now with {@code KeyboardInterrupt}.
     *
     * @return how many were interrupted
     */
    int interrupt() {
        int n = interrupts().interruptCalls();
        ThreadState ts = runtime.threadState();
        if (ts.busy() && interrupts().interruptMain(Interrupts.Kind.INTERRUPT, true)) {
            n++;
        }
        return n;
    }

    /**
     * Runs work with a deadline for the Python code it runs on this thread or, through {@code runFile} and
     * {@code runModule}, on the main thread.
     */
    <T> T withTimeout(Duration timeout, Supplier<T> work) {
        return interrupts().withDeadline(timeout, work);
    }

    /**
     * The hook of a caller waiting for the main thread: when the caller is interrupted or past its deadline, its
     * task is withdrawn if it did not start (the caller gets the exception it would have got), else the main
     * thread is interrupted.
     */
    boolean waiting(AtomicBoolean started) {
        Interrupts in = interrupts();
        Interrupts.Kind kind = in.dueForCaller();
        if (kind == null) {
            return false;
        }
        if (started.compareAndSet(false, true)) {
            String type = kind == Interrupts.Kind.TIMEOUT ? "pyhost.Timeout" : "KeyboardInterrupt";
            throw new PythonException(type, "", type + "\n");
        }
        return in.interruptMain(kind, runtime.threadState().busy());
    }

    /**
     * Before finalization, within a bound: lets object-API calls end (interrupting them half-way through the
     * bound), interrupts the main code if it still runs, waits for non-daemon Python threads until the deadline.
     * When Python code on a Java caller's thread or the main thread does not end, finalization is given up: the
     * exit handlers run, the runtime refuses every new call, and {@link #abandoned()} says what still runs.
     *
     * @param bound the whole time allowed
     * @param atInterpreterExit the exit handlers, run here when finalization is given up
     * @return whether finalization can go on
     */
    boolean settle(Duration bound, Runnable atInterpreterExit) {
        long start = System.nanoTime();
        long total = bound.toNanos();
        Gil gil = runtime.objects().gil;
        if (!gil.drain(total)) {
            return giveUp("object-API calls still running on " + interrupts().callersInFlight(), atInterpreterExit);
        }
        ThreadState ts = runtime.threadState();
        if (ts.busy()) {
            interrupts().interruptMain(Interrupts.Kind.INTERRUPT, true);
            while (ts.busy() && System.nanoTime() - start < total) {
                java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
            }
            if (ts.busy()) {
                return giveUp("the interpreter's main thread still runs Python code", atInterpreterExit);
            }
        }
        double seconds = Math.max(0, total - (System.nanoTime() - start)) / 1e9;
        try {
            List<?> left = gil.callWhileClosing(() -> {
                try (PythonScope scope = CPythonScope.fresh(runtime.objects())) {
                    scope.exec(Bootstrap.resource("shutdown.py"));
                    return scope.call("bounded_shutdown", seconds) instanceof List<?> l ? l : List.of();
                }
            });
            if (!left.isEmpty()) {
                List<String> names = left.stream().map(String::valueOf).toList();
                synchronized (abandoned) {
                    abandoned.addAll(names);
                }
                Log.LOG.log(System.Logger.Level.WARNING, "Python threads still running after {0} ms were left "
                        + "behind as daemon threads: {1}", bound.toMillis(), names);
            }
        } catch (RuntimeException e) {
            Log.LOG.log(System.Logger.Level.WARNING, "the bounded wait for Python threads failed", e);
        }
        return true;
    }

    /** Records a sub-interpreter that was left running (its Python code did not end). */
    void abandonedSub(String what) {
        synchronized (abandoned) {
            abandoned.add(what);
        }
    }

    /** Gives finalization up because a sub-interpreter still runs; see {@link #settle}. */
    boolean giveUpForSubInterpreters(String what, Runnable atInterpreterExit) {
        return giveUp(what, atInterpreterExit);
    }

    private boolean giveUp(String what, Runnable atInterpreterExit) {
        synchronized (abandoned) {
            abandoned.add(what);
        }
        leftRunning = true;
        runtime.threadState().leaveRunning();
        Log.LOG.log(System.Logger.Level.WARNING, "Python was not finalized: {0}; the runtime refuses new calls "
                + "and stays loaded until the process ends", what);
        atInterpreterExit.run();
        return false;
    }

    /** {@return whether finalization was given up because Python code did not end} */
    boolean leftRunning() {
        return leftRunning;
    }

    /** {@return what finalization gave up on, in order} */
    List<String> abandoned() {
        synchronized (abandoned) {
            return List.copyOf(abandoned);
        }
    }

    /** The logger, created on first use. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(Cancellation.class.getName());
    }
}
