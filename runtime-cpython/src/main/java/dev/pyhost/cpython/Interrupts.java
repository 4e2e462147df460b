package dev.pyhost.cpython;

import dev.pyhost.api.LifecycleException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Cancellation of Python code that runs for Java: {@code interrupt()}, per-call deadlines and Java's
 * {@link Thread#interrupt()} of a caller.
 *
 * <p>Every Java thread that calls through the {@link Gil} has a {@link Slot}: whether it is inside a call, with which
 * thread state, and its deadline. A watchdog thread (started with the first call) looks at the slots every
 * {@value #PERIOD_MILLIS} ms and, for a call whose Java thread is interrupted or whose deadline passed, raises an
 * exception in that call's thread state with {@code PyThreadState_SetAsyncExc}: {@code KeyboardInterrupt} for an
 * interrupt, {@code pyhost.Timeout} (a subclass of {@code KeyboardInterrupt}) for a deadline. Python raises it at
 * its next bytecode boundary; a blocking C call on a caller's thread ({@code time.sleep}, a read, a lock wait) is
 * not cut short, because CPython checks signals on its main thread only. A call that ends before the exception
 * fired has it withdrawn (under the GIL), so it never leaks into the next call of that OS thread.
 *
 * <p>The interpreter's main thread (main code, {@code runFile}, {@code runModule}) is interrupted through the
 * {@link SignalWake}: the exception is raised by a Python signal handler, so a blocking call is cut short too.
 */
final class Interrupts {
    static final long PERIOD_MILLIS = 20;

    /** Why a call is interrupted. */
    enum Kind {
        /** {@code interrupt()} or {@link Thread#interrupt()}: {@code KeyboardInterrupt}. */
        INTERRUPT,
        /** A deadline passed: {@code pyhost.Timeout}. */
        TIMEOUT
    }

    /** One calling Java thread. Fields written by the owner (under the GIL) and read by the watchdog. */
    static final class Slot {
        final Thread thread;
        volatile int depth;
        volatile long seq;
        volatile long threadState;
        volatile long deadline;
        volatile boolean timed;
        /** What was injected into the current call, with the GIL held; {@code null} for nothing. */
        volatile Kind injected;

        Slot(Thread thread) {
            this.thread = thread;
        }

        boolean due(long now) {
            return thread.isInterrupted() || (timed && now - deadline >= 0);
        }

        Kind kind() {
            return thread.isInterrupted() ? Kind.INTERRUPT : Kind.TIMEOUT;
        }
    }

    private final Gil gil;
    private final ConcurrentLinkedQueue<Slot> slots = new ConcurrentLinkedQueue<>();
    private final Map<Long, Long> idents = new ConcurrentHashMap<>();
    private final ThreadLocal<Slot> slot = ThreadLocal.withInitial(this::newSlot);
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile Thread watchdog;
    private volatile boolean stopped;
    /** {@code pyhost.Timeout}, created with the GIL on first use; a reference kept until finalization. */
    private volatile MemorySegment timeoutType;
    private volatile long mainIdent;
    private volatile SignalWake wake;

    Interrupts(Gil gil) {
        this.gil = gil;
    }

    /**
     * Tells this where the main thread is; on the main thread.
     *
     * @param wake the signal wake, or {@code null}
     */
    void attachMain(SignalWake wake) {
        this.mainIdent = InterruptNatives.PyThread_get_thread_ident();
        this.wake = wake;
    }

    private Slot newSlot() {
        Slot s = new Slot(Thread.currentThread());
        slots.add(s);
        return s;
    }

    /** Records the thread id of a thread state PyHost created; on its own thread. */
    void threadStateCreated(MemorySegment ts) {
        idents.put(ts.address(), InterruptNatives.PyThread_get_thread_ident());
    }

    /** Forgets a thread state that is deleted. */
    void threadStateDeleted(MemorySegment ts) {
        idents.remove(ts.address());
    }

    /**
     * With the GIL held, at the start of a call on this OS thread's thread state.
     *
     * @param ts the thread state
     * @return the slot to give {@link #exitLocked}
     */
    Slot enterLocked(MemorySegment ts) {
        Slot s = slot.get();
        if (s.depth == 0) {
            s.threadState = ts.address();
            s.seq++;
            if (!started.get()) {
                startWatchdog();
            }
        }
        s.depth++;
        return s;
    }

    /** With the GIL held, at the end of a call: withdraws an exception that was injected but did not fire. */
    void exitLocked(Slot s) {
        if (--s.depth == 0 && s.injected != null) {
            Long id = idents.get(s.threadState);
            if (id != null) {
                InterruptNatives.PyThreadState_SetAsyncExc(id, MemorySegment.NULL);
            }
            s.injected = null;
        }
    }

    /**
     * Runs work with a deadline for this thread's calls (nested deadlines: the earliest applies).
     *
     * @param timeout the time allowed from now
     * @param work the work
     * @param <T> its result
     * @return its result
     */
    <T> T withDeadline(Duration timeout, Supplier<T> work) {
        Slot s = slot.get();
        long previous = s.deadline;
        boolean wasTimed = s.timed;
        long mine = System.nanoTime() + Math.max(1, saturatedNanos(timeout));
        s.deadline = wasTimed && previous - mine < 0 ? previous : mine;
        s.timed = true;
        if (!started.get()) {
            startWatchdog();
        }
        try {
            return work.get();
        } finally {
            s.deadline = previous;
            s.timed = wasTimed;
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }

    /** {@return whether the calling thread's deadline passed or it is interrupted; what a waiter should do} */
    Kind dueForCaller() {
        Slot s = slot.get();
        return s.due(System.nanoTime()) ? s.kind() : null;
    }

    /** {@return the calling thread's deadline in {@link System#nanoTime()} terms, or {@code null}} */
    Long callerDeadline() {
        Slot s = slot.get();
        return s.timed ? s.deadline : null;
    }

    /**
     * Interrupts every call in flight on callers' threads with {@code KeyboardInterrupt}.
     *
     * @return how many were interrupted
     */
    int interruptCalls() {
        int n = 0;
        for (Slot s : slots) {
            if (s.depth > 0 && s.thread != watchdog && inject(s, s.seq, Kind.INTERRUPT)) {
                n++;
            }
        }
        return n;
    }

    /** {@return the threads inside a call now, for reports} */
    List<String> callersInFlight() {
        List<String> names = new ArrayList<>();
        for (Slot s : slots) {
            if (s.depth > 0 && s.thread != watchdog) {
                names.add(s.thread.toString());
            }
        }
        return names;
    }

    /**
     * Interrupts the interpreter's main thread: the {@link SignalWake} raises the exception from the wake signal's
     * Python handler, which cuts a blocking call short; without one, {@code PyThreadState_SetAsyncExc} raises it at
     * the next bytecode boundary.
     *
     * @param kind what to raise
     * @param mainBusy whether it runs Python code now (else nothing is done)
     * @return whether it was interrupted
     */
    boolean interruptMain(Kind kind, boolean mainBusy) {
        if (!mainBusy || mainIdent == 0) {
            return false;
        }
        SignalWake w = wake;
        boolean queued;
        try {
            queued = gil.callWhileClosing(() -> {
                MemorySegment type = typeLocked(kind);
                if (w != null && w.raiseInMainLocked(type)) {
                    return true;
                }
                InterruptNatives.PyThreadState_SetAsyncExc(mainIdent, type);
                return false;
            });
        } catch (LifecycleException closed) {
            return false;
        }
        if (queued) {
            w.wakeMain();
        }
        return true;
    }

    /** With the GIL held: the exception class of a kind (a borrowed reference). */
    private MemorySegment typeLocked(Kind kind) {
        if (kind == Kind.INTERRUPT) {
            return exceptionVariable("PyExc_KeyboardInterrupt");
        }
        MemorySegment t = timeoutType;
        if (t == null) {
            try (Arena arena = Arena.ofConfined()) {
                t = InterruptNatives.PyErr_NewException(arena.allocateFrom("pyhost.Timeout"),
                        exceptionVariable("PyExc_KeyboardInterrupt"), MemorySegment.NULL);
            }
            if (t.address() == 0) {
                CApiObjects.PyErr_Clear();
                return exceptionVariable("PyExc_KeyboardInterrupt");
            }
            timeoutType = t;
        }
        return t;
    }

    @SuppressWarnings("restricted") // a PyExc_* variable holds one pointer
    private static MemorySegment exceptionVariable(String name) {
        return LibPython.loaded().symbol(name).reinterpret(Downcalls.C_POINTER.byteSize())
                .get(Downcalls.C_POINTER, 0);
    }

    /** Injects into a slot's current call, if it is still that call and nothing was injected yet. */
    private boolean inject(Slot s, long seq, Kind kind) {
        try {
            return gil.callWhileClosing(() -> {
                if (s.depth == 0 || s.seq != seq || s.injected != null) {
                    return false;
                }
                Long id = idents.get(s.threadState);
                if (id == null) {
                    return false;
                }
                InterruptNatives.PyThreadState_SetAsyncExc(id, typeLocked(kind));
                s.injected = kind;
                return true;
            });
        } catch (LifecycleException closed) {
            stopped = true;
            return false;
        }
    }

    /** Starts the watchdog once; takes no lock (it may run with the GIL held). */
    private void startWatchdog() {
        if (!stopped && started.compareAndSet(false, true)) {
            watchdog = Thread.ofPlatform().daemon(true).name("pyhost-call-watchdog").start(this::watch);
        }
    }

    private void watch() {
        while (!stopped) {
            LockSupport.parkNanos(PERIOD_MILLIS * 1_000_000);
            long now = System.nanoTime();
            for (var it = slots.iterator(); it.hasNext();) {
                Slot s = it.next();
                if (!s.thread.isAlive()) {
                    it.remove();
                } else if (s.depth > 0 && s.injected == null && s.thread != Thread.currentThread() && s.due(now)) {
                    long seq = s.seq;
                    inject(s, seq, s.kind());
                }
            }
        }
    }

    /** With the GIL held, before the interpreter ends: drops the {@code pyhost.Timeout} type made here. */
    void releaseLocked() {
        MemorySegment t = timeoutType;
        timeoutType = null;
        if (t != null) {
            CApi.Py_DecRef(t);
        }
    }

    /** Stops the watchdog (before finalization); injected exceptions that did not fire die with the interpreter. */
    void stop() {
        stopped = true;
    }
}
