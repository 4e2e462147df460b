package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_LONG;
import static dev.pyhost.cpython.Downcalls.C_POINTER;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The functions of the CPython C API that the compiled bootstrap ({@link CompiledBootstrap}) calls, laid out as
 * {@link CApi}: compiling a source to a code object and turning a code object into bytes and back. All of them
 * exist in every supported version (3.10 to 3.14).
 */
final class CApiMarshal {
    private CApiMarshal() {
    }

    private static final class Py_CompileStringExFlags {
        static final MethodHandle HANDLE = LibPython.loaded().bind("Py_CompileStringExFlags",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_INT, C_POINTER, C_INT));
    }

    /**
     * {@code PyObject *Py_CompileStringExFlags(const char *str, const char *filename, int start,
     * PyCompilerFlags *flags, int optimize)}
     */
    static MemorySegment Py_CompileStringExFlags(MemorySegment str, MemorySegment filename, int start,
            MemorySegment flags, int optimize) {
        try {
            return (MemorySegment) Py_CompileStringExFlags.HANDLE.invokeExact(str, filename, start, flags, optimize);
        } catch (Throwable t) {
            throw Downcalls.failure("Py_CompileStringExFlags", t);
        }
    }

    private static final class PyMarshal_WriteObjectToString {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyMarshal_WriteObjectToString",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_INT));
    }

    /** {@code PyObject *PyMarshal_WriteObjectToString(PyObject *value, int version)} */
    static MemorySegment PyMarshal_WriteObjectToString(MemorySegment value, int version) {
        try {
            return (MemorySegment) PyMarshal_WriteObjectToString.HANDLE.invokeExact(value, version);
        } catch (Throwable t) {
            throw Downcalls.failure("PyMarshal_WriteObjectToString", t);
        }
    }

    private static final class PyMarshal_ReadObjectFromString {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyMarshal_ReadObjectFromString",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_LONG));
    }

    /** {@code PyObject *PyMarshal_ReadObjectFromString(const char *data, Py_ssize_t len)} */
    static MemorySegment PyMarshal_ReadObjectFromString(MemorySegment data, long len) {
        try {
            return (MemorySegment) PyMarshal_ReadObjectFromString.HANDLE.invokeExact(data, len);
        } catch (Throwable t) {
            throw Downcalls.failure("PyMarshal_ReadObjectFromString", t);
        }
    }
}
