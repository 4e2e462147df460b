package dev.pyhost.cpython;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.BooleanSupplier;

/**
 * Brings a signal, or an exception Java wants raised, to the interpreter's main thread at once. The kernel gives a
 * process-directed signal ({@code SIGINT} from a terminal, {@code SIGTERM}, {@code SIGALRM}) to any thread that does
 * not block it; in a JVM that is rarely the thread that runs Python's main code. CPython's C handler then only
 * records the signal, and a blocking call on the main thread ({@code time.sleep}, a read, a lock wait) sees it only
 * when it returns.
 *
 * <p>CPython writes the number of every signal its C handler takes to the wakeup descriptor
 * ({@code signal.set_wakeup_fd}); this class owns that descriptor (a non-blocking pipe), and a daemon thread reads
 * it. For each signal, while the main thread runs Python code, it sends the main thread a wake signal
 * ({@code SIGRTMAX - 2}) with {@code pthread_kill}. Python handles the wake signal ({@code signal.signal}, whose C
 * handler is installed without {@code SA_RESTART}): the blocking system call fails with {@code EINTR}, CPython's
 * retry loop runs {@code PyErr_CheckSignals} on the main thread, and that runs the Python handlers of every
 * recorded signal (raising {@code KeyboardInterrupt} for {@code SIGINT}). The wake signal's own Python handler
 * raises the exception Java queued with {@link #raiseInMainLocked}, if any, and does nothing otherwise.
 *
 * <p>Limits: a blocking call that retries on {@code EINTR} without checking signals (some C extensions) is not
 * cut short; Python code that calls {@code signal.set_wakeup_fd} (asyncio does) takes the descriptor over, and until
 * it gives it back only that code is told about signals; {@code signal.getsignal(SIGRTMAX - 2)} shows PyHost's
 * handler. A thread other than the main thread is never woken: CPython runs signal handlers on the main thread only.
 */
final class SignalWake {
    private static final String HANDLER = """
            import _signal
            _pending = None
            def _pyhost_wake(signum, frame):
                "PyHost: wakes the main thread; raises what Java asked for, if anything."
                global _pending
                exc, _pending = _pending, None
                if exc is not None:
                    raise exc
            _signal.signal(%d, _pyhost_wake)
            _signal.set_wakeup_fd(%d)
            del _signal
            """;

    private final int readFd;
    private final int writeFd;
    private final int wakeSignal;
    private final long mainThread;
    private final BooleanSupplier mainBusy;
    private final Thread reader;
    /** The globals of the wake handler, holding {@code _pending}; a reference kept until finalization. */
    private MemorySegment globals = MemorySegment.NULL;
    private volatile boolean closed;

    private SignalWake(int[] pipe, int wakeSignal, long mainThread, BooleanSupplier mainBusy) {
        this.readFd = pipe[0];
        this.writeFd = pipe[1];
        this.wakeSignal = wakeSignal;
        this.mainThread = mainThread;
        this.mainBusy = mainBusy;
        this.reader = Thread.ofPlatform().daemon(true).name("pyhost-signal-wake").unstarted(this::readLoop);
    }

    /**
     * Installs the wake signal's handler and the wakeup descriptor; on the interpreter's main thread, with the GIL
     * held, before any main code ran.
     *
     * @param py the object helpers
     * @param mainBusy whether the main thread runs Python code now
     * @return the wake, or {@code null} when the platform refused one of its parts (nothing is then installed)
     */
    static SignalWake install(PyObjects py, BooleanSupplier mainBusy) {
        try {
            return tryInstall(py, mainBusy);
        } catch (RuntimeException e) {
            Log.LOG.log(System.Logger.Level.WARNING, "signals will not cut blocking calls short", e);
            return null;
        }
    }

    private static SignalWake tryInstall(PyObjects py, BooleanSupplier mainBusy) {
        int signum = InterruptNatives.sigrtmax() - 2;
        int[] pipe = InterruptNatives.pipe(InterruptNatives.O_NONBLOCK | InterruptNatives.O_CLOEXEC);
        if (pipe == null) {
            return null;
        }
        SignalWake wake = new SignalWake(pipe, signum, InterruptNatives.pthreadSelf(), mainBusy);
        // Source, run at start-up before any main code: PyRun_String's clearing of the unhandled-interrupt flag
        // (3.10-3.13) cannot matter yet.
        MemorySegment globals = py.newDict();
        MemorySegment r = py.runString(HANDLER.formatted(signum, wake.writeFd), globals);
        if (r.address() == 0) {
            CApiObjects.PyErr_Clear();
            py.decref(globals);
            InterruptNatives.close(pipe[0]);
            InterruptNatives.close(pipe[1]);
            return null;
        }
        py.decref(r);
        wake.globals = globals;
        wake.reader.start();
        return wake;
    }

