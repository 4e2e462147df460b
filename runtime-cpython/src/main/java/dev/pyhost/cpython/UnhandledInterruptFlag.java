package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_POINTER;
import static dev.pyhost.cpython.NativeFunction.addressOf;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * CPython's own record that main code ended with an unhandled {@code KeyboardInterrupt}, which {@code Py_RunMain}
 * reads after {@code Py_FinalizeEx} to end the process by {@code SIGINT}: the exported int
 * {@code _Py_UnhandledKeyboardInterrupt} on 3.10 and 3.11, the field {@code signals.unhandled_keyboard_interrupt}
 * of {@code _PyRuntime} from 3.12 on.
 *
 * <p>PyHost uses the real flag, not a copy, because CPython itself changes it in places PyHost does not drive: on
 * 3.10-3.13 every {@code run_eval_code_obj} clears it and sets it again when a {@code KeyboardInterrupt} escapes,
 * and that includes every {@code exec} or {@code eval} of a string anywhere (importing {@code rlcompleter} from
 * {@code sys.__interactivehook__}, {@code collections.namedtuple}, {@code dataclasses}). That is why
 * {@code python -i -c "raise KeyboardInterrupt" < /dev/null} exits 0 with {@code site} and 130 with {@code -S}.
 * On 3.14 only {@code PyErr_Print} sets it (never clears it).
 *
 * <p>The field's offset in {@code _PyRuntime} is not public. It is found once per library by a probe: the region
 * of {@code _PyRuntime} where the field lives is compared before and after
 * {@code PyRun_SimpleStringFlags("raise KeyboardInterrupt")}, which sets the flag on every version (with a
 * {@code sys.excepthook} that prints nothing and imports nothing meanwhile), and, on 3.10-3.13, after running
 * {@code pass}, which clears it. The offsets measured on 3.12.1, 3.13.0 and 3.14.3 are preferred among the ints
 * that change so; when the probe finds no single candidate, the flag is kept in memory of PyHost's own (the exit
 * status after an unhandled {@code KeyboardInterrupt} stays right; only the effect of {@code exec} of a string on
 * it is lost) and that is logged.
 */
@SuppressWarnings("restricted") // _PyRuntime and the exported flag are C globals; the probed region lies inside it
final class UnhandledInterruptFlag {
    /** How far into {@code _PyRuntime} the probe looks (the field sits at 1.5-2.5 KB on 3.12-3.14). */
    private static final int WINDOW = 8192;
    private static final Object LOCK = new Object();
    /** The flag PyHost keeps when CPython's is not found. */
    private static final MemorySegment OWN = Arena.global().allocate(C_INT);
    private static LibPython probedFor;
    private static MemorySegment probed;

    private final MemorySegment address;
    private final boolean clearedByEval;
    private final MemorySegment keyboardInterrupt;

    private UnhandledInterruptFlag(MemorySegment address, boolean clearedByEval, MemorySegment keyboardInterrupt) {
        this.address = address;
        this.clearedByEval = clearedByEval;
        this.keyboardInterrupt = keyboardInterrupt;
    }

    /**
     * Finds the flag of the loaded library (probing it the first time) and clears it: a runtime starts with no
     * unhandled interrupt, whatever an earlier runtime of this process left.
     *
     * @param py the interpreter, initialized, with the GIL held
     * @return the flag
     */
    static UnhandledInterruptFlag locate(PyObjects py) {
        LibPython lib = LibPython.loaded();
        MemorySegment address;
        synchronized (LOCK) {
            if (probedFor != lib) {
                probed = find(lib, py);
                probedFor = lib;
            }
            address = probed;
        }
        UnhandledInterruptFlag flag = new UnhandledInterruptFlag(address, lib.version().minor() <= 13,
                lib.symbol("PyExc_KeyboardInterrupt").reinterpret(C_POINTER.byteSize()).get(C_POINTER, 0));
        flag.set(false);
        return flag;
    }

    /** {@return whether the flag says that main code ended with an unhandled {@code KeyboardInterrupt}} */
    boolean get() {
        return address.get(C_INT, 0) != 0;
    }

    /**
     * Sets or clears the flag.
     *
     * @param value the new value
     */
    void set(boolean value) {
        address.set(C_INT, 0, value ? 1 : 0);
    }

    /** What {@code run_eval_code_obj} does before {@code PyEval_EvalCode}: 3.10-3.13 clear the flag. */
    void beforeEval() {
        if (clearedByEval) {
            set(false);
        }
    }

    /**
     * What {@code run_eval_code_obj} does after {@code PyEval_EvalCode}: on 3.10-3.13 the flag is set when it
     * failed with exactly {@code KeyboardInterrupt} pending.
     *
     * @param result the result of the evaluation, NULL when it failed
     */
    void afterEval(MemorySegment result) {
        if (clearedByEval && result.address() == 0 && CApi.PyErr_Occurred().address() == keyboardInterrupt.address()) {
            set(true);
        }
    }

