package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_LONG;
import static dev.pyhost.cpython.Downcalls.C_POINTER;

import dev.pyhost.api.SubInterpreterConfig;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The C functions that sub-interpreters need, laid out as {@link CApi}: creating and ending interpreters, swapping
 * and inspecting thread states. Each handle is created on first use.
 */
final class InterpreterNatives {
    /** {@code PyInterpreterConfig_SHARED_GIL}. */
    static final int SHARED_GIL = 1;
    /** {@code PyInterpreterConfig_OWN_GIL}. */
    static final int OWN_GIL = 2;

    private InterpreterNatives() {
    }

    private static final class Py_NewInterpreterFromConfig {
        static final MethodHandle HANDLE = LibPython.loaded().bind("Py_NewInterpreterFromConfig",
                FunctionDescriptor.of(PyStatusCheck.LAYOUT, C_POINTER, C_POINTER), 12);
    }

    private static final class Py_NewInterpreter {
        static final MethodHandle HANDLE = LibPython.loaded().bind("Py_NewInterpreter", FunctionDescriptor.of(C_POINTER));
    }

    private static final class Py_EndInterpreter {
        static final MethodHandle HANDLE = LibPython.loaded().bind("Py_EndInterpreter",
                FunctionDescriptor.ofVoid(C_POINTER));
    }

    private static final class PyThreadState_Swap {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyThreadState_Swap",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    private static final class PyThreadState_GetInterpreter {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyThreadState_GetInterpreter",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    private static final class PyInterpreterState_GetID {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyInterpreterState_GetID",
                FunctionDescriptor.of(C_LONG, C_POINTER));
    }

    private static final class PyInterpreterState_ThreadHead {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyInterpreterState_ThreadHead",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    private static final class PyThreadState_Next {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyThreadState_Next",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    private static final class PyImport_GetModuleDict {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyImport_GetModuleDict",
                FunctionDescriptor.of(C_POINTER));
    }

    /** {@return {@code sys.modules} of the current interpreter, borrowed} */
    static MemorySegment modules() {
        try {
            return (MemorySegment) PyImport_GetModuleDict.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw Downcalls.failure("PyImport_GetModuleDict", t);
        }
    }

    /** The current thread state without the fatal error of {@code PyThreadState_Get}: 3.13 renamed the function. */
    private static final class CurrentThreadState {
        static final MethodHandle HANDLE = LibPython.loaded().bind(
                LibPython.loaded().version().minor() >= 13 ? "PyThreadState_GetUnchecked" : "_PyThreadState_UncheckedGet",
                FunctionDescriptor.of(C_POINTER));
    }

    /**
     * {@code Py_NewInterpreterFromConfig(&tstate, &config)} (3.12+).
     *
     * @param config the validated configuration
     * @return the new interpreter's thread state, current on this thread, its GIL held
     * @throws dev.pyhost.api.InitializationException when CPython refused
     */
    static MemorySegment newInterpreter(SubInterpreterConfig config) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment c = arena.allocate(ValueLayout.JAVA_INT, 7);
            int[] fields = {flag(config.useMainObmalloc()), flag(config.allowFork()), flag(config.allowExec()),
                flag(config.allowThreads()), flag(config.allowDaemonThreads()),
                flag(config.checkMultiInterpExtensions()),
                config.kind() == dev.pyhost.api.InterpreterKind.ISOLATED ? OWN_GIL : SHARED_GIL};
            for (int i = 0; i < fields.length; i++) {
                c.setAtIndex(ValueLayout.JAVA_INT, i, fields[i]);
            }
            MemorySegment out = arena.allocate(C_POINTER);
            MemorySegment status = (MemorySegment) Py_NewInterpreterFromConfig.HANDLE.invokeExact(
                    (java.lang.foreign.SegmentAllocator) arena, out, c);
            PyStatusCheck.check(status);
            return out.get(C_POINTER, 0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw Downcalls.failure("Py_NewInterpreterFromConfig", t);
        }
    }

    private static int flag(boolean b) {
        return b ? 1 : 0;
    }

    /** {@return {@code Py_NewInterpreter()}: the legacy sub-interpreter's thread state, or NULL} */
    static MemorySegment newLegacyInterpreter() {
        try {
            return (MemorySegment) Py_NewInterpreter.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw Downcalls.failure("Py_NewInterpreter", t);
        }
    }

    /** {@code void Py_EndInterpreter(PyThreadState *tstate)} */
    static void endInterpreter(MemorySegment tstate) {
        try {
            Py_EndInterpreter.HANDLE.invokeExact(tstate);
        } catch (Throwable t) {
            throw Downcalls.failure("Py_EndInterpreter", t);
        }
    }

    /** {@code PyThreadState *PyThreadState_Swap(PyThreadState *tstate)} */
    static MemorySegment swap(MemorySegment tstate) {
        try {
            return (MemorySegment) PyThreadState_Swap.HANDLE.invokeExact(tstate);
        } catch (Throwable t) {
            throw Downcalls.failure("PyThreadState_Swap", t);
        }
    }

    /** {@return the interpreter of a thread state} */
    static MemorySegment interpreterOf(MemorySegment tstate) {
        try {
            return (MemorySegment) PyThreadState_GetInterpreter.HANDLE.invokeExact(tstate);
        } catch (Throwable t) {
            throw Downcalls.failure("PyThreadState_GetInterpreter", t);
        }
    }

    /** {@return CPython's id of an interpreter} */
    static long id(MemorySegment interpreter) {
        try {
            return (long) PyInterpreterState_GetID.HANDLE.invokeExact(interpreter);
        } catch (Throwable t) {
            throw Downcalls.failure("PyInterpreterState_GetID", t);
        }
    }

    /** {@return how many thread states an interpreter has} */
    static int threadStates(MemorySegment interpreter) {
        try {
            int n = 0;
            MemorySegment ts = (MemorySegment) PyInterpreterState_ThreadHead.HANDLE.invokeExact(interpreter);
            while (ts.address() != 0) {
                n++;
                ts = (MemorySegment) PyThreadState_Next.HANDLE.invokeExact(ts);
            }
            return n;
        } catch (Throwable t) {
            throw Downcalls.failure("PyInterpreterState_ThreadHead", t);
        }
    }

    /** {@return the thread state attached on this thread, or NULL} */
    static MemorySegment current() {
        try {
            return (MemorySegment) CurrentThreadState.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw Downcalls.failure("PyThreadState_GetUnchecked", t);
        }
    }
}
