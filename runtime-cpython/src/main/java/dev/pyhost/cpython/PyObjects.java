package dev.pyhost.cpython;

import static dev.pyhost.cpython.LibPython.integer;
import static dev.pyhost.cpython.LibPython.obj;
import static dev.pyhost.cpython.LibPython.voidFn;
import static dev.pyhost.cpython.LibC.INT;
import static dev.pyhost.cpython.LibC.LONG;
import static dev.pyhost.cpython.LibC.PTR;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The handful of Python object operations the driver needs, as thin wrappers over the C API. Must run on the
 * interpreter's thread with the GIL held. References: methods named {@code new...} return new references.
 */
@SuppressWarnings("restricted") // this module is the one place that calls native code
final class PyObjects {
    private final LibPython lib;

    PyObjects(LibPython lib) {
        this.lib = lib;
    }

    LibPython lib() {
        return lib;
    }

    MemorySegment none() {
        return lib.none();
    }

    void decref(MemorySegment o) {
        if (o.address() == 0) {
            return;
        }
        try {
            lib.fn("Py_DecRef", voidFn(PTR)).invokeExact(o);
        } catch (Throwable t) {
            throw LibC.rethrow("Py_DecRef", t);
        }
    }

    MemorySegment incref(MemorySegment o) {
        try {
            lib.fn("Py_IncRef", voidFn(PTR)).invokeExact(o);
            return o;
        } catch (Throwable t) {
            throw LibC.rethrow("Py_IncRef", t);
        }
    }

