package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_POINTER;
import static dev.pyhost.cpython.NativeFunction.addressOf;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;

/**
 * The functions of the CPython C API that PyHost calls and that CPython 3.13 added, laid out as {@link CApi}.
 * On an older libpython each of them throws a {@link dev.pyhost.api.NativeAccessException}
 * naming the function and the version that added it, so nothing fails until such a function is called.
 */
final class CApi313 {
    private CApi313() {
    }

    private static final class PyUnstable_AtExit {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyUnstable_AtExit",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER), 13);
    }

    /** {@code int PyUnstable_AtExit(PyInterpreterState *interp, void (*func)(void *), void *data)} */
    static int PyUnstable_AtExit(MemorySegment interp, MemorySegment func, MemorySegment data) {
        return (int) PyUnstable_AtExit.FUNCTION.call(addressOf(interp), addressOf(func), addressOf(data));
    }
}
