package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_LONG;
import static dev.pyhost.cpython.Downcalls.C_POINTER;
import static dev.pyhost.cpython.NativeFunction.addressOf;
import static dev.pyhost.cpython.NativeFunction.pointer;

import dev.pyhost.api.NativeAccessException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;

/**
 * The functions of the CPython C API that PyHost calls and that every supported version (3.10 to 3.14) declares
 * with the same signature, laid out as generated bindings are: one static wrapper per C function, named as in C,
 * and a private holder class per function whose static-final {@link NativeFunction} is looked up in the process's
 * {@link LibPython#loaded() libpython} when the function is first called (class initialization is the lazy,
 * thread-safe step, and the JIT treats the function as a constant). What a call throws goes through
 * {@link Downcalls#failure}. Functions that later versions added are in {@link CApi313} and
 * {@link CApi314}.
 *
 * <p>The wrappers are raw: pointers are {@link MemorySegment}s, {@code Py_ssize_t} is {@code long}, a function
 * returning {@code PyStatus} by value takes the {@link SegmentAllocator} for it first. Python objects and the GIL
 * follow the C API's rules; {@link PyObjects} holds the operations built on top.
 */
final class CApi {
    private CApi() {
    }

    private static final class _Py_NoneStruct {
        static final MemorySegment ADDRESS = LibPython.loaded().find("_Py_NoneStruct");
    }

    /**
     * {@code Py_None}, the address of {@code _Py_NoneStruct}.
     *
     * @return the address
     * @throws NativeAccessException when the library does not define it
     */
    static MemorySegment Py_None() {
        MemorySegment none = _Py_NoneStruct.ADDRESS;
        if (none.address() == 0) {
            throw new NativeAccessException(LibPython.loaded() + " has no symbol '_Py_NoneStruct'");
        }
        return none;
    }

    private static final class Py_IsInitialized {
        static final NativeFunction FUNCTION = LibPython.loaded().function("Py_IsInitialized",
                FunctionDescriptor.of(C_INT));
    }

    /** {@code int Py_IsInitialized(void)} */
    static int Py_IsInitialized() {
        return (int) Py_IsInitialized.FUNCTION.call();
    }

    private static final class Py_FinalizeEx {
        static final NativeFunction FUNCTION = LibPython.loaded().function("Py_FinalizeEx",
                FunctionDescriptor.of(C_INT));
    }

    /** {@code int Py_FinalizeEx(void)} */
    static int Py_FinalizeEx() {
        return (int) Py_FinalizeEx.FUNCTION.call();
    }

