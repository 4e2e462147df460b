package dev.pyhost.cpython;

import dev.pyhost.api.ExitStatus;
import dev.pyhost.api.InterpreterKind;
import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PythonException;
import dev.pyhost.api.PythonVersion;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.StandardStreams;
import dev.pyhost.api.SubInterpreter;
import dev.pyhost.api.SubInterpreterConfig;
import dev.pyhost.api.spi.ExitContext;
import dev.pyhost.api.spi.ExitHandler;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sub-interpreter of a {@link CPythonRuntime}. It is created and ended on a platform thread of its own (the
 * owner), which holds the interpreter's first thread state and otherwise waits; object-API calls run on the
 * callers' threads through its own {@link Gil}, which gives each calling OS thread a thread state of this
 * interpreter (one of the main interpreter is bound to the thread first, so that CPython's {@code PyGILState} API
 * keeps pointing at the main interpreter).
 */
final class CPythonSubInterpreter extends LayerInterpreter implements SubInterpreter {
    static final String CLOSED = "This sub-interpreter is closed; it can no longer be used";
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final CPythonRuntime runtime;
    private final SubInterpreterConfig config;
    private final RuntimeConfig runtimeConfig;
    private final LinkedBlockingQueue<Runnable> jobs = new LinkedBlockingQueue<>();
    private final List<ExitHandler> handlers = new ArrayList<>();
    private final Thread owner;
    private MemorySegment ownerState;
    /** The owner thread's thread state of the main interpreter, bound to it before the sub-interpreter's. */
    private MemorySegment ownerMainState;
    private Gil gil;
    private ObjectLayer layer;
    private CPythonScope main;
    private StandardStreamsBridge stdio;
    private long id;
    private volatile boolean closing;
    private volatile boolean ended;
    private volatile String leftRunning;

    private final Duration closeBound;

    private CPythonSubInterpreter(CPythonRuntime runtime, SubInterpreterConfig config, RuntimeConfig runtimeConfig,
            Duration closeBound) {
        this.runtime = runtime;
        this.closeBound = closeBound;
        this.config = config;
        this.runtimeConfig = runtimeConfig;
        this.owner = Thread.ofPlatform().daemon(true).name("pyhost-subinterpreter-" + COUNT.incrementAndGet())
                .unstarted(this::serve);
    }

    /**
     * Creates a sub-interpreter and returns once it can be used.
     *
     * @param runtime the runtime, open
     * @param config the configuration, validated
     * @param runtimeConfig the runtime's configuration (for exit handlers)
     * @param streams the runtime's standard streams
     * @param closeBound how long {@link #close()} waits for Python code to end ({@code null}: no bound)
     * @return the interpreter
     */
    static CPythonSubInterpreter create(CPythonRuntime runtime, SubInterpreterConfig config,
            RuntimeConfig runtimeConfig, StandardStreams streams, Duration closeBound) {
        CPythonSubInterpreter sub = new CPythonSubInterpreter(runtime, config, runtimeConfig, closeBound);
        CompletableFuture<Void> ready = new CompletableFuture<>();
        sub.jobs.add(() -> {
            try {
                sub.createOnOwner(streams);
                ready.complete(null);
            } catch (Throwable t) {
                ready.completeExceptionally(t);
                sub.ended = true;
            }
        });
        sub.owner.start();
        await(ready);
        return sub;
    }

