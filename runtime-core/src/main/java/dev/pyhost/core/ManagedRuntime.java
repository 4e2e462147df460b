package dev.pyhost.core;

import dev.pyhost.api.ExitStatus;
import dev.pyhost.api.Interpreter;
import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.backend.BackendRuntime;
import dev.pyhost.api.backend.RuntimeOptions;
import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.api.spi.ExitContext;
import dev.pyhost.api.spi.ExitHandler;
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
 * The {@link PythonRuntime} of the lifecycle manager: runs the main module once through {@link MainSequence},
 * finalizes the {@link BackendRuntime} exactly once, and runs the exit handlers on every way out.
 */
final class ManagedRuntime implements PythonRuntime {
    private static final String FINALIZED = "This Python runtime is finalized; start a new one";

    private final RuntimeConfig config;
    private final BackendRuntime runtime;
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

    ManagedRuntime(RuntimeOptions options, BackendRuntime runtime, Plugins<ExecutionMode> modes,
            Plugins<ExitHandler> discovered) {
        this.config = options.config();
        this.runtime = runtime;
        this.modes = modes;
        this.discovered = discovered;
        this.cwd = options.workingDirectory();
        this.handlerTimeout = options.exitHandlerTimeout();
        this.shutdownTimeout = options.finalizeTimeout();
        JvmShutdown onJvmShutdown = options.onJvmShutdown();
        if (onJvmShutdown == JvmShutdown.NOTHING) {
            shutdownHook = null;
        } else {
            shutdownHook = Thread.ofPlatform().name("pyhost-jvm-shutdown").unstarted(() -> onJvmShutdown(onJvmShutdown));
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    @Override
    public RuntimeConfig config() {
        return config;
    }

    @Override
    public PythonInstallation installation() {
        return runtime.installation();
    }

    @Override
    public Interpreter interpreter() {
        if (finalStatus != null) {
            throw new LifecycleException(FINALIZED);
        }
        return runtime.interpreter();
    }

    @Override
    public dev.pyhost.api.SubInterpreter newInterpreter(dev.pyhost.api.SubInterpreterConfig subConfig) {
        Objects.requireNonNull(subConfig, "config");
        if (finalStatus != null) {
            throw new LifecycleException(FINALIZED);
        }
        return runtime.newInterpreter(subConfig, config, shutdownTimeout);
    }

    @Override
    public PythonRuntime atExit(ExitHandler handler, Object data) {
        Objects.requireNonNull(handler, "handler");
        synchronized (registered) {
            if (finalStatus != null || handlersRan) {
                throw new LifecycleException(FINALIZED);
            }
            registered.add(new Registration(handler, data));
        }
        return this;
    }

    @Override
    public ExitStatus runMain() {
        synchronized (lock) {
            if (finalStatus != null) {
                throw new LifecycleException(FINALIZED);
            }
            if (mainRan) {
                throw new LifecycleException("The main module of this runtime already ran; runMain() runs it once");
            }
            mainRan = true;
        }
        MainSequence.Result result = MainSequence.run(config, runtime.settings(), runtime.interpreter(),
                runtime.steps(), modes, cwd);
        synchronized (lock) {
            outcome = result.outcome();
            bodyStatus = result.status();
        }
        return shutdown(null); // as Py_RunMain: Python waits for its non-daemon threads without a bound
    }

    @Override
    public ExitStatus shutdown() {
        return shutdown(null); // unbounded: a caller that bounds it itself (runtime-cdi) leaves running code alone
    }

    /** Finalizes once, within a bound ({@code null}: none), and composes the status. */
    private ExitStatus shutdown(Duration bound) {
        synchronized (lock) {
            if (finalStatus != null) {
                return finalStatus;
            }
            boolean interrupted = mainRan && runtime.steps().unhandledKeyboardInterrupt();
            ExitStatus soFar = interrupted ? new ExitStatus(130, true) : ExitStatus.of(bodyStatus);
            int fin = bound == null ? runtime.finalizeRuntime(() -> runExitHandlers(soFar))
                    : runtime.finalizeRuntime(() -> runExitHandlers(soFar), bound);
            // Py_RunMain reads the flag after Py_FinalizeEx: atexit functions may have changed it.
            interrupted = mainRan && runtime.steps().unhandledKeyboardInterrupt();
            finalStatus = interrupted ? new ExitStatus(130, true) : ExitStatus.of(fin < 0 ? 120 : bodyStatus);
            removeShutdownHook();
            return finalStatus;
        }
    }

    @Override
    public void abandon(ExitStatus status) {
        removeShutdownHook();
        runExitHandlers(status);
    }

    private void removeShutdownHook() {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                Log.LOG.log(System.Logger.Level.DEBUG, "JVM already shutting down");
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
        // Not the bounded shutdown of close(): at JVM shutdown, running Python code is left alone (not interrupted),
        // and the exit handlers run without finalization if it does not end in time.
        CompletableFuture<ExitStatus> done = CompletableFuture.supplyAsync(() -> shutdown(null),
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
            ExitContext context = new Exit(Optional.ofNullable(outcome), status, config, Optional.ofNullable(r.data()));
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

    @Override
    public void close() {
        shutdown(shutdownTimeout);
        runtime.close();
    }

    @Override
    public List<String> abandoned() {
        return runtime.abandoned();
    }

    private record Exit(Optional<RunOutcome> outcome, ExitStatus status, RuntimeConfig config,
            Optional<Object> data) implements ExitContext {
    }

    /** Holds the logger, created on first use: creating one starts the JDK's logging back end. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(ManagedRuntime.class.getName());
    }
}
