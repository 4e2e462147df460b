package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_LONG;
import static dev.pyhost.cpython.Downcalls.C_POINTER;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The functions of the CPython C API that PyHost calls and that CPython 3.14 added, laid out as {@link CApi}.
 * On an older libpython the handle of each is one that throws a {@link dev.pyhost.api.NativeAccessException}
 * naming the function and the version that added it, so nothing fails until such a function is called.
 */
final class CApi314 {
    private CApi314() {
    }

    private static final class PyInitConfig_Create {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyInitConfig_Create",
                FunctionDescriptor.of(C_POINTER), 14);
    }

    /** {@code PyInitConfig *PyInitConfig_Create(void)} */
    static MemorySegment PyInitConfig_Create() {
        try {
            return (MemorySegment) PyInitConfig_Create.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw Downcalls.failure("PyInitConfig_Create", t);
        }
    }

    private static final class PyInitConfig_Free {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyInitConfig_Free",
                FunctionDescriptor.ofVoid(C_POINTER), 14);
    }

    /** {@code void PyInitConfig_Free(PyInitConfig *config)} */
    static void PyInitConfig_Free(MemorySegment config) {
        try {
            PyInitConfig_Free.HANDLE.invokeExact(config);
        } catch (Throwable t) {
            throw Downcalls.failure("PyInitConfig_Free", t);
        }
    }

    private static final class PyInitConfig_SetInt {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyInitConfig_SetInt",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_LONG), 14);
    }

    /** {@code int PyInitConfig_SetInt(PyInitConfig *config, const char *name, int64_t value)} */
    static int PyInitConfig_SetInt(MemorySegment config, MemorySegment name, long value) {
        try {
            return (int) PyInitConfig_SetInt.HANDLE.invokeExact(config, name, value);
        } catch (Throwable t) {
            throw Downcalls.failure("PyInitConfig_SetInt", t);
        }
    }

    private static final class PyInitConfig_SetStr {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyInitConfig_SetStr",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER), 14);
    }

    /** {@code int PyInitConfig_SetStr(PyInitConfig *config, const char *name, const char *value)} */
    static int PyInitConfig_SetStr(MemorySegment config, MemorySegment name, MemorySegment value) {
        try {
            return (int) PyInitConfig_SetStr.HANDLE.invokeExact(config, name, value);
        } catch (Throwable t) {
            throw Downcalls.failure("PyInitConfig_SetStr", t);
        }
    }

    private static final class PyInitConfig_SetStrList {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyInitConfig_SetStrList",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_LONG, C_POINTER), 14);
    }

    /**
     * {@code int PyInitConfig_SetStrList(PyInitConfig *config, const char *name, size_t length, char * const *items)}
     */
    static int PyInitConfig_SetStrList(MemorySegment config, MemorySegment name, long length, MemorySegment items) {
        try {
            return (int) PyInitConfig_SetStrList.HANDLE.invokeExact(config, name, length, items);
        } catch (Throwable t) {
            throw Downcalls.failure("PyInitConfig_SetStrList", t);
        }
    }

    private static final class PyInitConfig_GetError {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyInitConfig_GetError",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER), 14);
    }

    /** {@code int PyInitConfig_GetError(PyInitConfig *config, const char **err_msg)} */
    static int PyInitConfig_GetError(MemorySegment config, MemorySegment errMsg) {
        try {
            return (int) PyInitConfig_GetError.HANDLE.invokeExact(config, errMsg);
        } catch (Throwable t) {
            throw Downcalls.failure("PyInitConfig_GetError", t);
        }
    }

    private static final class PyInitConfig_GetExitCode {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyInitConfig_GetExitCode",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER), 14);
    }

    /** {@code int PyInitConfig_GetExitCode(PyInitConfig *config, int *exitcode)} */
    static int PyInitConfig_GetExitCode(MemorySegment config, MemorySegment exitcode) {
        try {
            return (int) PyInitConfig_GetExitCode.HANDLE.invokeExact(config, exitcode);
        } catch (Throwable t) {
            throw Downcalls.failure("PyInitConfig_GetExitCode", t);
        }
    }

    private static final class Py_InitializeFromInitConfig {
        static final MethodHandle HANDLE = LibPython.loaded().bind("Py_InitializeFromInitConfig",
                FunctionDescriptor.of(C_INT, C_POINTER), 14);
    }

    /** {@code int Py_InitializeFromInitConfig(PyInitConfig *config)} */
    static int Py_InitializeFromInitConfig(MemorySegment config) {
        try {
            return (int) Py_InitializeFromInitConfig.HANDLE.invokeExact(config);
        } catch (Throwable t) {
            throw Downcalls.failure("Py_InitializeFromInitConfig", t);
        }
    }

    private static final class PyConfig_Get {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyConfig_Get",
                FunctionDescriptor.of(C_POINTER, C_POINTER), 14);
    }

    /** {@code PyObject *PyConfig_Get(const char *name)} */
    static MemorySegment PyConfig_Get(MemorySegment name) {
        try {
            return (MemorySegment) PyConfig_Get.HANDLE.invokeExact(name);
        } catch (Throwable t) {
            throw Downcalls.failure("PyConfig_Get", t);
        }
    }
}
