package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_DOUBLE;
import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_LONG;
import static dev.pyhost.cpython.Downcalls.C_POINTER;
import static dev.pyhost.cpython.NativeFunction.addressOf;
import static dev.pyhost.cpython.NativeFunction.pointer;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
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
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyGILState_Check",
                FunctionDescriptor.of(C_INT));
    }

    /** {@code int PyGILState_Check(void)} */
    static int PyGILState_Check() {
        return (int) PyGILState_Check.FUNCTION.call();
    }

    private static final class PyGILState_GetThisThreadState {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyGILState_GetThisThreadState",
                FunctionDescriptor.of(C_POINTER));
    }

    /** {@code PyThreadState *PyGILState_GetThisThreadState(void)} */
    static MemorySegment PyGILState_GetThisThreadState() {
        return pointer(PyGILState_GetThisThreadState.FUNCTION.call());
    }

    private static final class PyThreadState_New {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyThreadState_New",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    /** {@code PyThreadState *PyThreadState_New(PyInterpreterState *interp)} */
    static MemorySegment PyThreadState_New(MemorySegment interp) {
        return pointer(PyThreadState_New.FUNCTION.call(addressOf(interp)));
    }

    private static final class PyThreadState_Clear {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyThreadState_Clear",
                FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** {@code void PyThreadState_Clear(PyThreadState *tstate)} */
    static void PyThreadState_Clear(MemorySegment tstate) {
        PyThreadState_Clear.FUNCTION.call(addressOf(tstate));
    }

    private static final class PyThreadState_Delete {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyThreadState_Delete",
                FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** {@code void PyThreadState_Delete(PyThreadState *tstate)} */
    static void PyThreadState_Delete(MemorySegment tstate) {
        PyThreadState_Delete.FUNCTION.call(addressOf(tstate));
    }

    private static final class PyThreadState_DeleteCurrent {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyThreadState_DeleteCurrent",
                FunctionDescriptor.ofVoid());
    }

    /** {@code void PyThreadState_DeleteCurrent(void)} */
    static void PyThreadState_DeleteCurrent() {
        PyThreadState_DeleteCurrent.FUNCTION.call();
    }

    private static final class PyObject_GetAttrString {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyObject_GetAttrString",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyObject_GetAttrString(PyObject *o, const char *attr_name)} */
    static MemorySegment PyObject_GetAttrString(MemorySegment o, MemorySegment name) {
        return pointer(PyObject_GetAttrString.FUNCTION.call(addressOf(o), addressOf(name)));
    }

    private static final class PyObject_SetAttrString {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyObject_SetAttrString",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code int PyObject_SetAttrString(PyObject *o, const char *attr_name, PyObject *v)} */
    static int PyObject_SetAttrString(MemorySegment o, MemorySegment name, MemorySegment v) {
        return (int) PyObject_SetAttrString.FUNCTION.call(addressOf(o), addressOf(name), addressOf(v));
    }

    private static final class PyObject_GetItem {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyObject_GetItem",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyObject_GetItem(PyObject *o, PyObject *key)} */
    static MemorySegment PyObject_GetItem(MemorySegment o, MemorySegment key) {
        return pointer(PyObject_GetItem.FUNCTION.call(addressOf(o), addressOf(key)));
    }

    private static final class PyObject_SetItem {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyObject_SetItem",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code int PyObject_SetItem(PyObject *o, PyObject *key, PyObject *v)} */
    static int PyObject_SetItem(MemorySegment o, MemorySegment key, MemorySegment v) {
        return (int) PyObject_SetItem.FUNCTION.call(addressOf(o), addressOf(key), addressOf(v));
    }

    private static final class PyObject_Size {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyObject_Size",
                FunctionDescriptor.of(C_LONG, C_POINTER));
    }

    /** {@code Py_ssize_t PyObject_Size(PyObject *o)} */
    static long PyObject_Size(MemorySegment o) {
        return PyObject_Size.FUNCTION.call(addressOf(o));
    }

    private static final class PyObject_VectorcallDict {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyObject_VectorcallDict",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_LONG, C_POINTER));
    }

    /** {@code PyObject *PyObject_VectorcallDict(PyObject *callable, PyObject *const *args, size_t nargsf, PyObject *kwdict)} */
    static MemorySegment PyObject_VectorcallDict(MemorySegment callable, MemorySegment args, long nargsf, MemorySegment kwdict) {
        return pointer(PyObject_VectorcallDict.FUNCTION.call(addressOf(callable), addressOf(args), nargsf,
                addressOf(kwdict)));
    }

    private static final class PyObject_Str {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyObject_Str",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyObject_Str(PyObject *o)} */
    static MemorySegment PyObject_Str(MemorySegment o) {
        return pointer(PyObject_Str.FUNCTION.call(addressOf(o)));
    }

    private static final class PyObject_Repr {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyObject_Repr",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyObject_Repr(PyObject *o)} */
    static MemorySegment PyObject_Repr(MemorySegment o) {
        return pointer(PyObject_Repr.FUNCTION.call(addressOf(o)));
    }

    private static final class PyObject_IsInstance {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyObject_IsInstance",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
    }

    /** {@code int PyObject_IsInstance(PyObject *inst, PyObject *cls)} */
    static int PyObject_IsInstance(MemorySegment inst, MemorySegment cls) {
        return (int) PyObject_IsInstance.FUNCTION.call(addressOf(inst), addressOf(cls));
    }

    private static final class PyObject_IsTrue {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyObject_IsTrue",
                FunctionDescriptor.of(C_INT, C_POINTER));
    }

    /** {@code int PyObject_IsTrue(PyObject *o)} */
    static int PyObject_IsTrue(MemorySegment o) {
        return (int) PyObject_IsTrue.FUNCTION.call(addressOf(o));
    }

    private static final class PyObject_GetIter {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyObject_GetIter",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyObject_GetIter(PyObject *o)} */
    static MemorySegment PyObject_GetIter(MemorySegment o) {
        return pointer(PyObject_GetIter.FUNCTION.call(addressOf(o)));
    }

    private static final class PyIter_Next {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyIter_Next",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyIter_Next(PyObject *o)} */
    static MemorySegment PyIter_Next(MemorySegment o) {
        return pointer(PyIter_Next.FUNCTION.call(addressOf(o)));
    }

    private static final class PyUnicode_AsUTF8AndSize {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyUnicode_AsUTF8AndSize",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code const char *PyUnicode_AsUTF8AndSize(PyObject *unicode, Py_ssize_t *size)} */
    static MemorySegment PyUnicode_AsUTF8AndSize(MemorySegment o, MemorySegment size) {
        return pointer(PyUnicode_AsUTF8AndSize.FUNCTION.call(addressOf(o), addressOf(size)));
    }

    private static final class PyUnicode_AsEncodedString {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyUnicode_AsEncodedString",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyUnicode_AsEncodedString(PyObject *unicode, const char *encoding, const char *errors)} */
    static MemorySegment PyUnicode_AsEncodedString(MemorySegment o, MemorySegment encoding, MemorySegment errors) {
        return pointer(PyUnicode_AsEncodedString.FUNCTION.call(addressOf(o), addressOf(encoding), addressOf(errors)));
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
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyLong_AsLongLongAndOverflow",
                FunctionDescriptor.of(C_LONG, C_POINTER, C_POINTER));
    }

    /** {@code long long PyLong_AsLongLongAndOverflow(PyObject *o, int *overflow)} */
    static long PyLong_AsLongLongAndOverflow(MemorySegment o, MemorySegment overflow) {
        return PyLong_AsLongLongAndOverflow.FUNCTION.call(addressOf(o), addressOf(overflow));
    }

    private static final class PyLong_AsLongLong {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyLong_AsLongLong",
                FunctionDescriptor.of(C_LONG, C_POINTER));
    }

    /** {@code long long PyLong_AsLongLong(PyObject *o)} */
    static long PyLong_AsLongLong(MemorySegment o) {
        return PyLong_AsLongLong.FUNCTION.call(addressOf(o));
    }

    private static final class PyLong_FromString {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyLong_FromString",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_INT));
    }

    /** {@code PyObject *PyLong_FromString(const char *str, char **pend, int base)} */
    static MemorySegment PyLong_FromString(MemorySegment str, MemorySegment pend, int base) {
        return pointer(PyLong_FromString.FUNCTION.call(addressOf(str), addressOf(pend), base));
    }

    private static final class PyBool_FromLong {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyBool_FromLong",
                FunctionDescriptor.of(C_POINTER, C_LONG));
    }

    /** {@code PyObject *PyBool_FromLong(long v)} */
    static MemorySegment PyBool_FromLong(long v) {
        return pointer(PyBool_FromLong.FUNCTION.call(v));
    }

    private static final class PyBytes_FromStringAndSize {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyBytes_FromStringAndSize",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_LONG));
    }

    /** {@code PyObject *PyBytes_FromStringAndSize(const char *v, Py_ssize_t len)} */
    static MemorySegment PyBytes_FromStringAndSize(MemorySegment v, long len) {
        return pointer(PyBytes_FromStringAndSize.FUNCTION.call(addressOf(v), len));
    }

    private static final class PyList_New {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyList_New",
                FunctionDescriptor.of(C_POINTER, C_LONG));
    }

    /** {@code PyObject *PyList_New(Py_ssize_t len)} */
    static MemorySegment PyList_New(long len) {
        return pointer(PyList_New.FUNCTION.call(len));
    }

    private static final class PyList_SetItem {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyList_SetItem",
                FunctionDescriptor.of(C_INT, C_POINTER, C_LONG, C_POINTER));
    }

    /** {@code int PyList_SetItem(PyObject *list, Py_ssize_t index, PyObject *item)} */
    static int PyList_SetItem(MemorySegment list, long index, MemorySegment item) {
        return (int) PyList_SetItem.FUNCTION.call(addressOf(list), index, addressOf(item));
    }

    private static final class PyList_GetItem {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyList_GetItem",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_LONG));
    }

    /** {@code PyObject *PyList_GetItem(PyObject *list, Py_ssize_t index)} */
    static MemorySegment PyList_GetItem(MemorySegment list, long index) {
        return pointer(PyList_GetItem.FUNCTION.call(addressOf(list), index));
    }

    private static final class PyList_Size {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyList_Size",
                FunctionDescriptor.of(C_LONG, C_POINTER));
    }

    /** {@code Py_ssize_t PyList_Size(PyObject *list)} */
    static long PyList_Size(MemorySegment list) {
        return PyList_Size.FUNCTION.call(addressOf(list));
    }

    private static final class PyTuple_Size {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyTuple_Size",
                FunctionDescriptor.of(C_LONG, C_POINTER));
    }

    /** {@code Py_ssize_t PyTuple_Size(PyObject *tuple)} */
    static long PyTuple_Size(MemorySegment tuple) {
        return PyTuple_Size.FUNCTION.call(addressOf(tuple));
    }

    private static final class PyDict_SetItem {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyDict_SetItem",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code int PyDict_SetItem(PyObject *p, PyObject *key, PyObject *val)} */
    static int PyDict_SetItem(MemorySegment dict, MemorySegment key, MemorySegment value) {
        return (int) PyDict_SetItem.FUNCTION.call(addressOf(dict), addressOf(key), addressOf(value));
    }

    private static final class PyDict_SetItemString {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyDict_SetItemString",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code int PyDict_SetItemString(PyObject *p, const char *key, PyObject *val)} */
    static int PyDict_SetItemString(MemorySegment dict, MemorySegment key, MemorySegment value) {
        return (int) PyDict_SetItemString.FUNCTION.call(addressOf(dict), addressOf(key), addressOf(value));
    }

    private static final class PyDict_Clear {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyDict_Clear",
                FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** {@code void PyDict_Clear(PyObject *p)} */
    static void PyDict_Clear(MemorySegment dict) {
        PyDict_Clear.FUNCTION.call(addressOf(dict));
    }

    private static final class PyDict_DelItemString {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyDict_DelItemString",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
    }

    /** {@code int PyDict_DelItemString(PyObject *p, const char *key)} */
    static int PyDict_DelItemString(MemorySegment dict, MemorySegment key) {
        return (int) PyDict_DelItemString.FUNCTION.call(addressOf(dict), addressOf(key));
    }

    private static final class PyDict_Next {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyDict_Next",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code int PyDict_Next(PyObject *p, Py_ssize_t *ppos, PyObject **pkey, PyObject **pvalue)} */
    static int PyDict_Next(MemorySegment dict, MemorySegment pos, MemorySegment key, MemorySegment value) {
        return (int) PyDict_Next.FUNCTION.call(addressOf(dict), addressOf(pos), addressOf(key), addressOf(value));
    }

    private static final class PyDict_GetItemWithError {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyDict_GetItemWithError",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyDict_GetItemWithError(PyObject *p, PyObject *key)} */
    static MemorySegment PyDict_GetItemWithError(MemorySegment dict, MemorySegment key) {
        return pointer(PyDict_GetItemWithError.FUNCTION.call(addressOf(dict), addressOf(key)));
    }

    private static final class PySet_New {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PySet_New",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PySet_New(PyObject *iterable)} */
    static MemorySegment PySet_New(MemorySegment iterable) {
        return pointer(PySet_New.FUNCTION.call(addressOf(iterable)));
    }

    private static final class PyFrozenSet_New {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyFrozenSet_New",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyFrozenSet_New(PyObject *iterable)} */
    static MemorySegment PyFrozenSet_New(MemorySegment iterable) {
        return pointer(PyFrozenSet_New.FUNCTION.call(addressOf(iterable)));
    }

    private static final class PySet_Add {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PySet_Add",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
    }

    /** {@code int PySet_Add(PyObject *set, PyObject *key)} */
    static int PySet_Add(MemorySegment set, MemorySegment key) {
        return (int) PySet_Add.FUNCTION.call(addressOf(set), addressOf(key));
    }

    private static final class PyImport_ImportModule {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyImport_ImportModule",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyImport_ImportModule(const char *name)} */
    static MemorySegment PyImport_ImportModule(MemorySegment name) {
        return pointer(PyImport_ImportModule.FUNCTION.call(addressOf(name)));
    }

    private static final class PyImport_AddModule {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyImport_AddModule",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyImport_AddModule(const char *name)} */
    static MemorySegment PyImport_AddModule(MemorySegment name) {
        return pointer(PyImport_AddModule.FUNCTION.call(addressOf(name)));
    }

    private static final class PyModule_GetDict {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyModule_GetDict",
                FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyModule_GetDict(PyObject *module)} */
    static MemorySegment PyModule_GetDict(MemorySegment module) {
        return pointer(PyModule_GetDict.FUNCTION.call(addressOf(module)));
    }

    private static final class Py_CompileStringExFlags {
        static final NativeFunction FUNCTION = LibPython.loaded().function("Py_CompileStringExFlags",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_INT, C_POINTER, C_INT));
    }

    /** {@code PyObject *Py_CompileStringExFlags(const char *str, const char *filename, int start, PyCompilerFlags *flags, int optimize)} */
    static MemorySegment Py_CompileStringExFlags(MemorySegment str, MemorySegment filename, int start, MemorySegment flags, int optimize) {
        return pointer(Py_CompileStringExFlags.FUNCTION.call(addressOf(str), addressOf(filename), start,
                addressOf(flags), optimize));
    }

    private static final class PyCapsule_New {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyCapsule_New",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyCapsule_New(void *pointer, const char *name, PyCapsule_Destructor destructor)} */
    static MemorySegment PyCapsule_New(MemorySegment pointer, MemorySegment name, MemorySegment destructor) {
        return pointer(PyCapsule_New.FUNCTION.call(addressOf(pointer), addressOf(name), addressOf(destructor)));
    }

    private static final class PyCapsule_GetPointer {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyCapsule_GetPointer",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code void *PyCapsule_GetPointer(PyObject *capsule, const char *name)} */
    static MemorySegment PyCapsule_GetPointer(MemorySegment capsule, MemorySegment name) {
        return pointer(PyCapsule_GetPointer.FUNCTION.call(addressOf(capsule), addressOf(name)));
    }

    /** {@code PyMethodDef}: name, C function, flags, doc. */
    private static final StructLayout METHOD_DEF = MemoryLayout.structLayout(C_POINTER.withName("ml_name"),
            C_POINTER.withName("ml_meth"), C_INT.withName("ml_flags"), MemoryLayout.paddingLayout(4),
            C_POINTER.withName("ml_doc"));

    /**
     * A {@code PyMethodDef} that lives as long as the process (every function {@code PyCFunction_NewEx} makes from
     * it keeps a pointer to it).
     *
     * @param name {@code ml_name}
     * @param function {@code ml_meth}, an upcall stub of the process
     * @param flags {@code ml_flags} ({@code METH_VARARGS} and the like)
     * @param doc {@code ml_doc}
     * @return the definition, in the global arena
     */
    static MemorySegment methodDef(String name, MemorySegment function, int flags, String doc) {
        Arena global = Arena.global();
        MemorySegment def = global.allocate(METHOD_DEF);
        def.set(C_POINTER, METHOD_DEF.byteOffset(MemoryLayout.PathElement.groupElement("ml_name")),
                global.allocateFrom(name));
        def.set(C_POINTER, METHOD_DEF.byteOffset(MemoryLayout.PathElement.groupElement("ml_meth")), function);
        def.set(C_INT, METHOD_DEF.byteOffset(MemoryLayout.PathElement.groupElement("ml_flags")), flags);
        def.set(C_POINTER, METHOD_DEF.byteOffset(MemoryLayout.PathElement.groupElement("ml_doc")),
                global.allocateFrom(doc));
        return def;
    }

    private static final class PyCFunction_NewEx {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyCFunction_NewEx",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyCFunction_NewEx(PyMethodDef *ml, PyObject *self, PyObject *module)} */
    static MemorySegment PyCFunction_NewEx(MemorySegment def, MemorySegment self, MemorySegment module) {
        return pointer(PyCFunction_NewEx.FUNCTION.call(addressOf(def), addressOf(self), addressOf(module)));
    }

    private static final class PyErr_SetObject {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyErr_SetObject",
                FunctionDescriptor.ofVoid(C_POINTER, C_POINTER));
    }

    /** {@code void PyErr_SetObject(PyObject *type, PyObject *value)} */
    static void PyErr_SetObject(MemorySegment type, MemorySegment value) {
        PyErr_SetObject.FUNCTION.call(addressOf(type), addressOf(value));
    }

    private static final class PyErr_SetString {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyErr_SetString",
                FunctionDescriptor.ofVoid(C_POINTER, C_POINTER));
    }

    /** {@code void PyErr_SetString(PyObject *type, const char *message)} */
    static void PyErr_SetString(MemorySegment type, MemorySegment message) {
        PyErr_SetString.FUNCTION.call(addressOf(type), addressOf(message));
    }

    private static final class PyErr_Clear {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyErr_Clear",
                FunctionDescriptor.ofVoid());
    }

    /** {@code void PyErr_Clear(void)} */
    static void PyErr_Clear() {
        PyErr_Clear.FUNCTION.call();
    }

    private static final class PyErr_ExceptionMatches {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyErr_ExceptionMatches",
                FunctionDescriptor.of(C_INT, C_POINTER));
    }

    /** {@code int PyErr_ExceptionMatches(PyObject *exc)} */
    static int PyErr_ExceptionMatches(MemorySegment exc) {
        return (int) PyErr_ExceptionMatches.FUNCTION.call(addressOf(exc));
    }

    private static final class PyType_GetFlags {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyType_GetFlags",
                FunctionDescriptor.of(C_LONG, C_POINTER));
    }

    /** {@code unsigned long PyType_GetFlags(PyTypeObject *type)} */
    static long PyType_GetFlags(MemorySegment type) {
        return PyType_GetFlags.FUNCTION.call(addressOf(type));
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
