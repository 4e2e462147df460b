package dev.pyhost.cpython;

import static dev.pyhost.cpython.LibPython.integer;
import static dev.pyhost.cpython.LibPython.obj;
import static dev.pyhost.cpython.LibPython.voidFn;
import static dev.pyhost.cpython.LibC.INT;
import static dev.pyhost.cpython.LibC.PTR;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.backend.BackendRuntime;
import dev.pyhost.api.backend.MainSteps;
import dev.pyhost.api.backend.ResolvedSettings;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * One initialized CPython runtime in this process: initialization, the interpreter's own thread, the
 * bootstrap, and finalization exactly once. Every native call runs on the {@link PythonThread} with the GIL
 * held only for the duration of the call.
 */
@SuppressWarnings("restricted") // this module is the one place that calls native code
final class CPythonRuntime implements BackendRuntime {
    private static final System.Logger LOG = System.getLogger(CPythonRuntime.class.getName());
    private static final Object ACTIVE_LOCK = new Object();
    private static CPythonRuntime active;
    static final String FINALIZED = "This Python runtime is finalized; its interpreter can no longer be used";

    private final PythonInstallation installation;
    private final LibPython lib;
    private final Py py;
    private final PythonThread thread = new PythonThread();
    private final CPythonInterpreter interpreter;
    private final CPythonMainSteps steps;
    private ResolvedSettings settings;
    private Bootstrap boot;
    private MemorySegment threadState = MemorySegment.NULL;
    private volatile boolean finalized;
    private int finalizeResult;
    private volatile Runnable atExit;
    private final Object pokeLock = new Object();
    private Arena upcalls;

    private CPythonRuntime(PythonInstallation installation, LibPython lib) {
        this.installation = installation;
        this.lib = lib;
        this.py = new Py(lib);
        this.interpreter = new CPythonInterpreter(this);
        this.steps = new CPythonMainSteps(this);
    }

    static CPythonRuntime start(PythonInstallation installation, RuntimeConfig config) {
        LibPython lib;
        try {
            lib = LibPython.load(installation.libpython(), installation.preload());
        } catch (IllegalCallerException e) {
            throw LibC.nativeAccessDenied(e);
        }
        CPythonProvider.checkSupported(lib.version(), installation);
        synchronized (ACTIVE_LOCK) {
            if (active != null && !active.finalized) {
                throw new LifecycleException("A CPython runtime is already running in this process ("
                        + active.installation + "); close it before starting another one");
            }
            for (Map.Entry<String, String> e : config.environment().entrySet()) {
                LibC.setenv(e.getKey(), e.getValue());
            }
            CPythonRuntime runtime = new CPythonRuntime(installation, lib);
            try {
                runtime.thread.call(() -> {
                    runtime.initialize(config);
                    return null;
                });
            } catch (RuntimeException | Error e) {
                runtime.thread.stop();
                throw e;
            }
            active = runtime;
            return runtime;
        }
    }

    private void initialize(RuntimeConfig config) {
        if (isInitialized()) {
            throw new LifecycleException("CPython is already initialized in this process by other code");
        }
        boolean pep741 = lib.version().minor() >= 14 && config.profile() == RuntimeConfig.Profile.ISOLATED;
        try (Arena arena = Arena.ofConfined()) {
            if (pep741) {
                new InitConfig(lib, arena).initialize(config, installation);
            } else {
                settings = new StructConfig(lib, arena).initialize(config, installation);
            }
        } catch (IllegalCallerException e) {
            throw LibC.nativeAccessDenied(e);
        }
        boot = Bootstrap.load(py);
        if (pep741) {
            settings = InitConfig.readBack(lib, py, boot, installation.executable().toString());
        }
        boot.call("configure", settings.inspect(), settings.interactive(), settings.programName(),
                settings.useEnvironment());
        registerAtExit();
        startSignalPoke();
        LOG.log(System.Logger.Level.DEBUG, "initialized {0}", installation);
        release();
    }

    private boolean isInitialized() {
        try {
            return (int) lib.fn("Py_IsInitialized", integer()).invokeExact() != 0;
        } catch (Throwable t) {
            throw LibC.rethrow("Py_IsInitialized", t);
        }
    }

    private void release() {
        try {
            threadState = (MemorySegment) lib.fn("PyEval_SaveThread", obj()).invokeExact();
        } catch (Throwable t) {
            throw LibC.rethrow("PyEval_SaveThread", t);
        }
    }

    private void acquire() {
        try {
            lib.fn("PyEval_RestoreThread", voidFn(PTR)).invokeExact(threadState);
        } catch (Throwable t) {
            throw LibC.rethrow("PyEval_RestoreThread", t);
        }
    }

