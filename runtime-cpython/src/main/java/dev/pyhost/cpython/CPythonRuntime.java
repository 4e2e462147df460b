package dev.pyhost.cpython;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.StandardStreams;
import dev.pyhost.api.backend.BackendRuntime;
import dev.pyhost.api.backend.MainSteps;
import dev.pyhost.api.backend.ResolvedSettings;
import dev.pyhost.api.backend.StartupTrace;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * One initialized CPython runtime in this process, tying together its parts: the process's one
 * {@link RuntimeSlot slot}, {@link Initialization}, the interpreter's {@link ThreadState} (every native call runs
 * on its thread with the GIL held only for the duration of the call), the bootstrap, the {@link AtExitBridge},
 * the {@link SignalPoke} of 3.10-3.12, and finalization exactly once.
 */
final class CPythonRuntime implements BackendRuntime {
    static final String FINALIZED = "This Python runtime is finalized; its interpreter can no longer be used";
    private static final RuntimeSlot<CPythonRuntime> SLOT =
            new RuntimeSlot<>(CPythonRuntime::isOpen, runtime -> runtime.installation.toString());
    /** Whether CPython was initialized in this process before (guarded by the slot's lock). */
    private static boolean initializedBefore;

    private final PythonInstallation installation;
    private final LibPython lib;
    private final PyObjects py = new PyObjects();
    private final ThreadState threadState = new ThreadState(FINALIZED);
    private final AtExitBridge atExit = new AtExitBridge();
    private CPythonInterpreter interpreter;
    private ObjectLayer objects;
    private final CPythonMainSteps steps;
    private ResolvedSettings settings;
    private Bootstrap boot;
    private SignalPoke poke;
    private StandardStreamsBridge stdio;
    private SignalWake wake;
    private int finalizeResult;
    private final Cancellation cancellation = new Cancellation(this);
    private StandardStreams streams;
    /** The sub-interpreters open now, in creation order; {@code null} once finalization closed them. */
    private java.util.Set<CPythonSubInterpreter> subs = new java.util.LinkedHashSet<>();
    private final Object subsLock = new Object();
    /** The process that started this runtime; another one running its code is a child of {@code os.fork()}. */
    private final int pid = LibC.getpid();

    private CPythonRuntime(PythonInstallation installation, LibPython lib) {
        this.installation = installation;
        this.lib = lib;
        this.steps = new CPythonMainSteps(this);
    }

    static CPythonRuntime start(PythonInstallation installation, RuntimeConfig config) {
        return start(installation, config, StandardStreams.inherit());
    }

    static CPythonRuntime start(PythonInstallation installation, RuntimeConfig config, StandardStreams streams) {
        // A denied native access surfaces here, from the first downcall (dlopen), as a NativeAccessException.
        LibPython lib = LibPython.load(installation.libpython(), installation.preload());
        StartupTrace.mark("libpython loaded");
        CPythonProvider.checkSupported(lib.version(), installation);
        return SLOT.start(() -> {
            if (initializedBefore) {
                RestartRule.check(lib.version(), LoadedExtensions.scan());
            }
            initializedBefore = true;
            for (Map.Entry<String, String> e : config.environment().entrySet()) {
                LibC.setenv(e.getKey(), e.getValue());
            }
            CPythonRuntime runtime = new CPythonRuntime(installation, lib);
            try {
                runtime.threadState.call(() -> {
                    runtime.initialize(config, streams);
                    return null;
                });
            } catch (RuntimeException | Error e) {
                runtime.threadState.abandon();
                throw e;
            }
            return runtime;
        });
    }

    /** On the Python thread: initializes, loads the bootstrap, installs the exit and signal helpers. */
    private void initialize(RuntimeConfig config, StandardStreams streams) {
        StartupTrace.mark("interpreter thread started");
        this.streams = streams;
        Initialization.SettingsReader reader = Initialization.initialize(lib, config, installation);
        StartupTrace.mark("CPython initialized");
        boot = Bootstrap.load(py);
        StartupTrace.mark("bootstrap loaded");
        settings = reader.read(py, boot);
        boot.call("configure", settings.inspect(), settings.interactive(), settings.programName(),
                settings.useEnvironment());
        StartupTrace.mark("bootstrap configured");
        atExit.register(lib);
        poke = SignalPoke.startIfNeeded(lib.version(), threadState::busy);
        StartupTrace.mark("exit bridge registered");
        objects = new ObjectLayer(new Gil(CApi.PyInterpreterState_Get(), FINALIZED));
        interpreter = new CPythonInterpreter(this, objects);
        stdio = StandardStreamsBridge.installLocked(objects, streams);
        StartupTrace.mark("standard streams installed");
        wake = SignalWake.install(py, threadState::busy);
        objects.gil.interrupts.attachMain(wake);
        threadState.waitHook(cancellation::waiting);
        threadState.release();
    }

    /**
     * Runs work with the GIL held on the interpreter's thread.
     *
     * @param work the work
     * @param <T> its result
     * @return its result
     * @throws LifecycleException after finalization
     */
    <T> T withGil(Callable<T> work) {
        return threadState.withGil(work);
    }

    /** Calls an entry point of the bootstrap with the GIL held. */
    Object boot(String entry, Object... args) {
        return withGil(() -> boot.call(entry, args));
    }

