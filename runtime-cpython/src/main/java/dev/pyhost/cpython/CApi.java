package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_LONG;
import static dev.pyhost.cpython.Downcalls.C_POINTER;

import dev.pyhost.api.NativeAccessException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.invoke.MethodHandle;

/**
 * The functions of the CPython C API that PyHost calls and that every supported version (3.10 to 3.14) declares
 * with the same signature, laid out as generated bindings are: one static wrapper per C function, named as in C,
 * and a private holder class per function whose static-final downcall handle is created from the process's
 * {@link LibPython#loaded() libpython} when the function is first called (class initialization is the lazy,
 * thread-safe step, and the JIT treats the handle as a constant). Every wrapper funnels what the call throws
 * through {@link Downcalls#failure}. Functions that later versions added are in {@link CApi313} and
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
        static final MethodHandle HANDLE = LibPython.loaded().bind("Py_IsInitialized", FunctionDescriptor.of(C_INT));
    }

    /** {@code int Py_IsInitialized(void)} */
    static int Py_IsInitialized() {
        try {
            return (int) Py_IsInitialized.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw Downcalls.failure("Py_IsInitialized", t);
        }
    }

    private static final class Py_FinalizeEx {
        static final MethodHandle HANDLE = LibPython.loaded().bind("Py_FinalizeEx", FunctionDescriptor.of(C_INT));
    }

    /** {@code int Py_FinalizeEx(void)} */
    static int Py_FinalizeEx() {
        try {
            return (int) Py_FinalizeEx.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw Downcalls.failure("Py_FinalizeEx", t);
        }
    }

    private static final class PyEval_SaveThread {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyEval_SaveThread",
                FunctionDescriptor.of(C_POINTER));
    }

    /** {@code PyThreadState *PyEval_SaveThread(void)} */
    static MemorySegment PyEval_SaveThread() {
        try {
            return (MemorySegment) PyEval_SaveThread.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw Downcalls.failure("PyEval_SaveThread", t);
        }
    }

    private static final class PyEval_RestoreThread {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyEval_RestoreThread",
                FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** {@code void PyEval_RestoreThread(PyThreadState *tstate)} */
    static void PyEval_RestoreThread(MemorySegment tstate) {
        try {
            PyEval_RestoreThread.HANDLE.invokeExact(tstate);
        } catch (Throwable t) {
            throw Downcalls.failure("PyEval_RestoreThread", t);
        }
    }

    private static final class PyGILState_Ensure {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyGILState_Ensure", FunctionDescriptor.of(C_INT));
    }

    /** {@code PyGILState_STATE PyGILState_Ensure(void)} */
    static int PyGILState_Ensure() {
        try {
            return (int) PyGILState_Ensure.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw Downcalls.failure("PyGILState_Ensure", t);
        }
    }

    private static final class PyGILState_Release {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyGILState_Release",
                FunctionDescriptor.ofVoid(C_INT));
    }

    /** {@code void PyGILState_Release(PyGILState_STATE state)} */
    static void PyGILState_Release(int state) {
        try {
            PyGILState_Release.HANDLE.invokeExact(state);
        } catch (Throwable t) {
            throw Downcalls.failure("PyGILState_Release", t);
        }
    }

    private static final class PyInterpreterState_Get {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyInterpreterState_Get",
                FunctionDescriptor.of(C_POINTER));
    }

    /** {@code PyInterpreterState *PyInterpreterState_Get(void)} */
    static MemorySegment PyInterpreterState_Get() {
        try {
            return (MemorySegment) PyInterpreterState_Get.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw Downcalls.failure("PyInterpreterState_Get", t);
        }
    }

    private static final class Py_IncRef {
        static final MethodHandle HANDLE = LibPython.loaded().bind("Py_IncRef", FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** {@code void Py_IncRef(PyObject *o)} */
    static void Py_IncRef(MemorySegment o) {
        try {
            Py_IncRef.HANDLE.invokeExact(o);
        } catch (Throwable t) {
            throw Downcalls.failure("Py_IncRef", t);
        }
    }

    private static final class Py_DecRef {
        static final MethodHandle HANDLE = LibPython.loaded().bind("Py_DecRef", FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** {@code void Py_DecRef(PyObject *o)} */
    static void Py_DecRef(MemorySegment o) {
        try {
            Py_DecRef.HANDLE.invokeExact(o);
        } catch (Throwable t) {
            throw Downcalls.failure("Py_DecRef", t);
        }
    }

    private static final class PyUnicode_DecodeUTF8 {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyUnicode_DecodeUTF8",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_LONG, C_POINTER));
    }

    /** {@code PyObject *PyUnicode_DecodeUTF8(const char *s, Py_ssize_t size, const char *errors)} */
    static MemorySegment PyUnicode_DecodeUTF8(MemorySegment s, long size, MemorySegment errors) {
        try {
            return (MemorySegment) PyUnicode_DecodeUTF8.HANDLE.invokeExact(s, size, errors);
        } catch (Throwable t) {
            throw Downcalls.failure("PyUnicode_DecodeUTF8", t);
        }
    }

    private static final class PyLong_FromLongLong {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyLong_FromLongLong",
                FunctionDescriptor.of(C_POINTER, C_LONG));
    }

    /** {@code PyObject *PyLong_FromLongLong(long long v)} */
    static MemorySegment PyLong_FromLongLong(long v) {
        try {
            return (MemorySegment) PyLong_FromLongLong.HANDLE.invokeExact(v);
        } catch (Throwable t) {
            throw Downcalls.failure("PyLong_FromLongLong", t);
        }
    }

    private static final class PyTuple_New {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyTuple_New",
                FunctionDescriptor.of(C_POINTER, C_LONG));
    }

    /** {@code PyObject *PyTuple_New(Py_ssize_t len)} */
    static MemorySegment PyTuple_New(long len) {
        try {
            return (MemorySegment) PyTuple_New.HANDLE.invokeExact(len);
        } catch (Throwable t) {
            throw Downcalls.failure("PyTuple_New", t);
        }
    }

    private static final class PyTuple_SetItem {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyTuple_SetItem",
                FunctionDescriptor.of(C_INT, C_POINTER, C_LONG, C_POINTER));
    }

    /** {@code int PyTuple_SetItem(PyObject *p, Py_ssize_t pos, PyObject *o)} (steals {@code o}) */
    static int PyTuple_SetItem(MemorySegment tuple, long pos, MemorySegment o) {
        try {
            return (int) PyTuple_SetItem.HANDLE.invokeExact(tuple, pos, o);
        } catch (Throwable t) {
            throw Downcalls.failure("PyTuple_SetItem", t);
        }
    }

    private static final class PyTuple_GetItem {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyTuple_GetItem",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_LONG));
    }

    /** {@code PyObject *PyTuple_GetItem(PyObject *p, Py_ssize_t pos)} (borrowed) */
    static MemorySegment PyTuple_GetItem(MemorySegment tuple, long pos) {
        try {
            return (MemorySegment) PyTuple_GetItem.HANDLE.invokeExact(tuple, pos);
        } catch (Throwable t) {
            throw Downcalls.failure("PyTuple_GetItem", t);
        }
    }

    private static final class PyObject_Call {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyObject_Call",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyObject_Call(PyObject *callable, PyObject *args, PyObject *kwargs)} */
    static MemorySegment PyObject_Call(MemorySegment callable, MemorySegment args, MemorySegment kwargs) {
        try {
            return (MemorySegment) PyObject_Call.HANDLE.invokeExact(callable, args, kwargs);
        } catch (Throwable t) {
            throw Downcalls.failure("PyObject_Call", t);
        }
    }

    private static final class PyEval_EvalCode {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyEval_EvalCode",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyEval_EvalCode(PyObject *co, PyObject *globals, PyObject *locals)} */
    static MemorySegment PyEval_EvalCode(MemorySegment co, MemorySegment globals, MemorySegment locals) {
        try {
            return (MemorySegment) PyEval_EvalCode.HANDLE.invokeExact(co, globals, locals);
        } catch (Throwable t) {
            throw Downcalls.failure("PyEval_EvalCode", t);
        }
    }

    private static final class PyErr_Fetch {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyErr_Fetch",
                FunctionDescriptor.ofVoid(C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code void PyErr_Fetch(PyObject **ptype, PyObject **pvalue, PyObject **ptraceback)} */
    static void PyErr_Fetch(MemorySegment ptype, MemorySegment pvalue, MemorySegment ptraceback) {
        try {
            PyErr_Fetch.HANDLE.invokeExact(ptype, pvalue, ptraceback);
        } catch (Throwable t) {
            throw Downcalls.failure("PyErr_Fetch", t);
        }
    }

    private static final class PyErr_NormalizeException {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyErr_NormalizeException",
                FunctionDescriptor.ofVoid(C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code void PyErr_NormalizeException(PyObject **exc, PyObject **val, PyObject **tb)} */
    static void PyErr_NormalizeException(MemorySegment exc, MemorySegment val, MemorySegment tb) {
        try {
            PyErr_NormalizeException.HANDLE.invokeExact(exc, val, tb);
        } catch (Throwable t) {
            throw Downcalls.failure("PyErr_NormalizeException", t);
        }
    }

    private static final class PyException_SetTraceback {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyException_SetTraceback",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
    }

    /** {@code int PyException_SetTraceback(PyObject *ex, PyObject *tb)} */
    static int PyException_SetTraceback(MemorySegment ex, MemorySegment tb) {
        try {
            return (int) PyException_SetTraceback.HANDLE.invokeExact(ex, tb);
        } catch (Throwable t) {
            throw Downcalls.failure("PyException_SetTraceback", t);
        }
    }

    private static final class PyBytes_AsStringAndSize {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyBytes_AsStringAndSize",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code int PyBytes_AsStringAndSize(PyObject *obj, char **buffer, Py_ssize_t *length)} */
    static int PyBytes_AsStringAndSize(MemorySegment obj, MemorySegment buffer, MemorySegment length) {
        try {
            return (int) PyBytes_AsStringAndSize.HANDLE.invokeExact(obj, buffer, length);
        } catch (Throwable t) {
            throw Downcalls.failure("PyBytes_AsStringAndSize", t);
        }
    }

    private static final class PyRun_StringFlags {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyRun_StringFlags",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_INT, C_POINTER, C_POINTER, C_POINTER));
    }

    /**
     * {@code PyObject *PyRun_StringFlags(const char *str, int start, PyObject *globals, PyObject *locals,
     * PyCompilerFlags *flags)}
     */
    static MemorySegment PyRun_StringFlags(MemorySegment str, int start, MemorySegment globals, MemorySegment locals,
            MemorySegment flags) {
        try {
            return (MemorySegment) PyRun_StringFlags.HANDLE.invokeExact(str, start, globals, locals, flags);
        } catch (Throwable t) {
            throw Downcalls.failure("PyRun_StringFlags", t);
        }
    }

    private static final class PyDict_New {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyDict_New", FunctionDescriptor.of(C_POINTER));
    }

    /** {@code PyObject *PyDict_New(void)} */
    static MemorySegment PyDict_New() {
        try {
            return (MemorySegment) PyDict_New.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw Downcalls.failure("PyDict_New", t);
        }
    }

    private static final class PyDict_GetItemString {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyDict_GetItemString",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code PyObject *PyDict_GetItemString(PyObject *p, const char *key)} (borrowed) */
    static MemorySegment PyDict_GetItemString(MemorySegment dict, MemorySegment key) {
        try {
            return (MemorySegment) PyDict_GetItemString.HANDLE.invokeExact(dict, key);
        } catch (Throwable t) {
            throw Downcalls.failure("PyDict_GetItemString", t);
        }
    }

    private static final class PyPreConfig_InitPythonConfig {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyPreConfig_InitPythonConfig",
                FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** {@code void PyPreConfig_InitPythonConfig(PyPreConfig *preconfig)} */
    static void PyPreConfig_InitPythonConfig(MemorySegment preconfig) {
        try {
            PyPreConfig_InitPythonConfig.HANDLE.invokeExact(preconfig);
        } catch (Throwable t) {
            throw Downcalls.failure("PyPreConfig_InitPythonConfig", t);
        }
    }

    private static final class PyPreConfig_InitIsolatedConfig {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyPreConfig_InitIsolatedConfig",
                FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** {@code void PyPreConfig_InitIsolatedConfig(PyPreConfig *preconfig)} */
    static void PyPreConfig_InitIsolatedConfig(MemorySegment preconfig) {
        try {
            PyPreConfig_InitIsolatedConfig.HANDLE.invokeExact(preconfig);
        } catch (Throwable t) {
            throw Downcalls.failure("PyPreConfig_InitIsolatedConfig", t);
        }
    }

    private static final class Py_PreInitialize {
        static final MethodHandle HANDLE = LibPython.loaded().bind("Py_PreInitialize",
                FunctionDescriptor.of(PyStatusCheck.LAYOUT, C_POINTER));
    }

    /** {@code PyStatus Py_PreInitialize(const PyPreConfig *preconfig)} */
    static MemorySegment Py_PreInitialize(SegmentAllocator allocator, MemorySegment preconfig) {
        try {
            return (MemorySegment) Py_PreInitialize.HANDLE.invokeExact(allocator, preconfig);
        } catch (Throwable t) {
            throw Downcalls.failure("Py_PreInitialize", t);
        }
    }

    private static final class Py_PreInitializeFromBytesArgs {
        static final MethodHandle HANDLE = LibPython.loaded().bind("Py_PreInitializeFromBytesArgs",
                FunctionDescriptor.of(PyStatusCheck.LAYOUT, C_POINTER, C_LONG, C_POINTER));
    }

    /**
     * {@code PyStatus Py_PreInitializeFromBytesArgs(const PyPreConfig *preconfig, Py_ssize_t argc, char * const *argv)}
     */
    static MemorySegment Py_PreInitializeFromBytesArgs(SegmentAllocator allocator, MemorySegment preconfig, long argc,
            MemorySegment argv) {
        try {
            return (MemorySegment) Py_PreInitializeFromBytesArgs.HANDLE.invokeExact(allocator, preconfig, argc, argv);
        } catch (Throwable t) {
            throw Downcalls.failure("Py_PreInitializeFromBytesArgs", t);
        }
    }

    private static final class PyConfig_InitPythonConfig {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyConfig_InitPythonConfig",
                FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** {@code void PyConfig_InitPythonConfig(PyConfig *config)} */
    static void PyConfig_InitPythonConfig(MemorySegment config) {
        try {
            PyConfig_InitPythonConfig.HANDLE.invokeExact(config);
        } catch (Throwable t) {
            throw Downcalls.failure("PyConfig_InitPythonConfig", t);
        }
    }

    private static final class PyConfig_InitIsolatedConfig {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyConfig_InitIsolatedConfig",
                FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** {@code void PyConfig_InitIsolatedConfig(PyConfig *config)} */
    static void PyConfig_InitIsolatedConfig(MemorySegment config) {
        try {
            PyConfig_InitIsolatedConfig.HANDLE.invokeExact(config);
        } catch (Throwable t) {
            throw Downcalls.failure("PyConfig_InitIsolatedConfig", t);
        }
    }

    private static final class PyConfig_Clear {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyConfig_Clear",
                FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** {@code void PyConfig_Clear(PyConfig *config)} */
    static void PyConfig_Clear(MemorySegment config) {
        try {
            PyConfig_Clear.HANDLE.invokeExact(config);
        } catch (Throwable t) {
            throw Downcalls.failure("PyConfig_Clear", t);
        }
    }

    private static final class PyConfig_SetBytesArgv {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyConfig_SetBytesArgv",
                FunctionDescriptor.of(PyStatusCheck.LAYOUT, C_POINTER, C_LONG, C_POINTER));
    }

    /** {@code PyStatus PyConfig_SetBytesArgv(PyConfig *config, Py_ssize_t argc, char * const *argv)} */
    static MemorySegment PyConfig_SetBytesArgv(SegmentAllocator allocator, MemorySegment config, long argc,
            MemorySegment argv) {
        try {
            return (MemorySegment) PyConfig_SetBytesArgv.HANDLE.invokeExact(allocator, config, argc, argv);
        } catch (Throwable t) {
            throw Downcalls.failure("PyConfig_SetBytesArgv", t);
        }
    }

    private static final class PyConfig_SetString {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyConfig_SetString",
                FunctionDescriptor.of(PyStatusCheck.LAYOUT, C_POINTER, C_POINTER, C_POINTER));
    }

    /** {@code PyStatus PyConfig_SetString(PyConfig *config, wchar_t * const *config_str, const wchar_t *str)} */
    static MemorySegment PyConfig_SetString(SegmentAllocator allocator, MemorySegment config, MemorySegment configStr,
            MemorySegment str) {
        try {
            return (MemorySegment) PyConfig_SetString.HANDLE.invokeExact(allocator, config, configStr, str);
        } catch (Throwable t) {
            throw Downcalls.failure("PyConfig_SetString", t);
        }
    }

    private static final class PyWideStringList_Append {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyWideStringList_Append",
                FunctionDescriptor.of(PyStatusCheck.LAYOUT, C_POINTER, C_POINTER));
    }

    /** {@code PyStatus PyWideStringList_Append(PyWideStringList *list, const wchar_t *item)} */
    static MemorySegment PyWideStringList_Append(SegmentAllocator allocator, MemorySegment list, MemorySegment item) {
        try {
            return (MemorySegment) PyWideStringList_Append.HANDLE.invokeExact(allocator, list, item);
        } catch (Throwable t) {
            throw Downcalls.failure("PyWideStringList_Append", t);
        }
    }

    private static final class PyConfig_Read {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyConfig_Read",
                FunctionDescriptor.of(PyStatusCheck.LAYOUT, C_POINTER));
    }

    /** {@code PyStatus PyConfig_Read(PyConfig *config)} */
    static MemorySegment PyConfig_Read(SegmentAllocator allocator, MemorySegment config) {
        try {
            return (MemorySegment) PyConfig_Read.HANDLE.invokeExact(allocator, config);
        } catch (Throwable t) {
            throw Downcalls.failure("PyConfig_Read", t);
        }
    }

    private static final class Py_InitializeFromConfig {
        static final MethodHandle HANDLE = LibPython.loaded().bind("Py_InitializeFromConfig",
                FunctionDescriptor.of(PyStatusCheck.LAYOUT, C_POINTER));
    }

    /** {@code PyStatus Py_InitializeFromConfig(const PyConfig *config)} */
    static MemorySegment Py_InitializeFromConfig(SegmentAllocator allocator, MemorySegment config) {
        try {
            return (MemorySegment) Py_InitializeFromConfig.HANDLE.invokeExact(allocator, config);
        } catch (Throwable t) {
            throw Downcalls.failure("Py_InitializeFromConfig", t);
        }
    }

    private static final class PyErr_Occurred {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyErr_Occurred", FunctionDescriptor.of(C_POINTER));
    }

    /** {@code PyObject *PyErr_Occurred(void)}: a borrowed reference to the pending exception's type, or NULL */
    static MemorySegment PyErr_Occurred() {
        try {
            return (MemorySegment) PyErr_Occurred.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw Downcalls.failure("PyErr_Occurred", t);
        }
    }

    private static final class _PyErr_Display {
        static final MethodHandle HANDLE = LibPython.loaded().bind("_PyErr_Display",
                FunctionDescriptor.ofVoid(C_POINTER, C_POINTER, C_POINTER, C_POINTER));
    }

    /**
     * {@code void _PyErr_Display(PyObject *file, PyObject *exception, PyObject *value, PyObject *tb)}: the printer
     * behind {@code sys.__excepthook__} of CPython 3.10 to 3.12 (later versions print through Python code).
     */
    static void _PyErr_Display(MemorySegment file, MemorySegment exception, MemorySegment value,
            MemorySegment tb) {
        try {
            _PyErr_Display.HANDLE.invokeExact(file, exception, value, tb);
        } catch (Throwable t) {
            throw Downcalls.failure("_PyErr_Display", t);
        }
    }
}
