package dev.pyhost.core;

import dev.pyhost.api.ExitStatus;
import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.api.spi.ExitContext;
import dev.pyhost.api.spi.ExitHandler;
import dev.pyhost.api.spi.LaunchSettings;
import dev.pyhost.api.spi.NativeRuntime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One started CPython runtime: run its main module once ({@link #runMain()}), use its {@link #interpreter()},
 * and finalize it exactly once ({@link #shutdown()} or {@link #close()}, both idempotent). Exit handlers run at
 * finalization, after Python's {@code atexit} callbacks, on every way out (see {@link ExitHandler}).
 */
public final class PythonRuntime implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PythonRuntime.class.getName());

    /** What a JVM shutdown (another thread's {@code System.exit}, {@code SIGTERM}) does to a running runtime. */
    public enum JvmShutdown {
        /**
         * Finalize Python (its {@code atexit} callbacks run) within the shutdown timeout, then the exit handlers;
         * when Python code is still running and does not finish in time, run the exit handlers without it.
         */
        FINALIZE,
        /** Run the exit handlers only, as a process killed by a signal never finalizes Python. */
        EXIT_HANDLERS_ONLY,
        /** Do nothing. */
        NOTHING
    }

    private final RuntimeConfig config;
    private final NativeRuntime runtime;
    private final Plugins<ExecutionMode> modes;
    private final Plugins<ExitHandler> discovered;
    private final Path cwd;
    private final Duration handlerTimeout;
    private final Duration shutdownTimeout;
    private final Object lock = new Object();
    private final List<Registration> registered = new ArrayList<>();
    private final Thread shutdownHook;
    private RunOutcome outcome;
    private int bodyStatus;
    private boolean mainRan;
    private volatile boolean handlersRan;
    private volatile ExitStatus finalStatus;

    private record Registration(ExitHandler handler, Object data) {
    }

    PythonRuntime(RuntimeConfig config, NativeRuntime runtime, Plugins<ExecutionMode> modes,
            Plugins<ExitHandler> discovered, Path cwd, JvmShutdown onJvmShutdown, Duration handlerTimeout,
            Duration shutdownTimeout) {
        this.config = config;
        this.runtime = runtime;
        this.modes = modes;
        this.discovered = discovered;
        this.cwd = cwd;
        this.handlerTimeout = handlerTimeout;
        this.shutdownTimeout = shutdownTimeout;
        if (onJvmShutdown == JvmShutdown.NOTHING) {
            shutdownHook = null;
        } else {
            shutdownHook = Thread.ofPlatform().name("pyhost-jvm-shutdown").unstarted(() -> onJvmShutdown(onJvmShutdown));
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /** {@return the configuration this runtime started with} */
    public RuntimeConfig config() {
        return config;
    }

    /** {@return the installation it runs on} */
    public PythonInstallation installation() {
        return runtime.installation();
    }

    /** {@return the settings CPython resolved (after parsing the command line and the environment)} */
    public LaunchSettings settings() {
        return runtime.settings();
    }

    /** {@return the interpreter, usable until the runtime is finalized} */
    public Interpreter interpreter() {
        return runtime.interpreter();
    }

    /**
     * Registers an exit handler for this runtime. Handlers registered here run in reverse registration order,
     * before the discovered ones.
     *
     * @param handler the handler
     * @param data what the handler finds in {@link ExitContext#data()} (the analogue of C's {@code void *data})
     * @return this runtime
     * @throws IllegalStateException once the runtime is finalized
     */
    public PythonRuntime atExit(ExitHandler handler, Object data) {
        Objects.requireNonNull(handler, "handler");
        synchronized (registered) {
            if (finalStatus != null || handlersRan) {
                throw new IllegalStateException("This Python runtime is already finalized");
            }
            registered.add(new Registration(handler, data));
        }
        return this;
    }

    /**
     * Runs the main module as {@code Py_RunMain} does, then finalizes: the configured command, module, file or
     * standard input, the inspect-mode REPL when it applies, then {@code Py_FinalizeEx} and the exit handlers.
     *
     * @return the exit status, composed as CPython composes it
     * @throws IllegalStateException when the main module already ran or the runtime is finalized
     */
    public ExitStatus runMain() {
        synchronized (lock) {
            if (finalStatus != null) {
                throw new IllegalStateException("This Python runtime is already finalized");
            }
            if (mainRan) {
                throw new IllegalStateException("The main module of this runtime already ran");
            }
            mainRan = true;
        }
        MainSequence.Result result = MainSequence.run(config, runtime.settings(), runtime.interpreter(),
                runtime.runner(), modes, cwd);
        synchronized (lock) {
            outcome = result.outcome();
            bodyStatus = result.status();
        }
        return shutdown();
    }

    /**
     * Finalizes CPython if that has not happened yet, runs the exit handlers, and composes the exit status:
     * 120 when flushing standard streams failed, death by {@code SIGINT} after an unhandled
     * {@code KeyboardInterrupt}, else the status of the main code (0 when none ran).
     *
     * @return the exit status; the same one on every call
     */
    public ExitStatus shutdown() {
        synchronized (lock) {
            if (finalStatus != null) {
                return finalStatus;
            }
            boolean interrupted = mainRan && runtime.runner().unhandledKeyboardInterrupt();
            ExitStatus soFar = interrupted ? new ExitStatus(130, true) : ExitStatus.of(bodyStatus);
            int fin = runtime.finalizeRuntime(() -> runExitHandlers(soFar));
            finalStatus = interrupted ? soFar : ExitStatus.of(fin < 0 ? 120 : bodyStatus);
            removeShutdownHook();
            return finalStatus;
        }
    }

    /**
     * Runs the exit handlers without finalizing Python, for a process about to die by a signal (CPython never
     * finalizes then). Later calls, and a later {@link #shutdown()}, run no handler again.
     *
     * @param status the status the process is about to end with
     */
    public void abandon(ExitStatus status) {
        removeShutdownHook();
        runExitHandlers(status);
    }

    private void removeShutdownHook() {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                LOG.log(System.Logger.Level.DEBUG, "JVM already shutting down");
            }
        }
    }

    private void onJvmShutdown(JvmShutdown mode) {
        if (finalStatus != null) {
            return;
        }
        if (mode == JvmShutdown.EXIT_HANDLERS_ONLY) {
            runExitHandlers(ExitStatus.of(bodyStatus));
            return;
        }
        CompletableFuture<ExitStatus> done = CompletableFuture.supplyAsync(this::shutdown,
                r -> Thread.ofPlatform().daemon(true).name("pyhost-finalize").start(r));
        try {
            done.get(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            System.err.println("pyhost: the JVM is shutting down but Python did not finalize within "
                    + shutdownTimeout.toMillis() + " ms" + (runtime.busy() ? " (Python code is still running)" : "")
                    + "; running the exit handlers without it");
            runExitHandlers(ExitStatus.of(bodyStatus));
        } catch (ExecutionException | InterruptedException e) {
            System.err.println("pyhost: finalizing Python at JVM shutdown failed: " + e);
            runExitHandlers(ExitStatus.of(bodyStatus));
        }
    }

    /** Runs every handler once: registered ones last-first, then discovered ones by order; each bounded. */
    private void runExitHandlers(ExitStatus status) {
        List<Registration> order = new ArrayList<>();
        synchronized (registered) {
            if (handlersRan) {
                return;
            }
            handlersRan = true;
            order.addAll(registered.reversed());
        }
        for (ExitHandler h : discovered.ordered()) {
            order.add(new Registration(h, null));
        }
        for (Registration r : order) {
            ExitContext context = new Exit(0, Optional.ofNullable(outcome), status, config, Optional.ofNullable(r.data()));
            Thread worker = Thread.ofPlatform().daemon(true).name("pyhost-exit-" + r.handler().id()).unstarted(() -> {
                try {
                    r.handler().onExit(context);
                } catch (Throwable t) {
                    StringWriter trace = new StringWriter();
                    t.printStackTrace(new PrintWriter(trace));
                    System.err.print("Exception ignored in exit handler '" + r.handler().id() + "':\n" + trace);
                    System.err.flush();
                }
            });
            worker.start();
            try {
                if (!worker.join(handlerTimeout)) {
                    System.err.println("pyhost: exit handler '" + r.handler().id() + "' did not finish within "
                            + handlerTimeout.toMillis() + " ms; continuing without it");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Finalizes if needed; idempotent. */
    @Override
    public void close() {
        shutdown();
        runtime.close();
    }

    private record Exit(long interpreterId, Optional<RunOutcome> outcome, ExitStatus status, RuntimeConfig config,
            Optional<Object> data) implements ExitContext {
    }
}
