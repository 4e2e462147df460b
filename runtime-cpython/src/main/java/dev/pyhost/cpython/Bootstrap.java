package dev.pyhost.cpython;

import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PyHostException;
import dev.pyhost.api.PythonException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * Drives {@code boot.py}, PyHost's Python half, from Java. Its entry points are generators that yield the
 * calls touching user code; this driver performs each call from C (so no bootstrap frame is ever on a user
 * stack) and sends back the result or the exception. What an entry point returns is decoded by
 * {@link BootCodec}. Runs on the interpreter's thread with the GIL held.
 */
final class Bootstrap {
    private final PyObjects py;
    private final MemorySegment describe;
    private final MemorySegment start;
    private final MemorySegment advance;
    private final MemorySegment encode;
    private final MemorySegment evalCode;
    private final MemorySegment displayException;
    private final MemorySegment unhandledInterrupt;
    private final MemorySegment runFile;
    private final boolean hasPrinter;
    private final UnhandledInterruptFlag interruptFlag;
    private final MemorySegment trueObject;
    /** The namespace of {@code boot.py} (a reference this driver owns), NULL once {@linkplain #releaseLocked released}. */
    private MemorySegment globals;

    private Bootstrap(PyObjects py, MemorySegment describe, MemorySegment globals) {
        this.py = py;
        this.globals = globals;
        this.describe = describe;
        this.start = py.dictItem(globals, "start");
        this.advance = py.dictItem(globals, "advance");
        this.encode = py.dictItem(globals, "encode");
        this.evalCode = py.dictItem(globals, "EVAL_CODE");
        this.displayException = py.dictItem(globals, "DISPLAY_EXCEPTION");
        this.unhandledInterrupt = py.dictItem(globals, "UNHANDLED_INTERRUPT");
        this.runFile = py.dictItem(globals, "RUN_FILE");
        this.interruptFlag = UnhandledInterruptFlag.locate(py);
        this.trueObject = LibPython.loaded().symbol("_Py_TrueStruct");
        this.hasPrinter = LibPython.loaded().version().minor() <= 12 && LibPython.loaded().has("_PyErr_Display");
    }

    /**
     * Loads {@code boot.py} into a private namespace (never into {@code sys.modules}).
     *
     * @param py the interpreter, with the GIL held
     * @return the driver
     * @throws PyHostException when it does not load, with the Python error's type, message and traceback
     */
    static Bootstrap load(PyObjects py) {
        return load(py, resource("boot.py"), true);
    }

    /**
     * Loads a bootstrap from its source, after {@code describe.py} in the same namespace: that describes a
     * failure to load it.
     *
     * @param py the interpreter, with the GIL held
     * @param source the source of {@code boot.py}
     * @return the driver
     * @throws PyHostException when it does not load, with the Python error's type, message and traceback
     */
    static Bootstrap load(PyObjects py, String source) {
        return load(py, source, false);
    }

    /**
     * Loads a bootstrap from its source, from its compiled copy ({@link CompiledBootstrap}) when asked.
     *
     * @param py the interpreter, with the GIL held
     * @param source the source of {@code boot.py}
     * @param cached whether to use and keep the compiled copy (PyHost's own {@code boot.py} only)
     * @return the driver
     * @throws PyHostException when it does not load, with the Python error's type, message and traceback
     */
    private static Bootstrap load(PyObjects py, String source, boolean cached) {
        MemorySegment globals = py.newDict();
        MemorySegment result = py.runString(resource("describe.py"), globals);
        if (result.address() == 0) {
            py.decref(py.fetchException());
            throw new PyHostException("PyHost's describe.py does not run in CPython " + LibPython.loaded().version()
                    + " (a PyHost bug; please report it)");
        }
        py.decref(result);
        MemorySegment describe = py.dictItem(globals, "describe");
        result = cached ? CompiledBootstrap.run(py, source, globals) : py.runString(source, globals);
        if (result.address() == 0) {
            PythonException error = describe(py, describe);
            throw new PyHostException("PyHost's bootstrap (boot.py) failed to load in CPython " + LibPython.loaded().version()
                    + ": " + error.getMessage() + "\n" + error.formattedTraceback(), error);
        }
        py.decref(result);
        return new Bootstrap(py, describe, globals);
    }