    private static <T> T await(CompletableFuture<T> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    switch (e.getCause()) {
                        case RuntimeException r -> throw r;
                        case Error r -> throw r;
                        default -> throw new dev.pyhost.api.PyHostException("sub-interpreter failed", e.getCause());
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The owner thread: runs its jobs until the interpreter ended. */
    private void serve() {
        while (!ended) {
            try {
                jobs.take().run();
            } catch (InterruptedException e) {
                // only close() ends the owner
            } catch (Throwable t) {
                System.getLogger(CPythonSubInterpreter.class.getName()).log(System.Logger.Level.ERROR,
                        "sub-interpreter job failed", t);
            }
        }
    }

    /** On the owner thread: creates the interpreter with a thread state of the main interpreter attached. */
    private void createOnOwner(StandardStreams streams) {
        Gil mainGate = runtime.objects().gil;
        MemorySegment ts = mainGate.call(() -> {
            ownerMainState = InterpreterNatives.current();
            if (runtime.lib().version().minor() >= 12) {
                return InterpreterNatives.newInterpreter(config);
            }
            MemorySegment legacy = InterpreterNatives.newLegacyInterpreter();
            if (legacy.address() == 0) {
                throw dev.pyhost.api.InitializationException.error("Py_NewInterpreter",
                        "CPython could not create a sub-interpreter");
            }
            return legacy;
        });
        // The main gate's call released the GIL with the new thread state saved: attach it again.
        ownerState = ts;
        CApi.PyEval_RestoreThread(ts);
        try {
            MemorySegment interp = InterpreterNatives.interpreterOf(ts);
            id = InterpreterNatives.id(interp);
            gil = new Gil(interp, CLOSED, false, mainGate);
            gil.owner(ts, owner);
            layer = new ObjectLayer(gil, true);
            main = CPythonScope.main(layer);
            stdio = StandardStreamsBridge.installLocked(layer, streams);
        } finally {
            CApi.PyEval_SaveThread();
        }
    }

    @Override
    public InterpreterKind kind() {
        return config.kind();
    }

    @Override
    public SubInterpreterConfig config() {
        return config;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public PythonVersion version() {
        return runtime.lib().version();
    }

    @Override
    ObjectLayer layer() {
        return layer;
    }

    @Override
    CPythonScope main() {
        return main;
    }

    @Override
    void checkOpen() {
        check();
    }

    @Override
    public RunOutcome runFile(Path file, List<String> argv) {
        return run("file", file.toAbsolutePath().toString(), argv);
    }

    @Override
    public RunOutcome runModule(String module, List<String> argv) {
        return run("module", Objects.requireNonNull(module, "module"), argv);
    }

    private RunOutcome run(String kind, String target, List<String> argv) {
        List<String> args = List.copyOf(Objects.requireNonNull(argv, "argv"));
        try {
            int code = layer.withGil(() -> layer.takeLocked(
                    layer.callHelperLocked("run_path_or_module", kind, target, args), Integer.class));
            return code == 0 ? new RunOutcome.Completed() : new RunOutcome.Exited(code);
        } catch (PythonException e) {
            return "KeyboardInterrupt".equals(e.typeName()) ? new RunOutcome.Interrupted(e) : new RunOutcome.Raised(e);
        }
    }

    @Override
    public boolean isOpen() {
        return !ended && !closing && leftRunning == null && gil != null && !gil.isClosed();
    }

    private void check() {
        if (!isOpen()) {
            throw new LifecycleException(CLOSED);
        }
    }

    @Override
    public int interrupt() {
        check();
        return gil.interrupts.interruptCalls();
    }

    @Override
    public SubInterpreter atExit(ExitHandler handler) {
        Objects.requireNonNull(handler, "handler");
        synchronized (handlers) {
            if (closing || ended) {
                throw new LifecycleException(CLOSED);
            }
            handlers.add(handler);
        }
        return this;
    }

    @Override
    public void close() {
        if (!end(closeBound)) {
            throw new LifecycleException("Sub-interpreter " + id + " was not ended: " + leftRunning
                    + "; it stays loaded until the process ends");
        }
    }

    /**
     * Ends the interpreter, within a bound: waits for the calls in flight (interrupting them half-way), joins its
     * non-daemon threads, then ends it on its owner thread. When Python code does not end, the interpreter is left
     * running (it refuses new calls) and this says no.
     *
     * @param bound the whole time allowed; {@code null}: no bound
     * @return whether it ended (or had ended before)
     */
    synchronized boolean end(Duration bound) {
        if (ended) {
            return true;
        }
        // After a previous attempt left it running, this one tries again: its threads may have ended since.
        gil.refuseInsideCall();
        closing = true;
        long start = System.nanoTime();
        long total = bound == null ? Long.MAX_VALUE : bound.toNanos();
        if (bound == null) {
            gil.close();
        } else if (!gil.drain(total)) {
            return leaveRunning("object-API calls still running on " + gil.interrupts.callersInFlight());
        }
        gil.interrupts.stop();
        gil.seal();
        Double seconds = bound == null ? null : Math.max(0, total - (System.nanoTime() - start)) / 1e9;
        CompletableFuture<String> done = new CompletableFuture<>();
        jobs.add(() -> {
            try {
                done.complete(endOnOwner(seconds));
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        String problem;
        if (bound == null) {
            problem = await(done);
        } else {
            try {
                problem = done.get(Math.max(1, total - (System.nanoTime() - start)) + 1_000_000_000L,
                        TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return leaveRunning("its exit callbacks did not return in time");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return leaveRunning("closing it was interrupted");
            } catch (ExecutionException e) {
                problem = "ending it failed: " + e.getCause();
            }
        }
        if (problem != null) {
            return leaveRunning(problem);
        }
        runtime.forget(this);
        runHandlers(leftRunning == null ? 0 : 1);
        return true;
    }

    private boolean leaveRunning(String what) {
        boolean first = leftRunning == null;
        leftRunning = what;
        if (!first) {
            return false;
        }
        // Not forgotten: the runtime cannot be finalized under an interpreter that still runs (CPython would end
        // it, a fatal error while its code runs), so finalization is given up as well.
        runtime.cancellation().abandonedSub("sub-interpreter " + id + ": " + what);
        System.getLogger(CPythonSubInterpreter.class.getName()).log(System.Logger.Level.WARNING,
                "Sub-interpreter {0} was not ended: {1}; it refuses new calls and stays loaded", id, what);
        runHandlers(1);
        return false;
    }

    /** On the owner thread: joins the interpreter's threads, then ends it; a reason when it cannot be ended. */
    private String endOnOwner(Double seconds) {
        CApi.PyEval_RestoreThread(ownerState);
        List<?> left;
        try {
            gil.deleteThreadStatesLocked();
            if (layer.py.dictItem(InterpreterNatives.modules(), "threading").address() == 0) {
                left = List.of(); // no Python thread without threading (and _thread alone is not joined by CPython)
            } else {
                MemorySegment r = layer.callLocked(layer.helperLocked("before_end_interpreter"),
                        new Object[] {seconds});
                left = r.address() == 0 ? List.of("(joining its threads failed: " + layer.errorLocked() + ")")
                        : layer.takeLocked(r, List.class);
            }
            while (left.isEmpty() && InterpreterNatives.threadStates(gil.interpreter()) > 1) {
                // a thread that was joined unlinks its thread state right after: wait for it
                CApi.PyEval_SaveThread();
                Thread.onSpinWait();
                CApi.PyEval_RestoreThread(ownerState);
            }
        } catch (RuntimeException e) {
            left = List.of("(" + e + ")");
        }
        if (!left.isEmpty()) {
            CApi.PyEval_SaveThread();
            return "Python threads still running: " + left;
        }
        layer.releaseAllLocked();
        InterpreterNatives.endInterpreter(ownerState);
        ended = true;
        if (config.kind() == InterpreterKind.SHARED_GIL && runtime.lib().version().minor() < 12) {
            // 3.10-3.11 end it with the shared GIL still held and no thread state current: take the owner's
            // main one back (a swap, which leaves the GIL alone there) and release the GIL with it.
            InterpreterNatives.swap(ownerMainState);
            CApi.PyEval_SaveThread();
        }
        if (stdio != null) {
            stdio.close();
        }
        return null;
    }

    private void runHandlers(int status) {
        List<ExitHandler> all;
        synchronized (handlers) {
            all = new ArrayList<>(handlers);
            handlers.clear();
        }
        ExitContext context = new SubExit(ExitStatus.of(status), runtimeConfig);
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                all.get(i).onExit(context);
            } catch (Exception | Error e) {
                System.getLogger(CPythonSubInterpreter.class.getName()).log(System.Logger.Level.WARNING,
                        "exit handler " + all.get(i).id() + " of sub-interpreter " + id + " failed", e);
            }
        }
    }

    /** What a sub-interpreter's exit handler is told. */
    private record SubExit(ExitStatus status, RuntimeConfig config) implements ExitContext {
        @Override
        public Optional<RunOutcome> outcome() {
            return Optional.empty();
        }

        @Override
        public Optional<Object> data() {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "SubInterpreter[id=" + id + ", " + config.kind() + (isOpen() ? "" : ", closed") + "]";
    }
}
