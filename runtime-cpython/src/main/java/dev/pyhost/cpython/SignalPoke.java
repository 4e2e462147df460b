package dev.pyhost.cpython;

import dev.pyhost.api.PythonVersion;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * CPython 3.10-3.12 notice a signal only when the thread that ran the C handler is the interpreter's main
 * thread; in a JVM the kernel usually picks another thread, so {@code SIGINT} would stay pending while Python
 * code runs. Taking and releasing the GIL from another thread makes the interpreter thread re-evaluate its
 * pending work, signals included, so this pokes every 50 ms while the interpreter is busy. 3.13+ mark the main
 * thread directly and need none of this.
 */
final class SignalPoke {
    private static final long PERIOD_MILLIS = 50;

    private final Object lock = new Object();
    private final BooleanSupplier busy;
    private final ScheduledExecutorService scheduler;
    private boolean stopped;

    private SignalPoke(BooleanSupplier busy, ScheduledExecutorService scheduler) {
        this.busy = busy;
        this.scheduler = scheduler;
    }

    /**
     * Starts poking on the versions that need it.
     *
     * @param version the CPython version
     * @param busy whether the interpreter thread runs a call now (only then can a signal be pending unnoticed)
     * @return the poke, to {@link #stop()} before finalization; one that does nothing on 3.13+
     */
    static SignalPoke startIfNeeded(PythonVersion version, BooleanSupplier busy) {
        if (version.minor() > 12) {
            return new SignalPoke(busy, null);
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                task -> Thread.ofPlatform().daemon(true).name("pyhost-signal-poke").unstarted(task));
        SignalPoke poke = new SignalPoke(busy, scheduler);
        scheduler.scheduleWithFixedDelay(poke::poke, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        return poke;
    }

    private void poke() {
        synchronized (lock) {
            if (stopped || !busy.getAsBoolean()) {
                return;
            }
            try {
                CApi.PyGILState_Release(CApi.PyGILState_Ensure());
            } catch (RuntimeException e) {
                Log.LOG.log(System.Logger.Level.DEBUG, "signal poke stopped", e);
                stopped = true;
                scheduler.shutdown();
            }
        }
    }

    /** Stops poking; when this returns no poke runs and none will (call it before finalization). */
    void stop() {
        synchronized (lock) {
            stopped = true;
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** Holds the logger, created on first use: creating one starts the JDK's logging back end. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(SignalPoke.class.getName());
    }
}
