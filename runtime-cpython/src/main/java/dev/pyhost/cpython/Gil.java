package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_POINTER;

import dev.pyhost.api.LifecycleException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs object-API work on the calling thread with the GIL held, without ever letting a Python thread state move
 * between operating-system threads:
 * <ul>
 * <li>a thread that holds the GIL already (a nested call, a Python thread calling Java) runs the work inline;</li>
 * <li>a platform thread uses the thread state CPython has bound to its OS thread, creating one the first time
 *     ({@code PyThreadState_New}) and keeping it while the thread lives: a call costs a
 *     {@code PyEval_RestoreThread}/{@code PyEval_SaveThread} pair;</li>
 * <li>a virtual thread runs the work inside a native frame (an upcall from C's {@code bsearch} over one element),
 *     which pins it to its carrier for the duration, and uses the carrier's thread state as a platform thread
 *     would.</li>
 * </ul>
 * Thread states of threads that ended are deleted by a short-lived reaper thread (deleting a thread state clears the
 * deleting thread's own CPython binding, so it must be a thread that needs none afterwards).
 *
 * <p>The gate: every call counts itself in and out. {@link #close()} refuses new calls and waits for the ones in
 * flight, so finalization never runs while another thread is inside Python through this path.
 */
final class Gil {
    private static final ScopedValue<Pinned<?>> PINNED = ScopedValue.newInstance();
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    /** Bound while {@link Interrupts} calls in to interrupt others: it may pass a closed gate, not a sealed one. */
    private static final ScopedValue<Boolean> INTERRUPTING = ScopedValue.newInstance();

    /** Set once the first sub-interpreter exists: from then on a thread's bound thread state may be another's. */
    private static volatile boolean subInterpreters;

    private final MemorySegment interpreter;
    private final boolean main;
    private final Gil mainGate;
    private final String closedMessage;
    /** Thread states this gate created for platform threads. */
    private final ThreadLocal<MemorySegment> platformStates = new ThreadLocal<>();
    /** Thread states this gate created for the carriers of virtual threads, by kernel thread id. */
    private final java.util.Map<Integer, MemorySegment> carrierStates = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();
    private final Object lock = new Object();
    private final List<Owned> owned = new ArrayList<>();
    private int reapAt = 16;
    private volatile boolean closed;
    private volatile boolean sealed;
    /** Deadlines, Java interrupts and {@code interrupt()} of the calls that come through here. */
    final Interrupts interrupts = new Interrupts(this);

    /**
     * 3.10 and 3.11 keep one current thread state for the whole process (whichever thread holds the one GIL), 3.12+
     * one per OS thread.
     */
    private static final boolean GLOBAL_CURRENT = LibPython.loaded().version().minor() < 12;
    /** The thread state {@link #onThisThread} attached on this thread, while it is attached. */
    private static final ThreadLocal<MemorySegment> ATTACHED = new ThreadLocal<>();
    /** A sub-interpreter's own first thread state, and the thread it belongs to. */
    private volatile MemorySegment ownerState;
    private volatile Thread owner;

    /** A thread state PyHost created, and the OS thread it belongs to. */
    private record Owned(MemorySegment threadState, int tid) {
    }

    /**
     * Creates the gate for the main interpreter.
     *
     * @param interpreter its {@code PyInterpreterState}
     * @param closedMessage what a caller is told after {@link #close()}
     */
    Gil(MemorySegment interpreter, String closedMessage) {
        this(interpreter, closedMessage, true, null);
    }

    /**
     * Creates the gate for an interpreter.
     *
     * @param interpreter its {@code PyInterpreterState}
     * @param closedMessage what a caller is told after {@link #close()}
     * @param main whether it is the main interpreter, whose thread states CPython's {@code PyGILState} API binds to
     *     threads; a sub-interpreter's are found in this gate's own records only
     * @param mainGate for a sub-interpreter, the main interpreter's gate: a thread gets a thread state of the main
     *     interpreter before one of the sub-interpreter, so that CPython binds the main one to the thread
     */
    Gil(MemorySegment interpreter, String closedMessage, boolean main, Gil mainGate) {
        this.interpreter = interpreter;
        this.closedMessage = closedMessage;
        this.main = main;
        this.mainGate = mainGate;
        if (!main) {
            subInterpreters = true;
        }
    }

    /**
     * Records a sub-interpreter's first thread state and its thread, on which it may be attached outside this gate.
     *
     * @param ts the thread state
     * @param thread its thread
     */
    void owner(MemorySegment ts, Thread thread) {
        this.ownerState = ts;
        this.owner = thread;
    }

    /**
     * On 3.10-3.11, where the current thread state is the process's: whether it is one attached by this thread (the
     * one CPython bound to the thread, one this gate made for it, the one attached through a gate, or a
     * sub-interpreter's first one on its own thread) rather than another thread's, which holds the GIL now.
     */
    private boolean attachedHere(MemorySegment current) {
        long a = current.address();
        if (a == CApiObjects.PyGILState_GetThisThreadState().address()) {
            return true;
        }
        MemorySegment attached = ATTACHED.get();
        if (attached != null && attached.address() == a) {
            return true;
        }
        MemorySegment own = recordedHere();
        if (own != null && own.address() == a) {
            return true;
        }
        MemorySegment first = ownerState;
        return first != null && owner == Thread.currentThread() && first.address() == a;
    }

    /** {@return the interpreter of this gate} */
    MemorySegment interpreter() {
        return interpreter;
    }

    /**
     * Runs work with the GIL held on the calling thread.
     *
     * @param work the work; what it throws passes through unchanged
     * @param <T> its result
     * @return its result
     * @throws LifecycleException once {@link #close()} started
     */
    <T> T call(Supplier<T> work) {
        active.incrementAndGet();
        int[] depth = DEPTH.get();
        depth[0]++;
        try {
            if (sealed || (closed && !INTERRUPTING.isBound())) {
                throw new LifecycleException(closedMessage);
            }
            // Not PyGILState_Check: CPython disables it for good once a sub-interpreter exists (it then says yes).
            MemorySegment current = InterpreterNatives.current();
            if (current.address() != 0 && (!GLOBAL_CURRENT || attachedHere(current))) {
                if (InterpreterNatives.interpreterOf(current).address() == interpreter.address()) {
                    return work.get();
                }
                throw new LifecycleException("This thread runs code of another Python interpreter with its GIL held "
                        + "(a converter or an exit callback calling across interpreters); call this interpreter "
                        + "from outside that code");
            }
            if (Thread.currentThread().isVirtual()) {
                return pinned(work);
            }
            return onThisThread(work);
        } finally {
            depth[0]--;
            if (active.decrementAndGet() == 0 && closed) {
                synchronized (lock) {
                    lock.notifyAll();
                }
            }
        }
    }

    /** Runs work with this OS thread's own thread state; the caller may not move between OS threads meanwhile. */
    private <T> T onThisThread(Supplier<T> work) {
        MemorySegment ts = threadStateHere();
        CApi.PyEval_RestoreThread(ts);
        MemorySegment outer = ATTACHED.get();
        ATTACHED.set(ts);
        Interrupts.Slot slot = interrupts.enterLocked(ts);
        try {
            return work.get();
        } finally {
            interrupts.exitLocked(slot);
            ATTACHED.set(outer);
            CApi.PyEval_SaveThread();
        }
    }

    /**
     * This OS thread's thread state for the interpreter: for the main interpreter the one CPython bound to the thread
     * (a Python thread's own, or one made here), else one this gate made for the thread (a platform thread's, or a
     * carrier's), made now if there is none.
     */
    private MemorySegment threadStateHere() {
        if (main) {
            MemorySegment bound = CApiObjects.PyGILState_GetThisThreadState();
            if (bound.address() != 0 && (!subInterpreters
                    || InterpreterNatives.interpreterOf(bound).address() == interpreter.address())) {
                return bound;
            }
        }
        MemorySegment ts = recordedHere();
        if (ts == null) {
            ts = newThreadState();
            if (Thread.currentThread().isVirtual()) {
                carrierStates.put(LibC.gettid(), ts);
            } else {
                platformStates.set(ts);
            }
        }
        return ts;
    }

    /** {@return the thread state this gate made for this platform thread, or for this virtual thread's carrier} */
    private MemorySegment recordedHere() {
        return Thread.currentThread().isVirtual() ? carrierStates.get(LibC.gettid()) : platformStates.get();
    }

    private MemorySegment newThreadState() {
        if (mainGate != null && CApiObjects.PyGILState_GetThisThreadState().address() == 0) {
            // Deleting a thread state that CPython bound to its thread clears the binding of the deleting thread,
            // not of its own: sub-interpreter thread states, deleted when it ends, must never be the bound ones.
            mainGate.threadStateHere();
        }
        MemorySegment ts = CApiObjects.PyThreadState_New(interpreter);
        if (ts.address() == 0) {
            throw new LifecycleException("CPython could not create a thread state for " + Thread.currentThread());
        }
        interrupts.threadStateCreated(ts);
        List<Owned> dead = List.of();
        synchronized (lock) {
            owned.add(new Owned(ts, LibC.gettid()));
            if (owned.size() >= reapAt) {
                dead = owned.stream().filter(o -> !Files.exists(Path.of("/proc/self/task/" + o.tid()))).toList();
                owned.removeAll(dead);
                reapAt = Math.max(16, owned.size() * 2);
            }
        }
        if (!dead.isEmpty()) {
            List<Owned> toDelete = dead;
            Thread.ofPlatform().daemon(true).name("pyhost-thread-state-reaper").start(() -> reap(toDelete));
        }
        return ts;
    }

    /** On a fresh thread: deletes the thread states of threads that ended, then its own. */
    private void reap(List<Owned> dead) {
        active.incrementAndGet();
        try {
            if (closed) {
                return;
            }
            MemorySegment own = CApiObjects.PyThreadState_New(interpreter);
            CApi.PyEval_RestoreThread(own);
            for (Owned o : dead) {
                carrierStates.remove(o.tid(), o.threadState());
                interrupts.threadStateDeleted(o.threadState());
                CApiObjects.PyThreadState_Clear(o.threadState());
                CApiObjects.PyThreadState_Delete(o.threadState());
            }
            CApiObjects.PyThreadState_Clear(own);
            CApiObjects.PyThreadState_DeleteCurrent();
            Log.LOG.log(System.Logger.Level.DEBUG, "deleted {0} thread states of ended threads", dead.size());
        } catch (RuntimeException | Error e) {
            Log.LOG.log(System.Logger.Level.WARNING, "deleting thread states of ended threads failed", e);
        } finally {
            if (active.decrementAndGet() == 0 && closed) {
                synchronized (lock) {
                    lock.notifyAll();
                }
            }
        }
    }

    /**
     * Deletes every thread state this gate made, with the interpreter's GIL held by another thread state of it (a
     * sub-interpreter's own, right before {@code Py_EndInterpreter}, which wants to be the last one). The gate is
     * sealed: no thread uses them again.
     */
    void deleteThreadStatesLocked() {
        List<Owned> all;
        synchronized (lock) {
            all = List.copyOf(owned);
            owned.clear();
        }
        carrierStates.clear();
        for (Owned o : all) {
            interrupts.threadStateDeleted(o.threadState());
            CApiObjects.PyThreadState_Clear(o.threadState());
            CApiObjects.PyThreadState_Delete(o.threadState());
        }
    }

    /** {@return how many thread states of calling threads PyHost holds now (for tests)} */
    int ownedThreadStates() {
        synchronized (lock) {
            return owned.size();
        }
    }

    /** {@return whether a call is in flight} */
    boolean busy() {
        return active.get() > 0;
    }

    /** {@return whether the calling thread is inside a call now} */
    static boolean insideCall() {
        return DEPTH.get()[0] > 0;
    }

    /**
     * Refuses new calls and waits until the ones in flight returned.
     *
     * @throws LifecycleException when called from inside a call (it would wait for itself)
     */
    void close() {
        close(Long.MAX_VALUE);
    }

    /**
     * Refuses new calls and waits, up to a deadline, until the ones in flight returned.
     *
     * @param waitNanos how long to wait at most ({@link Long#MAX_VALUE}: no bound)
     * @return whether no call is in flight any more
     * @throws LifecycleException when called from inside a call (it would wait for itself)
     */
    boolean close(long waitNanos) {
        refuseInsideCall();
        closed = true;
        boolean interrupted = false;
        long end = System.nanoTime() + waitNanos;
        synchronized (lock) {
            while (active.get() > 0) {
                long left = waitNanos == Long.MAX_VALUE ? 0 : end - System.nanoTime();
                if (waitNanos != Long.MAX_VALUE && left <= 0) {
                    break;
                }
                try {
                    if (waitNanos == Long.MAX_VALUE) {
                        lock.wait();
                    } else {
                        lock.wait(Math.max(1, left / 1_000_000));
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return active.get() == 0;
    }

    /**
     * Closes the gate within a bound: waits half of it for the calls in flight, interrupts the ones still running,
     * then waits for the rest of it.
     *
     * @param totalNanos the whole bound
     * @return whether no call is in flight any more
     * @throws LifecycleException when called from inside a call (it would wait for itself)
     */
    boolean drain(long totalNanos) {
        long start = System.nanoTime();
        if (close(totalNanos / 2)) {
            return true;
        }
        interrupts.interruptCalls();
        return close(Math.max(1, totalNanos - (System.nanoTime() - start)));
    }

    /**
     * Runs interrupting work with the GIL held: like {@link #call}, but it passes a gate that {@link #close} closed
     * (to interrupt the calls that close waits for), never one that {@link #seal} sealed.
     */
    <T> T callWhileClosing(Supplier<T> work) {
        return ScopedValue.where(INTERRUPTING, Boolean.TRUE).call(() -> call(work));
    }

    /** After {@link #close} drained the calls, right before finalization: refuses interrupting calls too. */
    void seal() {
        refuseInsideCall();
        sealed = true;
        close();
    }

    /**
     * Refuses to finalize from inside a call, which would wait for itself; checked before finalization changes
     * anything.
     *
     * @throws LifecycleException on a thread that is inside a call
     */
    void refuseInsideCall() {
        if (insideCall()) {
            throw new LifecycleException("A Python runtime cannot be finalized from inside one of its own calls");
        }
    }

    /** {@return whether {@link #close()} started} */
    boolean isClosed() {
        return closed;
    }

    private <T> T pinned(Supplier<T> work) {
        Pinned<T> p = new Pinned<>(this, work);
        ScopedValue.where(PINNED, p).run(Native::trampoline);
        if (p.failure != null) {
            switch (p.failure) {
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                default -> throw new IllegalStateException(p.failure);
            }
        }
        return p.result;
    }

    /** One call of a virtual thread: its work, and what came out. */
    private static final class Pinned<T> {
        final Gil gil;
        final Supplier<T> work;
        T result;
        Throwable failure;

        Pinned(Gil gil, Supplier<T> work) {
            this.gil = gil;
            this.work = work;
        }

        void run() {
            try {
                result = gil.onThisThread(work);
            } catch (Throwable t) {
                failure = t;
            }
        }
    }

    /** The pinning trampoline: its one-element array and its upcall. */
    private static final class Native {
        private static final MemorySegment ELEMENT = Arena.global().allocate(8);
        private static final MemorySegment COMPARE = compareStub();

        @SuppressWarnings("restricted") // one upcall stub for the process, in the global arena
        private static MemorySegment compareStub() {
            try {
                MethodHandle target = MethodHandles.lookup().findStatic(Native.class, "compare",
                        MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class));
                return Downcalls.LINKER.upcallStub(target, FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER),
                        Arena.global());
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** {@code bsearch(key, base, 1, 8, compare)}: C calls {@link #compare} exactly once, in a native frame. */
        static void trampoline() {
            MemorySegment found = LibC.bsearch(ELEMENT, ELEMENT, 1, 8, COMPARE);
            assert found.address() == ELEMENT.address();
        }

        /** The upcall: runs the pinned work of this virtual thread. Throws nothing, returns "equal". */
        @SuppressWarnings("unused") // through COMPARE
        private static int compare(MemorySegment key, MemorySegment element) {
            try {
                PINNED.get().run();
            } catch (Throwable t) {
                // Pinned.run catches everything; nothing may escape an upcall.
                Log.LOG.log(System.Logger.Level.ERROR, "pinned Python call failed", t);
            }
            return 0;
        }
    }

    /** The logger, created on first use: nothing at start-up initializes the JDK's logging back end. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(Gil.class.getName());
    }
}
