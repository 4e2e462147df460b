package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_LONG;
import static dev.pyhost.cpython.Downcalls.C_POINTER;
import static dev.pyhost.cpython.NativeFunction.addressOf;
import static dev.pyhost.cpython.NativeFunction.pointer;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The functions of the CPython C API behind zero-copy buffers ({@link CPythonBuffer}, {@link CPythonSharedSegment})
 * and the conversions of buffer and {@code __index__} objects, laid out as {@link CApiObjects}: one static wrapper
 * per C function, named as in C, its downcall handle created lazily in a holder class. Every supported version
 * (3.10 to 3.14) exports them with the same signature. Raw: the GIL and reference rules of the C API apply.
 */
final class CApiBuffers {
    /** C {@code char}. */
    private static final ValueLayout.OfByte C_CHAR = ValueLayout.JAVA_BYTE;

    private CApiBuffers() {
    }

    private static final class PyObject_GetBuffer {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyObject_GetBuffer",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_INT));
    }

    /** {@code int PyObject_GetBuffer(PyObject *obj, Py_buffer *view, int flags)} */
    static int PyObject_GetBuffer(MemorySegment obj, MemorySegment view, int flags) {
        return (int) PyObject_GetBuffer.FUNCTION.call(addressOf(obj), addressOf(view), flags);
    }

    private static final class PyBuffer_Release {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyBuffer_Release",
                FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** {@code void PyBuffer_Release(Py_buffer *view)} */
    static void PyBuffer_Release(MemorySegment view) {
        PyBuffer_Release.FUNCTION.call(addressOf(view));
    }

    private static final class PyBuffer_FillInfo {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyBuffer_FillInfo",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER, C_LONG, C_INT, C_INT));
    }

    /** {@code int PyBuffer_FillInfo(Py_buffer *view, PyObject *exporter, void *buf, Py_ssize_t len, int readonly, int flags)} */
    static int PyBuffer_FillInfo(MemorySegment view, MemorySegment exporter, MemorySegment buf, long len, int readonly, int flags) {
        return (int) PyBuffer_FillInfo.FUNCTION.call(addressOf(view), addressOf(exporter), addressOf(buf), len,
                readonly, flags);
    }

    private static final class PyObject_CheckBuffer {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyObject_CheckBuffer",
                FunctionDescriptor.of(C_INT, C_POINTER));
    }

    /** {@code int PyObject_CheckBuffer(PyObject *obj)} */
    static int PyObject_CheckBuffer(MemorySegment obj) {
        return (int) PyObject_CheckBuffer.FUNCTION.call(addressOf(obj));
    }

    private static final class PyBuffer_IsContiguous {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyBuffer_IsContiguous",
                FunctionDescriptor.of(C_INT, C_POINTER, C_CHAR));
    }

    /** {@code int PyBuffer_IsContiguous(const Py_buffer *view, char order)} */
    static int PyBuffer_IsContiguous(MemorySegment view, byte order) {
        try {
            return (int) PyBuffer_IsContiguous.HANDLE.invokeExact(view, order);
        } catch (Throwable t) {
            throw Downcalls.failure("PyBuffer_IsContiguous", t);
        }
    }

    private static final class PyNumber_Index {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyNumber_Index",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyNumber_Index(PyObject *o)} */
    static MemorySegment PyNumber_Index(MemorySegment obj) {
        return pointer(PyNumber_Index.FUNCTION.call(addressOf(obj)));
    }

    private static final class PyIndex_Check {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyIndex_Check",
                FunctionDescriptor.of(C_INT, C_POINTER));
    }

    /** {@code int PyIndex_Check(PyObject *o)} */
    static int PyIndex_Check(MemorySegment obj) {
        return (int) PyIndex_Check.FUNCTION.call(addressOf(obj));
    }

    private static final class PyType_FromSpec {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyType_FromSpec",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyType_FromSpec(PyType_Spec *spec)} */
    static MemorySegment PyType_FromSpec(MemorySegment spec) {
        return pointer(PyType_FromSpec.FUNCTION.call(addressOf(spec)));
    }

    private static final class PyType_GenericAlloc {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyType_GenericAlloc",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_LONG));
    }

    /** {@code PyObject *PyType_GenericAlloc(PyTypeObject *type, Py_ssize_t nitems)} */
    static MemorySegment PyType_GenericAlloc(MemorySegment type, long items) {
        return pointer(PyType_GenericAlloc.FUNCTION.call(addressOf(type), items));
    }

    private static final class PyMemoryView_FromObject {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyMemoryView_FromObject",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyMemoryView_FromObject(PyObject *obj)} */
    static MemorySegment PyMemoryView_FromObject(MemorySegment obj) {
        return pointer(PyMemoryView_FromObject.FUNCTION.call(addressOf(obj)));
    }
}
