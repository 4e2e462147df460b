package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_POINTER;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the interpreter-exit work once, at the point CPython reaches it: on 3.13+ from a {@code PyUnstable_AtExit}
 * callback (inside {@code Py_FinalizeEx}, after Python's {@code atexit} callbacks, once Python objects are gone),
 * otherwise when {@code Py_FinalizeEx} returns, which keeps the same order. Whichever comes first runs it.
 *
 * <p>One callback is registered per interpreter (3.13.0 loses the middle ones of three or more), and it is an
 * upcall, which must never throw: it reports what the work throws on {@code System.err} as CPython reports an
 * exception it ignores.
 */
final class AtExitBridge implements AutoCloseable {
    private final AtomicReference<Runnable> work = new AtomicReference<>();
    private Arena upcalls;
    private MemorySegment stub;

    /** Creates a bridge with no work and no upcall yet. */
    AtExitBridge() {
    }

    /**
     * Sets the work to run at interpreter exit.
     *
     * @param exitWork the work
     */
    void arm(Runnable exitWork) {
        work.set(exitWork);
    }

    /** Runs the work unless it ran already or none is set. */
    void runOnce() {
        Runnable r = work.getAndSet(null);
        if (r != null) {
            r.run();
        }
    }

    /**
     * Registers the upcall with CPython 3.13+ ({@code PyUnstable_AtExit}); does nothing on older versions. Runs on
     * the interpreter's thread with the GIL held.
     *
     * @param lib the loaded libpython
     */
    void register(LibPython lib) {
        if (lib.version().minor() < 13 || !lib.has("PyUnstable_AtExit")) {
            return;
        }
        if (CApi313.PyUnstable_AtExit(CApi.PyInterpreterState_Get(), stub(), MemorySegment.NULL) != 0) {
            throw new IllegalStateException("PyUnstable_AtExit failed");
        }
    }

    /**
     * The C function {@code void (*)(void *)} that runs the work, created on first use.
     *
     * @return its address, valid until {@link #close()}
     */
    @SuppressWarnings("restricted") // the one upcall stub of the binding
    synchronized MemorySegment stub() {
        if (stub == null) {
            MethodHandle target;
            try {
                target = MethodHandles.lookup().findVirtual(AtExitBridge.class, "upcall",
                        MethodType.methodType(void.class, MemorySegment.class)).bindTo(this);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            upcalls = Arena.ofShared();
            stub = Downcalls.LINKER.upcallStub(target, FunctionDescriptor.ofVoid(C_POINTER), upcalls);
        }
        return stub;
    }

    /** Called from C; an exception escaping an upcall would end the JVM, so none does. */
    @SuppressWarnings("unused") // through stub()
    private void upcall(MemorySegment data) {
        try {
            runOnce();
        } catch (Throwable t) {
            try {
                System.err.println("Exception ignored at interpreter exit: " + t);
            } catch (Throwable ignored) {
                // nothing is left to report it with
            }
        }
    }

    /** Frees the upcall; CPython must not call it any more (after {@code Py_FinalizeEx} returned). */
    @Override
    public synchronized void close() {
        if (upcalls != null) {
            upcalls.close();
            upcalls = null;
            stub = null;
        }
    }
}