    /**
     * With the GIL held: queues an exception class for the wake handler to raise on the main thread (replacing one
     * queued before); then call {@link #wakeMain()}, without the GIL.
     *
     * @param type the exception class (borrowed)
     * @return whether it was queued
     */
    boolean raiseInMainLocked(MemorySegment type) {
        if (closed || globals.address() == 0) {
            return false;
        }
        return CApiObjects.PyDict_SetItemString(globals, ObjectLayer.cString("_pending"), type) == 0;
    }

    /**
     * During finalization, after Python's {@code atexit} callbacks, with the GIL held: drops the reference to the
     * wake handler's globals (the handler, if still installed, keeps them). Nothing can be queued afterwards.
     */
    void releaseLocked() {
        MemorySegment g = globals;
        globals = MemorySegment.NULL;
        if (g.address() != 0) {
            CApi.Py_DecRef(g);
        }
    }

    /** {@return the signal sent to the main thread to cut a blocking call short} */
    int wakeSignal() {
        return wakeSignal;
    }

    /**
     * Interrupts a blocking system call of the main thread, when it runs Python code now; CPython then checks for
     * signals (and raises what their handlers raise) on that thread.
     */
    void wakeMain() {
        if (!closed && mainBusy.getAsBoolean()) {
            int rc = InterruptNatives.pthreadKill(mainThread, wakeSignal);
            if (rc != 0) {
                Log.LOG.log(System.Logger.Level.DEBUG, "pthread_kill of the interpreter thread failed: {0}", rc);
            }
        }
    }

    private void readLoop() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pollfd = arena.allocate(8, 4);
            MemorySegment buffer = arena.allocate(64);
            while (!closed) {
                int ready = InterruptNatives.pollIn(readFd, pollfd);
                if (closed) {
                    return;
                }
                long n = ready > 0 ? InterruptNatives.read(readFd, buffer) : 0;
                for (long i = 0; i < n; i++) {
                    if ((buffer.get(ValueLayout.JAVA_BYTE, i) & 0xff) != wakeSignal) {
                        wakeMain(); // a real signal, not the echo of a wake
                        break;
                    }
                }
            }
        } catch (RuntimeException e) {
            Log.LOG.log(System.Logger.Level.WARNING, "the signal wake thread stopped", e);
        }
    }

    /**
     * Calls {@code _signal.set_wakeup_fd(fd)} with the GIL held, on the main thread, through calls rather than
     * source: on 3.10-3.13 running a string clears CPython's record of an unhandled {@code KeyboardInterrupt}.
     *
     * @return the previous descriptor, or {@code null} when it failed
     */
    private static Long setWakeupFd(long fd) {
        MemorySegment module = CApiObjects.PyImport_ImportModule(ObjectLayer.cString("_signal"));
        if (module.address() == 0) {
            CApiObjects.PyErr_Clear();
            return null;
        }
        MemorySegment function = CApiObjects.PyObject_GetAttrString(module, ObjectLayer.cString("set_wakeup_fd"));
        CApi.Py_DecRef(module);
        if (function.address() == 0) {
            CApiObjects.PyErr_Clear();
            return null;
        }
        MemorySegment args = CApi.PyTuple_New(1);
        CApi.PyTuple_SetItem(args, 0, CApi.PyLong_FromLongLong(fd));
        MemorySegment r = CApi.PyObject_Call(function, args, MemorySegment.NULL);
        CApi.Py_DecRef(args);
        CApi.Py_DecRef(function);
        if (r.address() == 0) {
            CApiObjects.PyErr_Clear();
            return null;
        }
        long old = CApiObjects.PyLong_AsLongLong(r);
        CApi.Py_DecRef(r);
        return old;
    }

    /**
     * Gives the wakeup descriptor back (with the GIL held, on the main thread, before finalization) and stops the
     * reader; the wake signal's Python handler stays (it does nothing). Idempotent.
     */
    void closeLocked() {
        if (closed) {
            return;
        }
        closed = true;
        Long current = setWakeupFd(-1);
        if (current != null && current != writeFd) {
            setWakeupFd(current); // Python code took it over: leave its own in place
        }
        try (Arena arena = Arena.ofConfined()) {
            InterruptNatives.write(writeFd, arena.allocate(1)); // wakes the reader, which sees closed
        }
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!reader.isAlive()) {
            InterruptNatives.close(readFd);
            InterruptNatives.close(writeFd);
        }
    }

    /** The logger, created on first use. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(SignalWake.class.getName());
    }
}
