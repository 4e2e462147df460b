package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_LONG;
import static dev.pyhost.cpython.Downcalls.C_POINTER;
import static dev.pyhost.cpython.NativeFunction.addressOf;
import static dev.pyhost.cpython.NativeFunction.pointer;

import dev.pyhost.api.SubInterpreterConfig;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

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
        static final NativeFunction FUNCTION = LibPython.loaded().function("Py_NewInterpreterFromConfig",
                FunctionDescriptor.of(PyStatusCheck.LAYOUT, C_POINTER, C_POINTER), 12);
    }

    private static final class Py_NewInterpreter {
        static final NativeFunction FUNCTION = LibPython.loaded().function("Py_NewInterpreter",
                FunctionDescriptor.of(C_POINTER));
    }

    private static final class Py_EndInterpreter {
        static final NativeFunction FUNCTION = LibPython.loaded().function("Py_EndInterpreter",
                FunctionDescriptor.ofVoid(C_POINTER));
    }

    private static final class PyThreadState_Swap {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyThreadState_Swap",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    private static final class PyThreadState_GetInterpreter {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyThreadState_GetInterpreter",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    private static final class PyInterpreterState_GetID {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyInterpreterState_GetID",
                FunctionDescriptor.of(C_LONG, C_POINTER));
    }

    private static final class PyInterpreterState_ThreadHead {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyInterpreterState_ThreadHead",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    private static final class PyThreadState_Next {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyThreadState_Next",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    private static final class PyImport_GetModuleDict {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyImport_GetModuleDict",
                FunctionDescriptor.of(C_POINTER));
    }

    /** {@return {@code sys.modules} of the current interpreter, borrowed} */
    static MemorySegment modules() {
        return pointer(PyImport_GetModuleDict.FUNCTION.call());
    }

    /** The current thread state without the fatal error of {@code PyThreadState_Get}: 3.13 renamed the function. */
    private static final class CurrentThreadState {
        static final NativeFunction FUNCTION = LibPython.loaded().function(
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
            MemorySegment status = Py_NewInterpreterFromConfig.FUNCTION.callStruct(arena, addressOf(out),
                    addressOf(c));
            PyStatusCheck.check(status);
            return out.get(C_POINTER, 0);
        }
    }

    private static int flag(boolean b) {
        return b ? 1 : 0;
    }

    /** {@return {@code Py_NewInterpreter()}: the legacy sub-interpreter's thread state, or NULL} */
    static MemorySegment newLegacyInterpreter() {
        return pointer(Py_NewInterpreter.FUNCTION.call());
    }

    /** {@code void Py_EndInterpreter(PyThreadState *tstate)} */
    static void endInterpreter(MemorySegment tstate) {
        Py_EndInterpreter.FUNCTION.call(addressOf(tstate));
    }

    /** {@code PyThreadState *PyThreadState_Swap(PyThreadState *tstate)} */
    static MemorySegment swap(MemorySegment tstate) {
        return pointer(PyThreadState_Swap.FUNCTION.call(addressOf(tstate)));
    }

    /** {@return the interpreter of a thread state} */
    static MemorySegment interpreterOf(MemorySegment tstate) {
        return pointer(PyThreadState_GetInterpreter.FUNCTION.call(addressOf(tstate)));
    }

    /** {@return CPython's id of an interpreter} */
    static long id(MemorySegment interpreter) {
        return PyInterpreterState_GetID.FUNCTION.call(addressOf(interpreter));
    }

    /** {@return how many thread states an interpreter has} */
    static int threadStates(MemorySegment interpreter) {
        int n = 0;
        MemorySegment ts = pointer(PyInterpreterState_ThreadHead.FUNCTION.call(addressOf(interpreter)));
        while (ts.address() != 0) {
            n++;
            ts = pointer(PyThreadState_Next.FUNCTION.call(addressOf(ts)));
        }
        return n;
    }

    /** {@return the thread state attached on this thread, or NULL} */
    static MemorySegment current() {
        return pointer(CurrentThreadState.FUNCTION.call());
    }
}