    /** {@return whether the flag is CPython's own (false when PyHost keeps it, see the class comment)} */
    boolean isCPythons() {
        return address.address() != OWN.address();
    }

    private static MemorySegment find(LibPython lib, PyObjects py) {
        int minor = lib.version().minor();
        if (minor <= 11) {
            MemorySegment exported = lib.find("_Py_UnhandledKeyboardInterrupt");
            if (exported.address() != 0) {
                return exported.reinterpret(C_INT.byteSize());
            }
            Log.LOG.log(System.Logger.Level.WARNING, "{0} does not export _Py_UnhandledKeyboardInterrupt", lib);
            return OWN;
        }
        MemorySegment runtime = lib.find("_PyRuntime");
        if (runtime.address() == 0) {
            Log.LOG.log(System.Logger.Level.WARNING, "{0} does not export _PyRuntime", lib);
            return OWN;
        }
        runtime = runtime.reinterpret(WINDOW);
        long measured = switch (minor) {
            case 12 -> 1536;
            case 13 -> 2152;
            case 14 -> 2328;
            default -> -1;
        };
        List<Long> candidates = probe(py, runtime, minor <= 13);
        long offset = candidates.contains(measured) ? measured : candidates.size() == 1 ? candidates.getFirst() : -1;
        if (offset < 0) {
            Log.LOG.log(System.Logger.Level.WARNING, "The unhandled-KeyboardInterrupt flag of {0} was not found "
                    + "(candidates {1}); PyHost keeps its own", lib, candidates);
            return OWN;
        }
        return runtime.asSlice(offset, C_INT.byteSize());
    }

    /**
     * The offsets in {@code runtime} of the ints that {@code raise KeyboardInterrupt} run by
     * {@code PyRun_SimpleStringFlags} turns from 0 to 1 and (when {@code clearedByEval}) running {@code pass}
     * turns back to 0.
     */
    private static List<Long> probe(PyObjects py, MemorySegment runtime, boolean clearedByEval) {
        MemorySegment globals = py.newDict();
        try {
            // A hook that prints nothing: the default one would print, and on 3.13+ import traceback.
            if (!run(py, globals, "import sys\n_LAST = ('last_type', 'last_value', 'last_traceback', 'last_exc')\n"
                    + "_saved = (sys.excepthook, [sys.__dict__.get(n) for n in _LAST])\n"
                    + "sys.excepthook = lambda *args: None\n")) {
                return List.of();
            }
            try {
                if (clearedByEval && !run(py, globals, "pass")) {
                    return List.of();
                }
                int[] before = runtime.toArray(C_INT);
                simpleString("raise KeyboardInterrupt\n");
                int[] raised = runtime.toArray(C_INT);
                int[] after = raised;
                if (clearedByEval) {
                    if (!run(py, globals, "pass")) {
                        return List.of();
                    }
                    after = runtime.toArray(C_INT);
                }
                List<Long> found = new ArrayList<>();
                for (int i = 0; i < before.length; i++) {
                    if (before[i] == 0 && raised[i] == 1 && after[i] == (clearedByEval ? 0 : 1)) {
                        found.add(i * C_INT.byteSize());
                    }
                }
                return found;
            } finally {
                run(py, globals, "sys.excepthook, _last = _saved\nfor _n, _v in zip(_LAST, _last):\n"
                        + "    if _v is None:\n        sys.__dict__.pop(_n, None)\n    else:\n"
                        + "        sys.__dict__[_n] = _v\n");
            }
        } finally {
            py.decref(globals);
        }
    }

    /** Runs source in globals; false (with the error cleared) when it failed. */
    private static boolean run(PyObjects py, MemorySegment globals, String source) {
        MemorySegment r = py.runString(source, globals);
        if (r.address() == 0) {
            py.decref(py.fetchException());
            return false;
        }
        py.decref(r);
        return true;
    }

    private static final class SimpleString {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyRun_SimpleStringFlags",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
    }

    /** {@code int PyRun_SimpleStringFlags(const char *command, PyCompilerFlags *flags)} with no flags. */
    private static void simpleString(String source) {
        try (Arena arena = Arena.ofConfined()) {
            // the status says nothing the probe needs: it reads the flag the run left
            SimpleString.FUNCTION.call(addressOf(arena.allocateFrom(source)), 0L);
        }
    }

    /**
     * Holds the logger, created on first use: creating one, or asking whether a level is logged, starts the JDK's
     * logging back end (java.util.logging reads its configuration), which every start would pay for; only the
     * warnings of a failed probe are logged.
     */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(UnhandledInterruptFlag.class.getName());
    }
}