    /**
     * Reads one of this package's Python sources from the jar.
     *
     * @param name the resource's name beside this class
     * @return its text
     * @throws PyHostException when it is missing or unreadable
     */
    static String resource(String name) {
        try (InputStream in = Bootstrap.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new PyHostException(name + " is missing from the runtime-cpython jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PyHostException("Cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /** Takes the pending Python exception and describes it as data. */
    private static PythonException describe(PyObjects py, MemorySegment describe) {
        MemorySegment args = py.newTuple(py.fetchException());
        MemorySegment r = py.call(describe, args);
        py.decref(args);
        if (r.address() == 0) {
            py.decref(py.fetchException());
            return new PythonException("<unknown>", "the Python error could not be described", "");
        }
        try {
            return new PythonException(text(py, r, 0), text(py, r, 1), text(py, r, 2));
        } finally {
            py.decref(r);
        }
    }

    private static String text(PyObjects py, MemorySegment tuple, int i) {
        return new String(py.bytes(py.tupleItem(tuple, i)), StandardCharsets.UTF_8);
    }

    /**
     * Converts a Python object to Java with the bootstrap's encoder.
     *
     * @param object a borrowed reference
     * @return the Java value
     */
    Object encodeObject(MemorySegment object) {
        if (globals.address() == 0) {
            throw new LifecycleException(CPythonRuntime.FINALIZED);
        }
        MemorySegment args = py.newTuple(py.incref(object));
        MemorySegment r = py.call(encode, args);
        py.decref(args);
        if (r.address() == 0) {
            throw internal("encode");
        }
        try {
            return BootCodec.decode(py.bytes(r));
        } finally {
            py.decref(r);
        }
    }

    /**
     * Runs an entry point of {@code boot.py} to its end and decodes its result.
     *
     * @param entry the entry point's name
     * @param args its arguments (strings, numbers, booleans, null)
     * @return the decoded result (see {@link BootCodec})
     */
    Object call(String entry, Object... args) {
        if (globals.address() == 0) {
            throw new LifecycleException(CPythonRuntime.FINALIZED);
        }
        Object[] all = new Object[args.length + 1];
        all[0] = entry;
        System.arraycopy(args, 0, all, 1, args.length);
        MemorySegment argTuple = py.newTuple(all);
        MemorySegment gen = py.call(start, argTuple);
        py.decref(argTuple);
        if (gen.address() == 0) {
            throw internal("start " + entry);
        }
        try {
            long ok = -1;
            MemorySegment value = py.incref(py.none());
            while (true) {
                MemorySegment stepArgs = py.newTuple(py.incref(gen), ok, value);
                MemorySegment step = py.call(advance, stepArgs);
                py.decref(stepArgs);
                if (step.address() == 0) {
                    throw internal(entry);
                }
                try {
                    MemorySegment fn = py.tupleItem(step, 0);
                    MemorySegment fnArgs = py.tupleItem(step, 1);
                    if (fn.address() == py.none().address()) {
                        return BootCodec.decode(py.bytes(fnArgs));
                    }
                    MemorySegment r;
                    if (fn.address() == evalCode.address()) {
                        interruptFlag.beforeEval();
                        r = py.evalCode(py.tupleItem(fnArgs, 0), py.tupleItem(fnArgs, 1));
                        interruptFlag.afterEval(r);
                    } else if (fn.address() == runFile.address()) {
                        r = FileRun.run(py, fnArgs);
                    } else if (fn.address() == unhandledInterrupt.address()) {
                        r = unhandledInterrupt(fnArgs);
                    } else if (fn.address() == displayException.address()) {
                        r = display(fnArgs);
                    } else {
                        r = py.call(fn, fnArgs);
                    }
                    if (r.address() == 0) {
                        value = py.fetchException();
                        ok = 0;
                    } else {
                        value = r;
                        ok = 1;
                    }
                } finally {
                    py.decref(step);
                }
            }
        } finally {
            py.decref(gen);
        }
    }

    /**
     * The {@code DISPLAY_EXCEPTION} step: {@code _PyErr_Display(file, type, value, traceback)}, the printer of
     * CPython 3.10-3.12's {@code sys.__excepthook__}, to a file of the bootstrap's choosing.
     *
     * @return a new reference to 1, to 0 when this CPython has no such printer, or NULL with the error set
     */
    private MemorySegment display(MemorySegment args) {
        if (!hasPrinter) {
            return py.newInt(0);
        }
        CApi._PyErr_Display(py.tupleItem(args, 0), py.tupleItem(args, 1), py.tupleItem(args, 2),
                py.tupleItem(args, 3));
        return CApi.PyErr_Occurred().address() == 0 ? py.newInt(1) : MemorySegment.NULL;
    }

    /**
     * The {@code UNHANDLED_INTERRUPT} step: reads CPython's unhandled-{@code KeyboardInterrupt} flag and, when the
     * argument is not None, sets it (to whether the argument is True).
     *
     * @return a new reference to the flag's value before the step (True or False)
     */
    private MemorySegment unhandledInterrupt(MemorySegment args) {
        boolean before = interruptFlag.get();
        MemorySegment value = py.tupleItem(args, 0);
        if (value.address() != py.none().address()) {
            interruptFlag.set(value.address() == trueObject.address());
        }
        return py.newInt(before ? 1 : 0);
    }

    /**
     * During finalization, after Python's {@code atexit} callbacks: empties and drops the bootstrap's namespace, so
     * that nothing it imported outlives CPython's module cleanup because of it. Emptied first: its functions and
     * the namespace refer to each other, and no collection may come before the modules are cleaned up. No entry
     * point can be called afterwards. Runs with the GIL held; idempotent.
     */
    void releaseLocked() {
        MemorySegment g = globals;
        if (g.address() != 0) {
            globals = MemorySegment.NULL;
            CApiObjects.PyDict_Clear(g);
            py.decref(g);
        }
    }

    /** {@return CPython's record of an unhandled {@code KeyboardInterrupt}; readable without the GIL} */
    UnhandledInterruptFlag interruptFlag() {
        return interruptFlag;
    }

    private PyHostException internal(String what) {
        PythonException error = describe(py, describe);
        return new PyHostException("PyHost's bootstrap failed in " + what + " (a PyHost bug; please report it):\n"
                + error.formattedTraceback(), error);
    }
}
