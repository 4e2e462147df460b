package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_LONG;
import static dev.pyhost.cpython.Downcalls.C_POINTER;
import static dev.pyhost.cpython.NativeFunction.addressOf;
import static dev.pyhost.cpython.NativeFunction.pointer;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;

/**
 * The functions of the CPython C API that the compiled bootstrap ({@link CompiledBootstrap}) calls, laid out as
 * {@link CApi}: compiling a source to a code object and turning a code object into bytes and back. All of them
 * exist in every supported version (3.10 to 3.14).
 */
final class CApiMarshal {
    private CApiMarshal() {
    }

    private static final class Py_CompileStringExFlags {
        static final NativeFunction FUNCTION = LibPython.loaded().function("Py_CompileStringExFlags",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_INT, C_POINTER, C_INT));
    }

    /**
     * {@code PyObject *Py_CompileStringExFlags(const char *str, const char *filename, int start,
     * PyCompilerFlags *flags, int optimize)}
     */
    static MemorySegment Py_CompileStringExFlags(MemorySegment str, MemorySegment filename, int start,
            MemorySegment flags, int optimize) {
        return pointer(Py_CompileStringExFlags.FUNCTION.call(addressOf(str), addressOf(filename), start,
                addressOf(flags), optimize));
    }

    private static final class PyMarshal_WriteObjectToString {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyMarshal_WriteObjectToString",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_INT));
    }

    /** {@code PyObject *PyMarshal_WriteObjectToString(PyObject *value, int version)} */
    static MemorySegment PyMarshal_WriteObjectToString(MemorySegment value, int version) {
        return pointer(PyMarshal_WriteObjectToString.FUNCTION.call(addressOf(value), version));
    }

    private static final class PyMarshal_ReadObjectFromString {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyMarshal_ReadObjectFromString",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_LONG));
    }

    /** {@code PyObject *PyMarshal_ReadObjectFromString(const char *data, Py_ssize_t len)} */
    static MemorySegment PyMarshal_ReadObjectFromString(MemorySegment data, long len) {
        return pointer(PyMarshal_ReadObjectFromString.FUNCTION.call(addressOf(data), len));
    }
}