    /** A new {@code str} from a Java string (lone surrogates kept). */
    MemorySegment newString(String s) {
        byte[] bytes = SurrogateUtf8.encodePass(s);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(bytes.length + 1L);
            MemorySegment.copy(bytes, 0, buf, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, bytes.length);
            MemorySegment r = (MemorySegment) lib.fn("PyUnicode_DecodeUTF8", obj(PTR, LONG, PTR))
                    .invokeExact(buf, (long) bytes.length, arena.allocateFrom("surrogatepass"));
            return check(r, "PyUnicode_DecodeUTF8");
        } catch (Throwable t) {
            throw LibC.rethrow("PyUnicode_DecodeUTF8", t);
        }
    }

    MemorySegment newInt(long v) {
        try {
            return check((MemorySegment) lib.fn("PyLong_FromLongLong", obj(LONG)).invokeExact(v), "PyLong_FromLongLong");
        } catch (Throwable t) {
            throw LibC.rethrow("PyLong_FromLongLong", t);
        }
    }

    /**
     * A new tuple of Java values: {@link String}, {@link Long}/{@link Integer}, {@link Boolean} (as 0/1) or an
     * owned {@link MemorySegment} reference (stolen).
     */
    MemorySegment newTuple(Object... items) {
        try {
            MemorySegment t = (MemorySegment) lib.fn("PyTuple_New", obj(LONG)).invokeExact((long) items.length);
            check(t, "PyTuple_New");
            for (int i = 0; i < items.length; i++) {
                MemorySegment item = switch (items[i]) {
                    case String s -> newString(s);
                    case Boolean b -> newInt(b ? 1 : 0);
                    case Number n -> newInt(n.longValue());
                    case MemorySegment m -> m;
                    case null -> incref(none());
                    default -> throw new IllegalArgumentException("cannot pass " + items[i].getClass());
                };
                int rc = (int) lib.fn("PyTuple_SetItem", integer(PTR, LONG, PTR)).invokeExact(t, (long) i, item);
                if (rc != 0) {
                    throw new IllegalStateException("PyTuple_SetItem failed");
                }
            }
            return t;
        } catch (Throwable t) {
            throw LibC.rethrow("PyTuple_New", t);
        }
    }

    /** {@return a borrowed item of a tuple} */
    MemorySegment tupleItem(MemorySegment tuple, long i) {
        try {
            return (MemorySegment) lib.fn("PyTuple_GetItem", obj(PTR, LONG)).invokeExact(tuple, i);
        } catch (Throwable t) {
            throw LibC.rethrow("PyTuple_GetItem", t);
        }
    }

    /** Calls {@code callable(*args)}; returns a new reference, or NULL with the error set. */
    MemorySegment call(MemorySegment callable, MemorySegment args) {
        try {
            return (MemorySegment) lib.fn("PyObject_Call", obj(PTR, PTR, PTR)).invokeExact(callable, args, MemorySegment.NULL);
        } catch (Throwable t) {
            throw LibC.rethrow("PyObject_Call", t);
        }
    }

    /** {@code PyEval_EvalCode(code, globals, globals)}; new reference, or NULL with the error set. */
    MemorySegment evalCode(MemorySegment code, MemorySegment globals) {
        try {
            return (MemorySegment) lib.fn("PyEval_EvalCode", obj(PTR, PTR, PTR)).invokeExact(code, globals, globals);
        } catch (Throwable t) {
            throw LibC.rethrow("PyEval_EvalCode", t);
        }
    }

    /** Takes the pending exception as a normalized instance with its traceback attached (new reference). */
    MemorySegment fetchException() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment type = arena.allocate(PTR);
            MemorySegment value = arena.allocate(PTR);
            MemorySegment tb = arena.allocate(PTR);
            lib.fn("PyErr_Fetch", voidFn(PTR, PTR, PTR)).invokeExact(type, value, tb);
            lib.fn("PyErr_NormalizeException", voidFn(PTR, PTR, PTR)).invokeExact(type, value, tb);
            MemorySegment v = value.get(PTR, 0);
            MemorySegment t = type.get(PTR, 0);
            MemorySegment trace = tb.get(PTR, 0);
            if (v.address() == 0) {
                throw new IllegalStateException("no Python exception is set");
            }
            if (trace.address() != 0) {
                int rc = (int) lib.fn("PyException_SetTraceback", integer(PTR, PTR)).invokeExact(v, trace);
                assert rc == 0;
            }
            decref(t);
            decref(trace);
            return v;
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw LibC.rethrow("PyErr_Fetch", t);
        }
    }

    /** Copies the bytes of a {@code bytes} object. */
    byte[] bytes(MemorySegment b) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ptr = arena.allocate(PTR);
            MemorySegment len = arena.allocate(LONG);
            int rc = (int) lib.fn("PyBytes_AsStringAndSize", integer(PTR, PTR, PTR)).invokeExact(b, ptr, len);
            if (rc != 0) {
                throw new IllegalStateException("not a bytes object");
            }
            long n = len.get(LONG, 0);
            return ptr.get(PTR, 0).reinterpret(n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw LibC.rethrow("PyBytes_AsStringAndSize", t);
        }
    }

    /** {@code PyRun_StringFlags(source, Py_file_input, globals, globals, NULL)}; new reference or NULL. */
    MemorySegment runString(String source, MemorySegment globals) {
        try (Arena arena = Arena.ofConfined()) {
            return (MemorySegment) lib.fn("PyRun_StringFlags", obj(PTR, INT, PTR, PTR, PTR))
                    .invokeExact(arena.allocateFrom(source), 257, globals, globals, MemorySegment.NULL);
        } catch (Throwable t) {
            throw LibC.rethrow("PyRun_StringFlags", t);
        }
    }

    MemorySegment newDict() {
        try {
            return check((MemorySegment) lib.fn("PyDict_New", obj()).invokeExact(), "PyDict_New");
        } catch (Throwable t) {
            throw LibC.rethrow("PyDict_New", t);
        }
    }

    /** {@return a borrowed dict item, or NULL} */
    MemorySegment dictItem(MemorySegment dict, String key) {
        try (Arena arena = Arena.ofConfined()) {
            return (MemorySegment) lib.fn("PyDict_GetItemString", obj(PTR, PTR)).invokeExact(dict, arena.allocateFrom(key));
        } catch (Throwable t) {
            throw LibC.rethrow("PyDict_GetItemString", t);
        }
    }

    private static MemorySegment check(MemorySegment r, String what) {
        if (r.address() == 0) {
            throw new IllegalStateException(what + " failed");
        }
        return r;
    }
}
