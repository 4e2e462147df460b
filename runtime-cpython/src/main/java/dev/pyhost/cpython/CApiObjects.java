package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_DOUBLE;
import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_LONG;
import static dev.pyhost.cpython.Downcalls.C_POINTER;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The functions of the CPython C API that the object layer (handles, calls, conversion, scopes, thread states of
 * calling threads) uses, laid out as {@link CApi}: one static wrapper per C function, named as in C, with its
 * downcall handle created lazily in a holder class. Every supported version (3.10 to 3.14) declares them with the
 * same signature. Raw: the GIL and reference rules of the C API apply to every call.
 */
final class CApiObjects {
    private CApiObjects() {
    }

    private static final class PyGILState_Check {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyGILState_Check",
                FunctionDescriptor.of(C_INT));
    }

    /** {@code int PyGILState_Check(void)} */
    static int PyGILState_Check() {
        try {
            return (int) PyGILState_Check.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw Downcalls.failure("PyGILState_Check", t);
        }
    }

    private static final class PyGILState_GetThisThreadState {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyGILState_GetThisThreadState",
                FunctionDescriptor.of(C_POINTER));
    }

    /** {@code PyThreadState *PyGILState_GetThisThreadState(void)} */
    static MemorySegment PyGILState_GetThisThreadState() {
        try {
            return (MemorySegment) PyGILState_GetThisThreadState.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw Downcalls.failure("PyGILState_GetThisThreadState", t);
        }
    }

    private static final class PyThreadState_New {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyThreadState_New",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    /** {@code PyThreadState *PyThreadState_New(PyInterpreterState *interp)} */
    static MemorySegment PyThreadState_New(MemorySegment interp) {
        try {
            return (MemorySegment) PyThreadState_New.HANDLE.invokeExact(interp);
        } catch (Throwable t) {
            throw Downcalls.failure("PyThreadState_New", t);
        }
    }

    private static final class PyThreadState_Clear {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyThreadState_Clear",
                FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** {@code void PyThreadState_Clear(PyThreadState *tstate)} */
    static void PyThreadState_Clear(MemorySegment tstate) {
        try {
            PyThreadState_Clear.HANDLE.invokeExact(tstate);
        } catch (Throwable t) {
            throw Downcalls.failure("PyThreadState_Clear", t);
        }
    }

    private static final class PyThreadState_Delete {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyThreadState_Delete",
                FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** {@code void PyThreadState_Delete(PyThreadState *tstate)} */
    static void PyThreadState_Delete(MemorySegment tstate) {
        try {
            PyThreadState_Delete.HANDLE.invokeExact(tstate);
        } catch (Throwable t) {
            throw Downcalls.failure("PyThreadState_Delete", t);
        }
    }

    private static final class PyThreadState_DeleteCurrent {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyThreadState_DeleteCurrent",
                FunctionDescriptor.ofVoid());
    }

    /** {@code void PyThreadState_DeleteCurrent(void)} */
    static void PyThreadState_DeleteCurrent() {
        try {
            PyThreadState_DeleteCurrent.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw Downcalls.failure("PyThreadState_DeleteCurrent", t);
        }
    }

    private static final class PyObject_GetAttrString {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyObject_GetAttrString",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyObject_GetAttrString(PyObject *o, const char *attr_name)} */
    static MemorySegment PyObject_GetAttrString(MemorySegment o, MemorySegment name) {
        try {
            return (MemorySegment) PyObject_GetAttrString.HANDLE.invokeExact(o, name);
        } catch (Throwable t) {
            throw Downcalls.failure("PyObject_GetAttrString", t);
        }
    }

    private static final class PyObject_SetAttrString {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyObject_SetAttrString",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code int PyObject_SetAttrString(PyObject *o, const char *attr_name, PyObject *v)} */
    static int PyObject_SetAttrString(MemorySegment o, MemorySegment name, MemorySegment v) {
        try {
            return (int) PyObject_SetAttrString.HANDLE.invokeExact(o, name, v);
        } catch (Throwable t) {
            throw Downcalls.failure("PyObject_SetAttrString", t);
        }
    }

    private static final class PyObject_GetItem {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyObject_GetItem",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyObject_GetItem(PyObject *o, PyObject *key)} */
    static MemorySegment PyObject_GetItem(MemorySegment o, MemorySegment key) {
        try {
            return (MemorySegment) PyObject_GetItem.HANDLE.invokeExact(o, key);
        } catch (Throwable t) {
            throw Downcalls.failure("PyObject_GetItem", t);
        }
    }

    private static final class PyObject_SetItem {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyObject_SetItem",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code int PyObject_SetItem(PyObject *o, PyObject *key, PyObject *v)} */
    static int PyObject_SetItem(MemorySegment o, MemorySegment key, MemorySegment v) {
        try {
            return (int) PyObject_SetItem.HANDLE.invokeExact(o, key, v);
        } catch (Throwable t) {
            throw Downcalls.failure("PyObject_SetItem", t);
        }
    }

    private static final class PyObject_Size {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyObject_Size",
                FunctionDescriptor.of(C_LONG, C_POINTER));
    }

    /** {@code Py_ssize_t PyObject_Size(PyObject *o)} */
    static long PyObject_Size(MemorySegment o) {
        try {
            return (long) PyObject_Size.HANDLE.invokeExact(o);
        } catch (Throwable t) {
            throw Downcalls.failure("PyObject_Size", t);
        }
    }

    private static final class PyObject_VectorcallDict {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyObject_VectorcallDict",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_LONG, C_POINTER));
    }

    /** {@code PyObject *PyObject_VectorcallDict(PyObject *callable, PyObject *const *args, size_t nargsf, PyObject *kwdict)} */
    static MemorySegment PyObject_VectorcallDict(MemorySegment callable, MemorySegment args, long nargsf, MemorySegment kwdict) {
        try {
            return (MemorySegment) PyObject_VectorcallDict.HANDLE.invokeExact(callable, args, nargsf, kwdict);
        } catch (Throwable t) {
            throw Downcalls.failure("PyObject_VectorcallDict", t);
        }
    }

    private static final class PyObject_Str {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyObject_Str",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyObject_Str(PyObject *o)} */
    static MemorySegment PyObject_Str(MemorySegment o) {
        try {
            return (MemorySegment) PyObject_Str.HANDLE.invokeExact(o);
        } catch (Throwable t) {
            throw Downcalls.failure("PyObject_Str", t);
        }
    }

    private static final class PyObject_Repr {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyObject_Repr",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyObject_Repr(PyObject *o)} */
    static MemorySegment PyObject_Repr(MemorySegment o) {
        try {
            return (MemorySegment) PyObject_Repr.HANDLE.invokeExact(o);
        } catch (Throwable t) {
            throw Downcalls.failure("PyObject_Repr", t);
        }
    }

    private static final class PyObject_IsInstance {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyObject_IsInstance",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
    }

    /** {@code int PyObject_IsInstance(PyObject *inst, PyObject *cls)} */
    static int PyObject_IsInstance(MemorySegment inst, MemorySegment cls) {
        try {
            return (int) PyObject_IsInstance.HANDLE.invokeExact(inst, cls);
        } catch (Throwable t) {
            throw Downcalls.failure("PyObject_IsInstance", t);
        }
    }

    private static final class PyObject_IsTrue {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyObject_IsTrue",
                FunctionDescriptor.of(C_INT, C_POINTER));
    }

    /** {@code int PyObject_IsTrue(PyObject *o)} */
    static int PyObject_IsTrue(MemorySegment o) {
        try {
            return (int) PyObject_IsTrue.HANDLE.invokeExact(o);
        } catch (Throwable t) {
            throw Downcalls.failure("PyObject_IsTrue", t);
        }
    }

    private static final class PyObject_GetIter {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyObject_GetIter",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyObject_GetIter(PyObject *o)} */
    static MemorySegment PyObject_GetIter(MemorySegment o) {
        try {
            return (MemorySegment) PyObject_GetIter.HANDLE.invokeExact(o);
        } catch (Throwable t) {
            throw Downcalls.failure("PyObject_GetIter", t);
        }
    }

    private static final class PyIter_Next {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyIter_Next",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyIter_Next(PyObject *o)} */
    static MemorySegment PyIter_Next(MemorySegment o) {
        try {
            return (MemorySegment) PyIter_Next.HANDLE.invokeExact(o);
        } catch (Throwable t) {
            throw Downcalls.failure("PyIter_Next", t);
        }
    }

    private static final class PyUnicode_AsUTF8AndSize {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyUnicode_AsUTF8AndSize",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code const char *PyUnicode_AsUTF8AndSize(PyObject *unicode, Py_ssize_t *size)} */
    static MemorySegment PyUnicode_AsUTF8AndSize(MemorySegment o, MemorySegment size) {
        try {
            return (MemorySegment) PyUnicode_AsUTF8AndSize.HANDLE.invokeExact(o, size);
        } catch (Throwable t) {
            throw Downcalls.failure("PyUnicode_AsUTF8AndSize", t);
        }
    }

    private static final class PyUnicode_AsEncodedString {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyUnicode_AsEncodedString",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyUnicode_AsEncodedString(PyObject *unicode, const char *encoding, const char *errors)} */
    static MemorySegment PyUnicode_AsEncodedString(MemorySegment o, MemorySegment encoding, MemorySegment errors) {
        try {
            return (MemorySegment) PyUnicode_AsEncodedString.HANDLE.invokeExact(o, encoding, errors);
        } catch (Throwable t) {
            throw Downcalls.failure("PyUnicode_AsEncodedString", t);
        }
    }

    private static final class PyFloat_FromDouble {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyFloat_FromDouble",
                FunctionDescriptor.of(C_POINTER, C_DOUBLE));
    }

    /** {@code PyObject *PyFloat_FromDouble(double v)} */
    static MemorySegment PyFloat_FromDouble(double v) {
        try {
            return (MemorySegment) PyFloat_FromDouble.HANDLE.invokeExact(v);
        } catch (Throwable t) {
            throw Downcalls.failure("PyFloat_FromDouble", t);
        }
    }

    private static final class PyFloat_AsDouble {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyFloat_AsDouble",
                FunctionDescriptor.of(C_DOUBLE, C_POINTER));
    }

    /** {@code double PyFloat_AsDouble(PyObject *o)} */
    static double PyFloat_AsDouble(MemorySegment o) {
        try {
            return (double) PyFloat_AsDouble.HANDLE.invokeExact(o);
        } catch (Throwable t) {
            throw Downcalls.failure("PyFloat_AsDouble", t);
        }
    }

    private static final class PyLong_AsLongLongAndOverflow {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyLong_AsLongLongAndOverflow",
                FunctionDescriptor.of(C_LONG, C_POINTER, C_POINTER));
    }

    /** {@code long long PyLong_AsLongLongAndOverflow(PyObject *o, int *overflow)} */
    static long PyLong_AsLongLongAndOverflow(MemorySegment o, MemorySegment overflow) {
        try {
            return (long) PyLong_AsLongLongAndOverflow.HANDLE.invokeExact(o, overflow);
        } catch (Throwable t) {
            throw Downcalls.failure("PyLong_AsLongLongAndOverflow", t);
        }
    }

    private static final class PyLong_AsLongLong {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyLong_AsLongLong",
                FunctionDescriptor.of(C_LONG, C_POINTER));
    }

    /** {@code long long PyLong_AsLongLong(PyObject *o)} */
    static long PyLong_AsLongLong(MemorySegment o) {
        try {
            return (long) PyLong_AsLongLong.HANDLE.invokeExact(o);
        } catch (Throwable t) {
            throw Downcalls.failure("PyLong_AsLongLong", t);
        }
    }

    private static final class PyLong_FromString {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyLong_FromString",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_INT));
    }

    /** {@code PyObject *PyLong_FromString(const char *str, char **pend, int base)} */
    static MemorySegment PyLong_FromString(MemorySegment str, MemorySegment pend, int base) {
        try {
            return (MemorySegment) PyLong_FromString.HANDLE.invokeExact(str, pend, base);
        } catch (Throwable t) {
            throw Downcalls.failure("PyLong_FromString", t);
        }
    }

    private static final class PyBool_FromLong {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyBool_FromLong",
                FunctionDescriptor.of(C_POINTER, C_LONG));
    }

    /** {@code PyObject *PyBool_FromLong(long v)} */
    static MemorySegment PyBool_FromLong(long v) {
        try {
            return (MemorySegment) PyBool_FromLong.HANDLE.invokeExact(v);
        } catch (Throwable t) {
            throw Downcalls.failure("PyBool_FromLong", t);
        }
    }

    private static final class PyBytes_FromStringAndSize {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyBytes_FromStringAndSize",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_LONG));
    }

    /** {@code PyObject *PyBytes_FromStringAndSize(const char *v, Py_ssize_t len)} */
    static MemorySegment PyBytes_FromStringAndSize(MemorySegment v, long len) {
        try {
            return (MemorySegment) PyBytes_FromStringAndSize.HANDLE.invokeExact(v, len);
        } catch (Throwable t) {
            throw Downcalls.failure("PyBytes_FromStringAndSize", t);
        }
    }

    private static final class PyList_New {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyList_New",
                FunctionDescriptor.of(C_POINTER, C_LONG));
    }

    /** {@code PyObject *PyList_New(Py_ssize_t len)} */
    static MemorySegment PyList_New(long len) {
        try {
            return (MemorySegment) PyList_New.HANDLE.invokeExact(len);
        } catch (Throwable t) {
            throw Downcalls.failure("PyList_New", t);
        }
    }

    private static final class PyList_SetItem {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyList_SetItem",
                FunctionDescriptor.of(C_INT, C_POINTER, C_LONG, C_POINTER));
    }

    /** {@code int PyList_SetItem(PyObject *list, Py_ssize_t index, PyObject *item)} */
    static int PyList_SetItem(MemorySegment list, long index, MemorySegment item) {
        try {
            return (int) PyList_SetItem.HANDLE.invokeExact(list, index, item);
        } catch (Throwable t) {
            throw Downcalls.failure("PyList_SetItem", t);
        }
    }

    private static final class PyList_GetItem {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyList_GetItem",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_LONG));
    }

    /** {@code PyObject *PyList_GetItem(PyObject *list, Py_ssize_t index)} */
    static MemorySegment PyList_GetItem(MemorySegment list, long index) {
        try {
            return (MemorySegment) PyList_GetItem.HANDLE.invokeExact(list, index);
        } catch (Throwable t) {
            throw Downcalls.failure("PyList_GetItem", t);
        }
    }

    private static final class PyList_Size {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyList_Size",
                FunctionDescriptor.of(C_LONG, C_POINTER));
    }

    /** {@code Py_ssize_t PyList_Size(PyObject *list)} */
    static long PyList_Size(MemorySegment list) {
        try {
            return (long) PyList_Size.HANDLE.invokeExact(list);
        } catch (Throwable t) {
            throw Downcalls.failure("PyList_Size", t);
        }
    }

    private static final class PyTuple_Size {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyTuple_Size",
                FunctionDescriptor.of(C_LONG, C_POINTER));
    }

    /** {@code Py_ssize_t PyTuple_Size(PyObject *tuple)} */
    static long PyTuple_Size(MemorySegment tuple) {
        try {
            return (long) PyTuple_Size.HANDLE.invokeExact(tuple);
        } catch (Throwable t) {
            throw Downcalls.failure("PyTuple_Size", t);
        }
    }

    private static final class PyDict_SetItem {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyDict_SetItem",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code int PyDict_SetItem(PyObject *p, PyObject *key, PyObject *val)} */
    static int PyDict_SetItem(MemorySegment dict, MemorySegment key, MemorySegment value) {
        try {
            return (int) PyDict_SetItem.HANDLE.invokeExact(dict, key, value);
        } catch (Throwable t) {
            throw Downcalls.failure("PyDict_SetItem", t);
        }
    }

    private static final class PyDict_SetItemString {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyDict_SetItemString",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code int PyDict_SetItemString(PyObject *p, const char *key, PyObject *val)} */
    static int PyDict_SetItemString(MemorySegment dict, MemorySegment key, MemorySegment value) {
        try {
            return (int) PyDict_SetItemString.HANDLE.invokeExact(dict, key, value);
        } catch (Throwable t) {
            throw Downcalls.failure("PyDict_SetItemString", t);
        }
    }

    private static final class PyDict_Clear {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyDict_Clear", FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** {@code void PyDict_Clear(PyObject *p)} */
    static void PyDict_Clear(MemorySegment dict) {
        try {
            PyDict_Clear.HANDLE.invokeExact(dict);
        } catch (Throwable t) {
            throw Downcalls.failure("PyDict_Clear", t);
        }
    }

    private static final class PyDict_DelItemString {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyDict_DelItemString",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
    }

    /** {@code int PyDict_DelItemString(PyObject *p, const char *key)} */
    static int PyDict_DelItemString(MemorySegment dict, MemorySegment key) {
        try {
            return (int) PyDict_DelItemString.HANDLE.invokeExact(dict, key);
        } catch (Throwable t) {
            throw Downcalls.failure("PyDict_DelItemString", t);
        }
    }

    private static final class PyDict_Next {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyDict_Next",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code int PyDict_Next(PyObject *p, Py_ssize_t *ppos, PyObject **pkey, PyObject **pvalue)} */
    static int PyDict_Next(MemorySegment dict, MemorySegment pos, MemorySegment key, MemorySegment value) {
        try {
            return (int) PyDict_Next.HANDLE.invokeExact(dict, pos, key, value);
        } catch (Throwable t) {
            throw Downcalls.failure("PyDict_Next", t);
        }
    }

    private static final class PyDict_GetItemWithError {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyDict_GetItemWithError",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyDict_GetItemWithError(PyObject *p, PyObject *key)} */
    static MemorySegment PyDict_GetItemWithError(MemorySegment dict, MemorySegment key) {
        try {
            return (MemorySegment) PyDict_GetItemWithError.HANDLE.invokeExact(dict, key);
        } catch (Throwable t) {
            throw Downcalls.failure("PyDict_GetItemWithError", t);
        }
    }

    private static final class PySet_New {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PySet_New",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PySet_New(PyObject *iterable)} */
    static MemorySegment PySet_New(MemorySegment iterable) {
        try {
            return (MemorySegment) PySet_New.HANDLE.invokeExact(iterable);
        } catch (Throwable t) {
            throw Downcalls.failure("PySet_New", t);
        }
    }

    private static final class PyFrozenSet_New {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyFrozenSet_New",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyFrozenSet_New(PyObject *iterable)} */
    static MemorySegment PyFrozenSet_New(MemorySegment iterable) {
        try {
            return (MemorySegment) PyFrozenSet_New.HANDLE.invokeExact(iterable);
        } catch (Throwable t) {
            throw Downcalls.failure("PyFrozenSet_New", t);
        }
    }

    private static final class PySet_Add {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PySet_Add",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
    }

    /** {@code int PySet_Add(PyObject *set, PyObject *key)} */
    static int PySet_Add(MemorySegment set, MemorySegment key) {
        try {
            return (int) PySet_Add.HANDLE.invokeExact(set, key);
        } catch (Throwable t) {
            throw Downcalls.failure("PySet_Add", t);
        }
    }

    private static final class PyImport_ImportModule {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyImport_ImportModule",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyImport_ImportModule(const char *name)} */
    static MemorySegment PyImport_ImportModule(MemorySegment name) {
        try {
            return (MemorySegment) PyImport_ImportModule.HANDLE.invokeExact(name);
        } catch (Throwable t) {
            throw Downcalls.failure("PyImport_ImportModule", t);
        }
    }

    private static final class PyImport_AddModule {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyImport_AddModule",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyImport_AddModule(const char *name)} */
    static MemorySegment PyImport_AddModule(MemorySegment name) {
        try {
            return (MemorySegment) PyImport_AddModule.HANDLE.invokeExact(name);
        } catch (Throwable t) {
            throw Downcalls.failure("PyImport_AddModule", t);
        }
    }

    private static final class PyModule_GetDict {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyModule_GetDict",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyModule_GetDict(PyObject *module)} */
    static MemorySegment PyModule_GetDict(MemorySegment module) {
        try {
            return (MemorySegment) PyModule_GetDict.HANDLE.invokeExact(module);
        } catch (Throwable t) {
            throw Downcalls.failure("PyModule_GetDict", t);
        }
    }

    private static final class Py_CompileStringExFlags {
        static final MethodHandle HANDLE = LibPython.loaded().bind("Py_CompileStringExFlags",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_INT, C_POINTER, C_INT));
    }

    /** {@code PyObject *Py_CompileStringExFlags(const char *str, const char *filename, int start, PyCompilerFlags *flags, int optimize)} */
    static MemorySegment Py_CompileStringExFlags(MemorySegment str, MemorySegment filename, int start, MemorySegment flags, int optimize) {
        try {
            return (MemorySegment) Py_CompileStringExFlags.HANDLE.invokeExact(str, filename, start, flags, optimize);
        } catch (Throwable t) {
            throw Downcalls.failure("Py_CompileStringExFlags", t);
        }
    }

    private static final class PyCapsule_New {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyCapsule_New",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyCapsule_New(void *pointer, const char *name, PyCapsule_Destructor destructor)} */
    static MemorySegment PyCapsule_New(MemorySegment pointer, MemorySegment name, MemorySegment destructor) {
        try {
            return (MemorySegment) PyCapsule_New.HANDLE.invokeExact(pointer, name, destructor);
        } catch (Throwable t) {
            throw Downcalls.failure("PyCapsule_New", t);
        }
    }

    private static final class PyCapsule_GetPointer {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyCapsule_GetPointer",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code void *PyCapsule_GetPointer(PyObject *capsule, const char *name)} */
    static MemorySegment PyCapsule_GetPointer(MemorySegment capsule, MemorySegment name) {
        try {
            return (MemorySegment) PyCapsule_GetPointer.HANDLE.invokeExact(capsule, name);
        } catch (Throwable t) {
            throw Downcalls.failure("PyCapsule_GetPointer", t);
        }
    }

    private static final class PyCFunction_NewEx {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyCFunction_NewEx",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyCFunction_NewEx(PyMethodDef *ml, PyObject *self, PyObject *module)} */
    static MemorySegment PyCFunction_NewEx(MemorySegment def, MemorySegment self, MemorySegment module) {
        try {
            return (MemorySegment) PyCFunction_NewEx.HANDLE.invokeExact(def, self, module);
        } catch (Throwable t) {
            throw Downcalls.failure("PyCFunction_NewEx", t);
        }
    }

    private static final class PyErr_SetObject {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyErr_SetObject",
                FunctionDescriptor.ofVoid(C_POINTER, C_POINTER));
    }

    /** {@code void PyErr_SetObject(PyObject *type, PyObject *value)} */
    static void PyErr_SetObject(MemorySegment type, MemorySegment value) {
        try {
            PyErr_SetObject.HANDLE.invokeExact(type, value);
        } catch (Throwable t) {
            throw Downcalls.failure("PyErr_SetObject", t);
        }
    }

    private static final class PyErr_SetString {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyErr_SetString",
                FunctionDescriptor.ofVoid(C_POINTER, C_POINTER));
    }

    /** {@code void PyErr_SetString(PyObject *type, const char *message)} */
    static void PyErr_SetString(MemorySegment type, MemorySegment message) {
        try {
            PyErr_SetString.HANDLE.invokeExact(type, message);
        } catch (Throwable t) {
            throw Downcalls.failure("PyErr_SetString", t);
        }
    }

    private static final class PyErr_Clear {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyErr_Clear",
                FunctionDescriptor.ofVoid());
    }

    /** {@code void PyErr_Clear(void)} */
    static void PyErr_Clear() {
        try {
            PyErr_Clear.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw Downcalls.failure("PyErr_Clear", t);
        }
    }

    private static final class PyErr_ExceptionMatches {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyErr_ExceptionMatches",
                FunctionDescriptor.of(C_INT, C_POINTER));
    }

    /** {@code int PyErr_ExceptionMatches(PyObject *exc)} */
    static int PyErr_ExceptionMatches(MemorySegment exc) {
        try {
            return (int) PyErr_ExceptionMatches.HANDLE.invokeExact(exc);
        } catch (Throwable t) {
            throw Downcalls.failure("PyErr_ExceptionMatches", t);
        }
    }

    private static final class PyType_GetFlags {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyType_GetFlags",
                FunctionDescriptor.of(C_LONG, C_POINTER));
    }

    /** {@code unsigned long PyType_GetFlags(PyTypeObject *type)} */
    static long PyType_GetFlags(MemorySegment type) {
        try {
            return (long) PyType_GetFlags.HANDLE.invokeExact(type);
        } catch (Throwable t) {
            throw Downcalls.failure("PyType_GetFlags", t);
        }
    }

    private static final class PyComplex_FromDoubles {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyComplex_FromDoubles",
                FunctionDescriptor.of(C_POINTER, C_DOUBLE, C_DOUBLE));
    }

    /** {@code PyObject *PyComplex_FromDoubles(double real, double imag)} */
    static MemorySegment PyComplex_FromDoubles(double real, double imag) {
        try {
            return (MemorySegment) PyComplex_FromDoubles.HANDLE.invokeExact(real, imag);
        } catch (Throwable t) {
            throw Downcalls.failure("PyComplex_FromDoubles", t);
        }
    }

    private static final class PyComplex_RealAsDouble {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyComplex_RealAsDouble",
                FunctionDescriptor.of(C_DOUBLE, C_POINTER));
    }

    /** {@code double PyComplex_RealAsDouble(PyObject *op)} */
    static double PyComplex_RealAsDouble(MemorySegment o) {
        try {
            return (double) PyComplex_RealAsDouble.HANDLE.invokeExact(o);
        } catch (Throwable t) {
            throw Downcalls.failure("PyComplex_RealAsDouble", t);
        }
    }

    private static final class PyComplex_ImagAsDouble {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyComplex_ImagAsDouble",
                FunctionDescriptor.of(C_DOUBLE, C_POINTER));
    }

    /** {@code double PyComplex_ImagAsDouble(PyObject *op)} */
    static double PyComplex_ImagAsDouble(MemorySegment o) {
        try {
            return (double) PyComplex_ImagAsDouble.HANDLE.invokeExact(o);
        } catch (Throwable t) {
            throw Downcalls.failure("PyComplex_ImagAsDouble", t);
        }
    }

}
