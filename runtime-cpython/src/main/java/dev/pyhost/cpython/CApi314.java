package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_LONG;
import static dev.pyhost.cpython.Downcalls.C_POINTER;
import static dev.pyhost.cpython.NativeFunction.addressOf;
import static dev.pyhost.cpython.NativeFunction.pointer;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;

/**
 * The functions of the CPython C API that PyHost calls and that CPython 3.14 added, laid out as {@link CApi}.
 * On an older libpython each of them throws a {@link dev.pyhost.api.NativeAccessException}
 * naming the function and the version that added it, so nothing fails until such a function is called.
 */
final class CApi314 {
    private CApi314() {
    }

    private static final class PyInitConfig_Create {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyInitConfig_Create",
                FunctionDescriptor.of(C_POINTER), 14);
    }

    /** {@code PyInitConfig *PyInitConfig_Create(void)} */
    static MemorySegment PyInitConfig_Create() {
        return pointer(PyInitConfig_Create.FUNCTION.call());
    }

    private static final class PyInitConfig_Free {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyInitConfig_Free",
                FunctionDescriptor.ofVoid(C_POINTER), 14);
    }

    /** {@code void PyInitConfig_Free(PyInitConfig *config)} */
    static void PyInitConfig_Free(MemorySegment config) {
        PyInitConfig_Free.FUNCTION.call(addressOf(config));
    }

    private static final class PyInitConfig_SetInt {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyInitConfig_SetInt",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_LONG), 14);
    }

    /** {@code int PyInitConfig_SetInt(PyInitConfig *config, const char *name, int64_t value)} */
    static int PyInitConfig_SetInt(MemorySegment config, MemorySegment name, long value) {
        return (int) PyInitConfig_SetInt.FUNCTION.call(addressOf(config), addressOf(name), value);
    }

    private static final class PyInitConfig_SetStr {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyInitConfig_SetStr",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER), 14);
    }

    /** {@code int PyInitConfig_SetStr(PyInitConfig *config, const char *name, const char *value)} */
    static int PyInitConfig_SetStr(MemorySegment config, MemorySegment name, MemorySegment value) {
        return (int) PyInitConfig_SetStr.FUNCTION.call(addressOf(config), addressOf(name), addressOf(value));
    }

    private static final class PyInitConfig_SetStrList {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyInitConfig_SetStrList",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_LONG, C_POINTER), 14);
    }

    /**
     * {@code int PyInitConfig_SetStrList(PyInitConfig *config, const char *name, size_t length, char * const *items)}
     */
    static int PyInitConfig_SetStrList(MemorySegment config, MemorySegment name, long length, MemorySegment items) {
        return (int) PyInitConfig_SetStrList.FUNCTION.call(addressOf(config), addressOf(name), length,
                addressOf(items));
    }

    private static final class PyInitConfig_GetError {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyInitConfig_GetError",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER), 14);
    }

    /** {@code int PyInitConfig_GetError(PyInitConfig *config, const char **err_msg)} */
    static int PyInitConfig_GetError(MemorySegment config, MemorySegment errMsg) {
        return (int) PyInitConfig_GetError.FUNCTION.call(addressOf(config), addressOf(errMsg));
    }

    private static final class PyInitConfig_GetExitCode {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyInitConfig_GetExitCode",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER), 14);
    }

    /** {@code int PyInitConfig_GetExitCode(PyInitConfig *config, int *exitcode)} */
    static int PyInitConfig_GetExitCode(MemorySegment config, MemorySegment exitcode) {
        return (int) PyInitConfig_GetExitCode.FUNCTION.call(addressOf(config), addressOf(exitcode));
    }

    private static final class Py_InitializeFromInitConfig {
        static final NativeFunction FUNCTION = LibPython.loaded().function("Py_InitializeFromInitConfig",
                FunctionDescriptor.of(C_INT, C_POINTER), 14);
    }

    /** {@code int Py_InitializeFromInitConfig(PyInitConfig *config)} */
    static int Py_InitializeFromInitConfig(MemorySegment config) {
        return (int) Py_InitializeFromInitConfig.FUNCTION.call(addressOf(config));
    }

    private static final class PyConfig_Get {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyConfig_Get",
                FunctionDescriptor.of(C_POINTER, C_POINTER), 14);
    }

    /** {@code PyObject *PyConfig_Get(const char *name)} */
    static MemorySegment PyConfig_Get(MemorySegment name) {
        return pointer(PyConfig_Get.FUNCTION.call(addressOf(name)));
    }
}
