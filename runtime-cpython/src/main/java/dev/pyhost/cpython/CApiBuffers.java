package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_LONG;
import static dev.pyhost.cpython.Downcalls.C_POINTER;

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
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyObject_GetBuffer",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_INT));
    }

    /** {@code int PyObject_GetBuffer(PyObject *obj, Py_buffer *view, int flags)} */
    static int PyObject_GetBuffer(MemorySegment obj, MemorySegment view, int flags) {
        try {
            return (int) PyObject_GetBuffer.HANDLE.invokeExact(obj, view, flags);
        } catch (Throwable t) {
            throw Downcalls.failure("PyObject_GetBuffer", t);
        }
    }

    private static final class PyBuffer_Release {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyBuffer_Release",
                FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** {@code void PyBuffer_Release(Py_buffer *view)} */
    static void PyBuffer_Release(MemorySegment view) {
        try {
            PyBuffer_Release.HANDLE.invokeExact(view);
        } catch (Throwable t) {
            throw Downcalls.failure("PyBuffer_Release", t);
        }
    }

    private static final class PyBuffer_FillInfo {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyBuffer_FillInfo",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER, C_LONG, C_INT, C_INT));
    }

    /** {@code int PyBuffer_FillInfo(Py_buffer *view, PyObject *exporter, void *buf, Py_ssize_t len, int readonly, int flags)} */
    static int PyBuffer_FillInfo(MemorySegment view, MemorySegment exporter, MemorySegment buf, long len, int readonly, int flags) {
        try {
            return (int) PyBuffer_FillInfo.HANDLE.invokeExact(view, exporter, buf, len, readonly, flags);
        } catch (Throwable t) {
            throw Downcalls.failure("PyBuffer_FillInfo", t);
        }
    }

    private static final class PyObject_CheckBuffer {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyObject_CheckBuffer",
                FunctionDescriptor.of(C_INT, C_POINTER));
    }

    /** {@code int PyObject_CheckBuffer(PyObject *obj)} */
    static int PyObject_CheckBuffer(MemorySegment obj) {
        try {
            return (int) PyObject_CheckBuffer.HANDLE.invokeExact(obj);
        } catch (Throwable t) {
            throw Downcalls.failure("PyObject_CheckBuffer", t);
        }
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
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyNumber_Index",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyNumber_Index(PyObject *o)} */
    static MemorySegment PyNumber_Index(MemorySegment obj) {
        try {
            return (MemorySegment) PyNumber_Index.HANDLE.invokeExact(obj);
        } catch (Throwable t) {
            throw Downcalls.failure("PyNumber_Index", t);
        }
    }

    private static final class PyIndex_Check {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyIndex_Check",
                FunctionDescriptor.of(C_INT, C_POINTER));
    }

    /** {@code int PyIndex_Check(PyObject *o)} */
    static int PyIndex_Check(MemorySegment obj) {
        try {
            return (int) PyIndex_Check.HANDLE.invokeExact(obj);
        } catch (Throwable t) {
            throw Downcalls.failure("PyIndex_Check", t);
        }
    }

    private static final class PyType_FromSpec {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyType_FromSpec",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyType_FromSpec(PyType_Spec *spec)} */
    static MemorySegment PyType_FromSpec(MemorySegment spec) {
        try {
            return (MemorySegment) PyType_FromSpec.HANDLE.invokeExact(spec);
        } catch (Throwable t) {
            throw Downcalls.failure("PyType_FromSpec", t);
        }
    }

    private static final class PyType_GenericAlloc {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyType_GenericAlloc",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_LONG));
    }

    /** {@code PyObject *PyType_GenericAlloc(PyTypeObject *type, Py_ssize_t nitems)} */
    static MemorySegment PyType_GenericAlloc(MemorySegment type, long items) {
        try {
            return (MemorySegment) PyType_GenericAlloc.HANDLE.invokeExact(type, items);
        } catch (Throwable t) {
            throw Downcalls.failure("PyType_GenericAlloc", t);
        }
    }

    private static final class PyMemoryView_FromObject {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyMemoryView_FromObject",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyMemoryView_FromObject(PyObject *obj)} */
    static MemorySegment PyMemoryView_FromObject(MemorySegment obj) {
        try {
            return (MemorySegment) PyMemoryView_FromObject.HANDLE.invokeExact(obj);
        } catch (Throwable t) {
            throw Downcalls.failure("PyMemoryView_FromObject", t);
        }
    }
}