    /**
     * Calls an entry point of the bootstrap that runs main code, with the GIL held. A child of {@code os.fork()}
     * comes back from it on the only thread it has (the JVM's other threads stayed in the parent), so it cannot
     * return to Java's orchestration, which would wait forever for threads that do not exist: it ends here, as
     * {@code Py_RunMain} ends a child that returns from main code. It finalizes Python ({@code atexit} callbacks
     * run), then exits with the status of the main code, 120 when finalizing failed, or dies by {@code SIGINT}
     * after an unhandled {@code KeyboardInterrupt}. PyHost's exit handlers are the parent's and do not run.
     */
    Object runMainCode(String entry, Object... args) {
        return withGil(() -> {
            MainThreadSignals.forMainCode();
            Object result = boot.call(entry, args);
            if (LibC.getpid() != pid) {
                endForkedChild(result);
            }
            return result;
        });
    }

    private void endForkedChild(Object result) {
        int status = result instanceof RunOutcome outcome ? outcome.status() : 1;
        if (CApi.Py_FinalizeEx() < 0) {
            status = 120;
        }
        if (unhandledKeyboardInterrupt()) {
            LibC.dieBySigint();
        }
        LibC.flushCStdio();
        LibC.exitNow(status);
    }

    /** {@return CPython's record of an unhandled {@code KeyboardInterrupt}; a memory read, valid after finalizing} */
    boolean unhandledKeyboardInterrupt() {
        return boot != null && boot.interruptFlag().get();
    }

    boolean isOpen() {
        return !threadState.isClosed() || cancellation.leftRunning();
    }

    /** {@return the cancellation of this runtime} */
    Cancellation cancellation() {
        return cancellation;
    }

    /** {@return the interpreter's thread state holder (for the cancellation of this package)} */
    ThreadState threadState() {
        return threadState;
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
    public dev.pyhost.api.SubInterpreter newInterpreter(dev.pyhost.api.SubInterpreterConfig config,
            RuntimeConfig runtimeConfig, java.time.Duration closeBound) {
        java.util.Objects.requireNonNull(config, "config");
        config.validate(lib.version());
        synchronized (subsLock) {
            if (subs == null || !isOpen() || objects.gil.isClosed()) {
                throw new LifecycleException(FINALIZED);
            }
            CPythonSubInterpreter sub = CPythonSubInterpreter.create(this, config, runtimeConfig, streams, closeBound);
            subs.add(sub);
            return sub;
        }
    }

    /** Forgets a sub-interpreter that ended. */
    void forget(CPythonSubInterpreter sub) {
        synchronized (subsLock) {
            if (subs != null) {
                subs.remove(sub);
            }
        }
    }

    /**
     * Ends the sub-interpreters, newest first, within what is left of a bound.
     *
     * @return what still runs, or {@code null} when all ended
     */
    private String endSubInterpreters(java.time.Duration bound) {
        java.util.List<CPythonSubInterpreter> open;
        synchronized (subsLock) {
            open = new java.util.ArrayList<>(subs);
            subs = null;
        }
        long start = System.nanoTime();
        java.util.List<String> left = new java.util.ArrayList<>();
        for (int i = open.size() - 1; i >= 0; i--) {
            java.time.Duration rest = bound == null ? null
                    : java.time.Duration.ofNanos(Math.max(1, bound.toNanos() - (System.nanoTime() - start)));
            if (!open.get(i).end(rest)) {
                left.add("sub-interpreter " + open.get(i).id());
            }
        }
        return left.isEmpty() ? null : String.join(", ", left) + " still run Python code";
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
        return finalizeRuntime(atInterpreterExit, null);
    }

    @Override
    public int finalizeRuntime(Runnable atInterpreterExit, java.time.Duration bound) {
        synchronized (this) {
            if (threadState.isClosed() || cancellation.leftRunning()) {
                return finalizeResult;
            }
            objects.gil.refuseInsideCall();
            String subsLeft = endSubInterpreters(bound);
            if (subsLeft != null) {
                cancellation.giveUpForSubInterpreters(subsLeft, atInterpreterExit);
                return finalizeResult;
            }
            if (bound != null && !cancellation.settle(bound, atInterpreterExit)) {
                return finalizeResult; // Python code still runs: not finalized, see abandoned()
            }
            objects.gil.interrupts.stop();
            objects.gil.seal();
            withGil(() -> {
                objects.beforeFinalizeLocked();
                if (wake != null) {
                    wake.closeLocked();
                }
                FinalizeHook.installLocked(py, this::releaseLocked);
                return null;
            });
            atExit.arm(atInterpreterExit);
            poke.stop();
            try {
                finalizeResult = threadState.finalizeWith(CApi::Py_FinalizeEx);
            } finally {
                FinalizeHook.forget();
                atExit.runOnce();
                atExit.close();
                if (stdio != null) {
                    stdio.close();
                }
            }
            return finalizeResult;
        }
    }

    /**
     * Inside {@code Py_FinalizeEx}, after Python's {@code atexit} callbacks and before the module cleanup
     * ({@link FinalizeHook}), on the interpreter's thread with the GIL held: drops every reference PyHost holds in
     * the main interpreter, so that the modules they hold ({@code sys}, {@code _io}, {@code posix} for the
     * bootstrap) die when python's own would. The exit handlers that run later do not use the interpreter.
     */
    private void releaseLocked() {
        boot.releaseLocked();
        objects.releaseAllLocked();
        if (wake != null) {
            wake.releaseLocked();
        }
    }

    @Override
    public java.util.List<String> abandoned() {
        return cancellation.abandoned();
    }

    @Override
    public boolean busy() {
        return threadState.busy() || (objects != null && objects.gil.busy());
    }

    @Override
    public void close() {
        finalizeRuntime(() -> { });
    }

    /** {@return the object layer (for tests of this package)} */
    ObjectLayer objects() {
        return objects;
    }

    /** {@return the library this runtime runs on} */
    LibPython lib() {
        return lib;
    }
}