    /**
     * Runs work with the GIL held on the interpreter's thread.
     *
     * @param work the work
     * @param <T> its result
     * @return its result
     * @throws IllegalStateException after finalization
     */
    <T> T withGil(Callable<T> work) {
        if (finalized) {
            throw new LifecycleException(FINALIZED);
        }
        return thread.call(() -> {
            if (finalized) {
                throw new LifecycleException(FINALIZED);
            }
            acquire();
            try {
                return work.call();
            } finally {
                release();
            }
        });
    }

    /** Calls an entry point of the bootstrap with the GIL held. */
    Object boot(String entry, Object... args) {
        return withGil(() -> boot.call(entry, args));
    }

    boolean isOpen() {
        return !finalized;
    }

    @Override
    public PythonInstallation installation() {
        return new PythonInstallation(installation.executable(), installation.libpython(), lib.version(),
                installation.origin(), installation.preload());
    }

    @Override
    public Interpreter interpreter() {
        return interpreter;
    }

    @Override
    public ResolvedSettings settings() {
        return settings;
    }

    @Override
    public MainSteps steps() {
        return steps;
    }

    @Override
    public int finalizeRuntime(Runnable atInterpreterExit) {
        synchronized (this) {
            if (finalized) {
                return finalizeResult;
            }
            atExit = atInterpreterExit;
            synchronized (pokeLock) {
                finalized = true;
            }
            try {
                finalizeResult = thread.call(() -> {
                    acquire();
                    int rc;
                    try {
                        rc = (int) lib.fn("Py_FinalizeEx", integer()).invokeExact();
                    } catch (Throwable t) {
                        throw LibC.rethrow("Py_FinalizeEx", t);
                    }
                    return rc;
                });
            } finally {
                thread.stop();
                runAtExit();
                if (upcalls != null) {
                    upcalls.close();
                    upcalls = null;
                }
            }
            return finalizeResult;
        }
    }

    /** Runs the interpreter-exit work once, whichever of the upcall and the return of finalization comes first. */
    private void runAtExit() {
        Runnable r = atExit;
        atExit = null;
        if (r != null) {
            r.run();
        }
    }

    /**
     * The {@code PyUnstable_AtExit} callback: CPython calls it inside {@code Py_FinalizeEx}, after the
     * {@code atexit} callbacks and after Python objects are gone. An upcall must never throw.
     */
    @SuppressWarnings("unused") // called from C
    private void atExitUpcall(MemorySegment data) {
        try {
            runAtExit();
        } catch (Throwable t) {
            System.err.println("Exception ignored at interpreter exit: " + t);
        }
    }

    /**
     * Registers one {@code PyUnstable_AtExit} callback that dispatches to Java (3.13+; one registration, as
     * 3.13.0 loses the middle ones of three or more). Older versions run the exit work after
     * {@code Py_FinalizeEx} returns, which keeps the same order after Python's {@code atexit} callbacks.
     */
    private void registerAtExit() {
        if (lib.version().minor() < 13 || !lib.has("PyUnstable_AtExit")) {
            return;
        }
        upcalls = Arena.ofShared();
        try {
            MethodHandle target = MethodHandles.lookup().findVirtual(CPythonRuntime.class, "atExitUpcall",
                    MethodType.methodType(void.class, MemorySegment.class)).bindTo(this);
            MemorySegment stub = LibC.LINKER.upcallStub(target, FunctionDescriptor.ofVoid(PTR), upcalls);
            MemorySegment interp = (MemorySegment) lib.fn("PyInterpreterState_Get", obj()).invokeExact();
            int rc = (int) lib.fn("PyUnstable_AtExit", integer(PTR, PTR, PTR)).invokeExact(interp, stub,
                    MemorySegment.NULL);
            if (rc != 0) {
                throw new IllegalStateException("PyUnstable_AtExit failed");
            }
        } catch (Throwable t) {
            throw LibC.rethrow("PyUnstable_AtExit", t);
        }
    }

    /**
     * CPython 3.10-3.12 notice a signal only when the thread that ran the C handler is the interpreter's main
     * thread; in a JVM the kernel usually picks another thread, so {@code SIGINT} would stay pending while Python
     * code runs. Taking and releasing the GIL from another thread makes the interpreter thread re-evaluate its
     * pending work, signals included. 3.13+ mark the main thread directly and need none of this.
     */
    private void startSignalPoke() {
        if (lib.version().minor() > 12) {
            return;
        }
        Thread.ofPlatform().daemon(true).name("pyhost-signal-poke").start(() -> {
            while (!finalized) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (pokeLock) {
                    if (finalized || !thread.busy()) {
                        continue;
                    }
                    try {
                        int state = (int) lib.fn("PyGILState_Ensure", integer()).invokeExact();
                        lib.fn("PyGILState_Release", voidFn(INT)).invokeExact(state);
                    } catch (Throwable t) {
                        return;
                    }
                }
            }
        });
    }

    @Override
    public boolean busy() {
        return thread.busy();
    }

    @Override
    public void close() {
        finalizeRuntime(() -> { });
    }

    /** {@return the library this runtime runs on} */
    LibPython lib() {
        return lib;
    }
}