    private static final class PyEval_SaveThread {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyEval_SaveThread",
                FunctionDescriptor.of(C_POINTER));
    }

    /** {@code PyThreadState *PyEval_SaveThread(void)} */
    static MemorySegment PyEval_SaveThread() {
        return pointer(PyEval_SaveThread.FUNCTION.call());
    }

    private static final class PyEval_RestoreThread {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyEval_RestoreThread",
                FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** {@code void PyEval_RestoreThread(PyThreadState *tstate)} */
    static void PyEval_RestoreThread(MemorySegment tstate) {
        PyEval_RestoreThread.FUNCTION.call(addressOf(tstate));
    }

    private static final class PyGILState_Ensure {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyGILState_Ensure",
                FunctionDescriptor.of(C_INT));
    }

    /** {@code PyGILState_STATE PyGILState_Ensure(void)} */
    static int PyGILState_Ensure() {
        return (int) PyGILState_Ensure.FUNCTION.call();
    }

    private static final class PyGILState_Release {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyGILState_Release",
                FunctionDescriptor.ofVoid(C_INT));
    }

    /** {@code void PyGILState_Release(PyGILState_STATE state)} */
    static void PyGILState_Release(int state) {
        PyGILState_Release.FUNCTION.call(state);
    }

    private static final class PyInterpreterState_Get {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyInterpreterState_Get",
                FunctionDescriptor.of(C_POINTER));
    }

    /** {@code PyInterpreterState *PyInterpreterState_Get(void)} */
    static MemorySegment PyInterpreterState_Get() {
        return pointer(PyInterpreterState_Get.FUNCTION.call());
    }

    private static final class Py_IncRef {
        static final NativeFunction FUNCTION = LibPython.loaded().function("Py_IncRef",
                FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** {@code void Py_IncRef(PyObject *o)} */
    static void Py_IncRef(MemorySegment o) {
        Py_IncRef.FUNCTION.call(addressOf(o));
    }

    private static final class Py_DecRef {
        static final NativeFunction FUNCTION = LibPython.loaded().function("Py_DecRef",
                FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** {@code void Py_DecRef(PyObject *o)} */
    static void Py_DecRef(MemorySegment o) {
        Py_DecRef.FUNCTION.call(addressOf(o));
    }

    private static final class PyUnicode_DecodeUTF8 {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyUnicode_DecodeUTF8",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_LONG, C_POINTER));
    }

    /** {@code PyObject *PyUnicode_DecodeUTF8(const char *s, Py_ssize_t size, const char *errors)} */
    static MemorySegment PyUnicode_DecodeUTF8(MemorySegment s, long size, MemorySegment errors) {
        return pointer(PyUnicode_DecodeUTF8.FUNCTION.call(addressOf(s), size, addressOf(errors)));
    }

    private static final class PyLong_FromLongLong {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyLong_FromLongLong",
                FunctionDescriptor.of(C_POINTER, C_LONG));
    }

    /** {@code PyObject *PyLong_FromLongLong(long long v)} */
    static MemorySegment PyLong_FromLongLong(long v) {
        return pointer(PyLong_FromLongLong.FUNCTION.call(v));
    }

    private static final class PyTuple_New {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyTuple_New",
                FunctionDescriptor.of(C_POINTER, C_LONG));
    }

    /** {@code PyObject *PyTuple_New(Py_ssize_t len)} */
    static MemorySegment PyTuple_New(long len) {
        return pointer(PyTuple_New.FUNCTION.call(len));
    }

    private static final class PyTuple_SetItem {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyTuple_SetItem",
                FunctionDescriptor.of(C_INT, C_POINTER, C_LONG, C_POINTER));
    }

    /** {@code int PyTuple_SetItem(PyObject *p, Py_ssize_t pos, PyObject *o)} (steals {@code o}) */
    static int PyTuple_SetItem(MemorySegment tuple, long pos, MemorySegment o) {
        return (int) PyTuple_SetItem.FUNCTION.call(addressOf(tuple), pos, addressOf(o));
    }

    private static final class PyTuple_GetItem {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyTuple_GetItem",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_LONG));
    }

    /** {@code PyObject *PyTuple_GetItem(PyObject *p, Py_ssize_t pos)} (borrowed) */
    static MemorySegment PyTuple_GetItem(MemorySegment tuple, long pos) {
        return pointer(PyTuple_GetItem.FUNCTION.call(addressOf(tuple), pos));
    }

    private static final class PyObject_Call {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyObject_Call",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyObject_Call(PyObject *callable, PyObject *args, PyObject *kwargs)} */
    static MemorySegment PyObject_Call(MemorySegment callable, MemorySegment args, MemorySegment kwargs) {
        return pointer(PyObject_Call.FUNCTION.call(addressOf(callable), addressOf(args), addressOf(kwargs)));
    }

    private static final class PyEval_EvalCode {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyEval_EvalCode",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyEval_EvalCode(PyObject *co, PyObject *globals, PyObject *locals)} */
    static MemorySegment PyEval_EvalCode(MemorySegment co, MemorySegment globals, MemorySegment locals) {
        return pointer(PyEval_EvalCode.FUNCTION.call(addressOf(co), addressOf(globals), addressOf(locals)));
    }

    private static final class PyErr_Fetch {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyErr_Fetch",
                FunctionDescriptor.ofVoid(C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code void PyErr_Fetch(PyObject **ptype, PyObject **pvalue, PyObject **ptraceback)} */
    static void PyErr_Fetch(MemorySegment ptype, MemorySegment pvalue, MemorySegment ptraceback) {
        PyErr_Fetch.FUNCTION.call(addressOf(ptype), addressOf(pvalue), addressOf(ptraceback));
    }

    private static final class PyErr_NormalizeException {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyErr_NormalizeException",
                FunctionDescriptor.ofVoid(C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code void PyErr_NormalizeException(PyObject **exc, PyObject **val, PyObject **tb)} */
    static void PyErr_NormalizeException(MemorySegment exc, MemorySegment val, MemorySegment tb) {
        PyErr_NormalizeException.FUNCTION.call(addressOf(exc), addressOf(val), addressOf(tb));
    }

    private static final class PyException_SetTraceback {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyException_SetTraceback",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
    }

    /** {@code int PyException_SetTraceback(PyObject *ex, PyObject *tb)} */
    static int PyException_SetTraceback(MemorySegment ex, MemorySegment tb) {
        return (int) PyException_SetTraceback.FUNCTION.call(addressOf(ex), addressOf(tb));
    }

    private static final class PyBytes_AsStringAndSize {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyBytes_AsStringAndSize",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code int PyBytes_AsStringAndSize(PyObject *obj, char **buffer, Py_ssize_t *length)} */
    static int PyBytes_AsStringAndSize(MemorySegment obj, MemorySegment buffer, MemorySegment length) {
        return (int) PyBytes_AsStringAndSize.FUNCTION.call(addressOf(obj), addressOf(buffer), addressOf(length));
    }

    private static final class PyRun_StringFlags {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyRun_StringFlags",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_INT, C_POINTER, C_POINTER, C_POINTER));
    }

    /**
     * {@code PyObject *PyRun_StringFlags(const char *str, int start, PyObject *globals, PyObject *locals,
     * PyCompilerFlags *flags)}
     */
    static MemorySegment PyRun_StringFlags(MemorySegment str, int start, MemorySegment globals, MemorySegment locals,
            MemorySegment flags) {
        return pointer(PyRun_StringFlags.FUNCTION.call(addressOf(str), start, addressOf(globals), addressOf(locals),
                addressOf(flags)));
    }

    private static final class PyDict_New {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyDict_New",
                FunctionDescriptor.of(C_POINTER));
    }

    /** {@code PyObject *PyDict_New(void)} */
    static MemorySegment PyDict_New() {
        return pointer(PyDict_New.FUNCTION.call());
    }

    private static final class PyDict_GetItemString {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyDict_GetItemString",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyDict_GetItemString(PyObject *p, const char *key)} (borrowed) */
    static MemorySegment PyDict_GetItemString(MemorySegment dict, MemorySegment key) {
        return pointer(PyDict_GetItemString.FUNCTION.call(addressOf(dict), addressOf(key)));
    }

    private static final class PyPreConfig_InitPythonConfig {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyPreConfig_InitPythonConfig",
                FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** {@code void PyPreConfig_InitPythonConfig(PyPreConfig *preconfig)} */
    static void PyPreConfig_InitPythonConfig(MemorySegment preconfig) {
        PyPreConfig_InitPythonConfig.FUNCTION.call(addressOf(preconfig));
    }

    private static final class PyPreConfig_InitIsolatedConfig {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyPreConfig_InitIsolatedConfig",
                FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** {@code void PyPreConfig_InitIsolatedConfig(PyPreConfig *preconfig)} */
    static void PyPreConfig_InitIsolatedConfig(MemorySegment preconfig) {
        PyPreConfig_InitIsolatedConfig.FUNCTION.call(addressOf(preconfig));
    }

    private static final class Py_PreInitialize {
        static final NativeFunction FUNCTION = LibPython.loaded().function("Py_PreInitialize",
                FunctionDescriptor.of(PyStatusCheck.LAYOUT, C_POINTER));
    }

    /** {@code PyStatus Py_PreInitialize(const PyPreConfig *preconfig)} */
    static MemorySegment Py_PreInitialize(SegmentAllocator allocator, MemorySegment preconfig) {
        return Py_PreInitialize.FUNCTION.callStruct(allocator, addressOf(preconfig));
    }

    private static final class Py_PreInitializeFromBytesArgs {
        static final NativeFunction FUNCTION = LibPython.loaded().function("Py_PreInitializeFromBytesArgs",
                FunctionDescriptor.of(PyStatusCheck.LAYOUT, C_POINTER, C_LONG, C_POINTER));
    }

    /**
     * {@code PyStatus Py_PreInitializeFromBytesArgs(const PyPreConfig *preconfig, Py_ssize_t argc, char * const *argv)}
     */
    static MemorySegment Py_PreInitializeFromBytesArgs(SegmentAllocator allocator, MemorySegment preconfig, long argc,
            MemorySegment argv) {
        return Py_PreInitializeFromBytesArgs.FUNCTION.callStruct(allocator, addressOf(preconfig), argc,
                addressOf(argv));
    }

    private static final class PyConfig_InitPythonConfig {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyConfig_InitPythonConfig",
                FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** {@code void PyConfig_InitPythonConfig(PyConfig *config)} */
    static void PyConfig_InitPythonConfig(MemorySegment config) {
        PyConfig_InitPythonConfig.FUNCTION.call(addressOf(config));
    }

    private static final class PyConfig_InitIsolatedConfig {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyConfig_InitIsolatedConfig",
                FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** {@code void PyConfig_InitIsolatedConfig(PyConfig *config)} */
    static void PyConfig_InitIsolatedConfig(MemorySegment config) {
        PyConfig_InitIsolatedConfig.FUNCTION.call(addressOf(config));
    }

    private static final class PyConfig_Clear {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyConfig_Clear",
                FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** {@code void PyConfig_Clear(PyConfig *config)} */
    static void PyConfig_Clear(MemorySegment config) {
        PyConfig_Clear.FUNCTION.call(addressOf(config));
    }

    private static final class PyConfig_SetBytesArgv {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyConfig_SetBytesArgv",
                FunctionDescriptor.of(PyStatusCheck.LAYOUT, C_POINTER, C_LONG, C_POINTER));
    }

    /** {@code PyStatus PyConfig_SetBytesArgv(PyConfig *config, Py_ssize_t argc, char * const *argv)} */
    static MemorySegment PyConfig_SetBytesArgv(SegmentAllocator allocator, MemorySegment config, long argc,
            MemorySegment argv) {
        return PyConfig_SetBytesArgv.FUNCTION.callStruct(allocator, addressOf(config), argc, addressOf(argv));
    }

    private static final class PyConfig_SetString {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyConfig_SetString",
                FunctionDescriptor.of(PyStatusCheck.LAYOUT, C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code PyStatus PyConfig_SetString(PyConfig *config, wchar_t * const *config_str, const wchar_t *str)} */
    static MemorySegment PyConfig_SetString(SegmentAllocator allocator, MemorySegment config, MemorySegment configStr,
            MemorySegment str) {
        return PyConfig_SetString.FUNCTION.callStruct(allocator, addressOf(config), addressOf(configStr),
                addressOf(str));
    }

    private static final class PyWideStringList_Append {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyWideStringList_Append",
                FunctionDescriptor.of(PyStatusCheck.LAYOUT, C_POINTER, C_POINTER));
    }

    /** {@code PyStatus PyWideStringList_Append(PyWideStringList *list, const wchar_t *item)} */
    static MemorySegment PyWideStringList_Append(SegmentAllocator allocator, MemorySegment list, MemorySegment item) {
        return PyWideStringList_Append.FUNCTION.callStruct(allocator, addressOf(list), addressOf(item));
    }

    private static final class PyConfig_Read {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyConfig_Read",
                FunctionDescriptor.of(PyStatusCheck.LAYOUT, C_POINTER));
    }

    /** {@code PyStatus PyConfig_Read(PyConfig *config)} */
    static MemorySegment PyConfig_Read(SegmentAllocator allocator, MemorySegment config) {
        return PyConfig_Read.FUNCTION.callStruct(allocator, addressOf(config));
    }

    private static final class Py_InitializeFromConfig {
        static final NativeFunction FUNCTION = LibPython.loaded().function("Py_InitializeFromConfig",
                FunctionDescriptor.of(PyStatusCheck.LAYOUT, C_POINTER));
    }

    /** {@code PyStatus Py_InitializeFromConfig(const PyConfig *config)} */
    static MemorySegment Py_InitializeFromConfig(SegmentAllocator allocator, MemorySegment config) {
        return Py_InitializeFromConfig.FUNCTION.callStruct(allocator, addressOf(config));
    }

    private static final class PyErr_Occurred {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyErr_Occurred",
                FunctionDescriptor.of(C_POINTER));
    }

    /** {@code PyObject *PyErr_Occurred(void)}: a borrowed reference to the pending exception's type, or NULL */
    static MemorySegment PyErr_Occurred() {
        return pointer(PyErr_Occurred.FUNCTION.call());
    }

    private static final class _PyErr_Display {
        static final NativeFunction FUNCTION = LibPython.loaded().function("_PyErr_Display",
                FunctionDescriptor.ofVoid(C_POINTER, C_POINTER, C_POINTER, C_POINTER));
    }

    /**
     * {@code void _PyErr_Display(PyObject *file, PyObject *exception, PyObject *value, PyObject *tb)}: the printer
     * behind {@code sys.__excepthook__} of CPython 3.10 to 3.12 (later versions print through Python code).
     */
    static void _PyErr_Display(MemorySegment file, MemorySegment exception, MemorySegment value,
            MemorySegment tb) {
        _PyErr_Display.FUNCTION.call(addressOf(file), addressOf(exception), addressOf(value), addressOf(tb));
    }
}
