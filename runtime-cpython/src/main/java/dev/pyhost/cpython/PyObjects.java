package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_LONG;
import static dev.pyhost.cpython.Downcalls.C_POINTER;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The Python object operations the driver needs, built on {@link CApi}: creating strings, integers, tuples and
 * dicts, calling, evaluating, reading bytes, taking the pending exception. Must run on the interpreter's thread
 * with the GIL held. References: methods named {@code new...} return new references.
 */
final class PyObjects {
    /** {@code Py_file_input}: the start symbol of a module's source for {@code PyRun_StringFlags}. */
    private static final int PY_FILE_INPUT = 257;

    PyObjects() {
    }

    /** {@return the address of {@code None}} */
    MemorySegment none() {
        return CApi.Py_None();
    }

    void decref(MemorySegment o) {
        if (o.address() != 0) {
            CApi.Py_DecRef(o);
        }
    }

    MemorySegment incref(MemorySegment o) {
        CApi.Py_IncRef(o);
        return o;
    }

    /** A new {@code str} from a Java string (lone surrogates kept). */
    MemorySegment newString(String s) {
        byte[] bytes = SurrogateUtf8.encodePass(s);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(bytes.length + 1L);
            MemorySegment.copy(bytes, 0, buf, ValueLayout.JAVA_BYTE, 0, bytes.length);
            return check(CApi.PyUnicode_DecodeUTF8(buf, bytes.length, arena.allocateFrom("surrogatepass")),
                    "PyUnicode_DecodeUTF8");
        }
    }

    MemorySegment newInt(long v) {
        return check(CApi.PyLong_FromLongLong(v), "PyLong_FromLongLong");
    }

    /**
     * A new tuple of Java values: {@link String}, {@link Long}/{@link Integer}, {@link Boolean} (as 0/1) or an
     * owned {@link MemorySegment} reference (stolen).
     */
    MemorySegment newTuple(Object... items) {
        MemorySegment t = check(CApi.PyTuple_New(items.length), "PyTuple_New");
        for (int i = 0; i < items.length; i++) {
            MemorySegment item = switch (items[i]) {
                case String s -> newString(s);
                case Boolean b -> newInt(b ? 1 : 0);
                case Number n -> newInt(n.longValue());
                case MemorySegment m -> m;
                case null -> incref(none());
                default -> throw new IllegalArgumentException("cannot pass " + items[i].getClass());
            };
            if (CApi.PyTuple_SetItem(t, i, item) != 0) {
                throw new IllegalStateException("PyTuple_SetItem failed");
            }
        }
        return t;
    }

    /** {@return a borrowed item of a tuple} */
    MemorySegment tupleItem(MemorySegment tuple, long i) {
        return CApi.PyTuple_GetItem(tuple, i);
    }

    /** Calls {@code callable(*args)}; returns a new reference, or NULL with the error set. */
    MemorySegment call(MemorySegment callable, MemorySegment args) {
        return CApi.PyObject_Call(callable, args, MemorySegment.NULL);
    }

    /** {@code PyEval_EvalCode(code, globals, globals)}; new reference, or NULL with the error set. */
    MemorySegment evalCode(MemorySegment code, MemorySegment globals) {
        return CApi.PyEval_EvalCode(code, globals, globals);
    }

    /** Takes the pending exception as a normalized instance with its traceback attached (new reference). */
    MemorySegment fetchException() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment type = arena.allocate(C_POINTER);
            MemorySegment value = arena.allocate(C_POINTER);
            MemorySegment tb = arena.allocate(C_POINTER);
            CApi.PyErr_Fetch(type, value, tb);
            CApi.PyErr_NormalizeException(type, value, tb);
            MemorySegment v = value.get(C_POINTER, 0);
            MemorySegment t = type.get(C_POINTER, 0);
            MemorySegment trace = tb.get(C_POINTER, 0);
            if (v.address() == 0) {
                throw new IllegalStateException("no Python exception is set");
            }
            if (trace.address() != 0) {
                int rc = CApi.PyException_SetTraceback(v, trace);
                assert rc == 0;
            }
            decref(t);
            decref(trace);
            return v;
        }
    }

    /** Copies the bytes of a {@code bytes} object. */
    @SuppressWarnings("restricted") // the buffer's size is the length CPython reports
    byte[] bytes(MemorySegment b) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ptr = arena.allocate(C_POINTER);
            MemorySegment len = arena.allocate(C_LONG);
            if (CApi.PyBytes_AsStringAndSize(b, ptr, len) != 0) {
                throw new IllegalStateException("not a bytes object");
            }
            long n = len.get(C_LONG, 0);
            return ptr.get(C_POINTER, 0).reinterpret(n).toArray(ValueLayout.JAVA_BYTE);
        }
    }

    /** {@code PyRun_StringFlags(source, Py_file_input, globals, globals, NULL)}; new reference or NULL. */
    MemorySegment runString(String source, MemorySegment globals) {
        try (Arena arena = Arena.ofConfined()) {
            return CApi.PyRun_StringFlags(arena.allocateFrom(source), PY_FILE_INPUT, globals, globals,
                    MemorySegment.NULL);
        }
    }

    MemorySegment newDict() {
        return check(CApi.PyDict_New(), "PyDict_New");
    }

    /** {@return a borrowed dict item, or NULL} */
    MemorySegment dictItem(MemorySegment dict, String key) {
        try (Arena arena = Arena.ofConfined()) {
            return CApi.PyDict_GetItemString(dict, arena.allocateFrom(key));
        }
    }

    private static MemorySegment check(MemorySegment r, String what) {
        if (r.address() == 0) {
            throw new IllegalStateException(what + " failed");
        }
        return r;
    }
}
