package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_POINTER;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs work inside {@code Py_FinalizeEx} of the main interpreter after Python's {@code atexit} callbacks and
 * before CPython's module cleanup: PyHost drops its own references there (the bootstrap's namespace, the helpers,
 * the types it made), so that the modules they hold die when python's own would ({@code -v} then prints the same
 * {@code # destroy} lines).
 *
 * <p>No C API names that point; the one Python-visible step between the two is the garbage collection
 * {@code Py_FinalizeEx} runs right before the modules are cleaned up, which calls {@code gc.callbacks}. So right
 * before {@code Py_FinalizeEx} this appends a builtin function (a C upcall, no Python namespace behind it) to
 * {@code gc.callbacks}; the first time it is called while CPython says it is finalizing (which it says only after
 * the {@code atexit} callbacks), it runs the work, with the GIL held on the finalizing thread. Without
 * {@code import gc} (python does not import it): the list is the interpreter's, reached through a {@code gc} module
 * object made by {@code _imp.create_builtin}, kept out of {@code sys.modules} and never released (its release
 * would print {@code # destroy gc} under {@code -v}). Limits: with the collector disabled ({@code gc.disable()}),
 * {@code Py_FinalizeEx} collects nothing before cleaning up the modules, and the work does not run (the references
 * then stay until the process ends, as they did before); Python code that runs during the {@code atexit}
 * callbacks sees the function in {@code gc.callbacks}.
 */
final class FinalizeHook {
    private static final String INSTALL = """
            import sys
            gc = sys.modules.get("gc")
            made = gc is None
            if made:
                class _Spec:
                    name = "gc"
                _imp = sys.modules["_imp"]
                gc = _imp.create_builtin(_Spec())
                _imp.exec_builtin(gc)
            gc.callbacks.append(hook)
            """;
    /** The work of the runtime being finalized; one runtime at a time per process. */
    private static final AtomicReference<Runnable> WORK = new AtomicReference<>();

    private FinalizeHook() {
    }

    /** The process's method definition and upcall, made on first use. */
    private static final class Native {
        private static final int METH_VARARGS = 0x0001;
        static final MemorySegment DEF;
        static final NativeFunction IS_FINALIZING;

        static {
            DEF = CApiObjects.methodDef("pyhost_finalize", stub(), METH_VARARGS,
                    "PyHost: drops PyHost's references before module cleanup.");
            LibPython lib = LibPython.loaded();
            // 3.13 made it public; 3.10-3.12 export it with an underscore
            IS_FINALIZING = lib.function(lib.has("Py_IsFinalizing") ? "Py_IsFinalizing" : "_Py_IsFinalizing",
                    FunctionDescriptor.of(C_INT));
        }

        @SuppressWarnings("restricted") // the upcall of a builtin function, for the process
        private static MemorySegment stub() {
            try {
                MethodHandle target = MethodHandles.lookup().findStatic(FinalizeHook.class, "call",
                        MethodType.methodType(MemorySegment.class, MemorySegment.class, MemorySegment.class));
                return Downcalls.LINKER.upcallStub(target, FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER),
                        Arena.global());
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    /**
     * Right before {@code Py_FinalizeEx}, on the interpreter's thread with the GIL held: arranges for work to run
     * at the collection before module cleanup. When that fails (a PyHost bug), the work does not run.
     *
     * @param py the object helpers
     * @param work what to run there, with the GIL held; it must not throw
     */
    static void installLocked(PyObjects py, Runnable work) {
        MemorySegment hook = CApiObjects.PyCFunction_NewEx(Native.DEF, MemorySegment.NULL, MemorySegment.NULL);
        if (hook.address() == 0) {
            CApiObjects.PyErr_Clear();
            return;
        }
        MemorySegment globals = py.newDict();
        try {
            CApiObjects.PyDict_SetItemString(globals, ObjectLayer.cString("hook"), hook);
            CApiObjects.PyDict_SetItemString(globals, ObjectLayer.cString("__builtins__"),
                    CApiObjects.PyImport_AddModule(ObjectLayer.cString("builtins")));
            // Compiled and evaluated, not PyRun_String: on 3.10-3.13 that clears CPython's record of an unhandled
            // KeyboardInterrupt (UnhandledInterruptFlag), which decides the exit status after finalizing.
            MemorySegment code;
            try (Arena arena = Arena.ofConfined()) {
                code = CApiObjects.Py_CompileStringExFlags(arena.allocateFrom(INSTALL),
                        arena.allocateFrom("<pyhost-finalize>"), 257, MemorySegment.NULL, -1);
            }
            if (code.address() == 0) {
                CApiObjects.PyErr_Clear();
                return;
            }
            MemorySegment r = py.evalCode(code, globals);
            py.decref(code);
            if (r.address() == 0) {
                CApiObjects.PyErr_Clear();
                return;
            }
            py.decref(r);
            MemorySegment made = py.dictItem(globals, "made");
            if (made.address() != 0 && CApiObjects.PyObject_IsTrue(made) == 1) {
                py.incref(py.dictItem(globals, "gc")); // kept for good: see the class comment
            }
            WORK.set(work);
        } finally {
            py.decref(globals);
            py.decref(hook);
        }
    }

    /** After {@code Py_FinalizeEx} returned: forgets work that did not run. */
    static void forget() {
        WORK.set(null);
    }

    /** The builtin function, {@code PyObject *(PyObject *self, PyObject *args)}; nothing may leave an upcall. */
    @SuppressWarnings("unused") // through the method definition
    private static MemorySegment call(MemorySegment self, MemorySegment args) {
        try {
            if ((int) Native.IS_FINALIZING.call() != 0) {
                Runnable work = WORK.getAndSet(null);
                if (work != null) {
                    work.run();
                }
            }
        } catch (Throwable t) {
            try {
                System.getLogger(FinalizeHook.class.getName()).log(System.Logger.Level.WARNING,
                        "releasing PyHost's references before module cleanup failed", t);
            } catch (Throwable ignored) {
                // nothing may leave an upcall
            }
        }
        CApi.Py_IncRef(CApi.Py_None());
        return CApi.Py_None();
    }
}
