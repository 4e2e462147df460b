package dev.pyhost.cdi;

import dev.pyhost.api.ExitStatus;
import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.spi.BuiltinPlugins;
import dev.pyhost.api.spi.ExitContext;
import dev.pyhost.api.spi.ExitHandler;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Owns one runtime of a container: starts it on first use (or with the container), counts the calls running
 * through the container's beans, fires the lifecycle events, and tears it down in an order CDI does not give:
 * <ol>
 * <li>{@link RuntimeFinalizing} to synchronous observers (which may still use Python), asynchronous ones awaited
 *     within the bound;</li>
 * <li>new calls refused; calls already running waited for, within the bound ({@code shutdown-timeout});</li>
 * <li>CPython finalized (Python's {@code atexit}, then every exit handler once, {@link RuntimeExited} among them),
 *     within the bound; when running code or finalization overruns it, the exit handlers run without finalizing
 *     (as PyHost does at JVM shutdown) and the runtime finalizes whenever that code returns;</li>
 * <li>the instances of {@code @Dependent} plug-in beans destroyed.</li>
 * </ol>
 * This happens at the container's {@code Shutdown} event, before any application-scoped bean is destroyed, so
 * plug-in beans and what they inject are alive while the exit handlers run.
 */
final class RuntimeHandle {
    private static final System.Logger LOG = System.getLogger(RuntimeHandle.class.getName());
    /** The runtime of any container that is running now: one CPython runs in a process at a time. */
    private static final AtomicReference<RuntimeHandle> RUNNING = new AtomicReference<>();
    /** The id of the exit handler that fires {@link RuntimeExited}. */
    static final String EVENTS_HANDLER_ID = "pyhost-cdi-events";

    private final String name;
    private final RuntimeSpec spec;
    private final BeanManager manager;
    private final Supplier<RuntimeConfig> configBean;
    private final PyRuntime qualifier;
    private final Object lock = new Object();
    private final Object teardown = new Object();
    private final InterpreterBean interpreter = new InterpreterBean(this);
    private final RuntimeBean bean = new RuntimeBean(this);
    private PythonRuntime runtime;
    private BeanPlugins plugins;
    private int running;
    private boolean refusing;
    private boolean finished;
    private boolean finishing;
    private ExitStatus finalStatus;
    private volatile Optional<RunOutcome> mainOutcome = Optional.empty();

    RuntimeHandle(String name, RuntimeSpec spec, BeanManager manager, Supplier<RuntimeConfig> configBean) {
        this.name = name;
        this.spec = spec;
        this.manager = manager;
        this.configBean = configBean;
        this.qualifier = PyRuntime.Literal.of(name);
    }

    String name() {
        return name;
    }

    RuntimeSpec spec() {
        return spec;
    }

    /** {@return the {@link PythonRuntime} bean} */
    PythonRuntime bean() {
        return bean;
    }

    /** {@return the {@link dev.pyhost.api.Interpreter} bean} */
    InterpreterBean interpreter() {
        return interpreter;
    }

    /** {@return the configuration: the started runtime's, else the {@code RuntimeConfig} bean's, without starting} */
    RuntimeConfig config() {
        synchronized (lock) {
            if (runtime != null) {
                return runtime.config();
            }
        }
        return configBean.get();
    }

    /** {@return the runtime, started if it was not} */
    PythonRuntime started() {
        synchronized (lock) {
            checkUsable();
            return startIfNeeded();
        }
    }

    /** {@return the runtime if it has started, without starting it} */
    Optional<PythonRuntime> current() {
        synchronized (lock) {
            return Optional.ofNullable(runtime);
        }
    }

    /** {@return whether calls are still accepted} */
    boolean accepting() {
        synchronized (lock) {
            return !refusing && !finished;
        }
    }

    /**
     * Begins a call through a bean: starts the runtime if needed and counts the call as running.
     *
     * @return the runtime
     * @throws LifecycleException when the runtime is shutting down or finalized
     */
    PythonRuntime enter() {
        synchronized (lock) {
            checkUsable();
            PythonRuntime rt = startIfNeeded();
            running++;
            lock.notifyAll();
            return rt;
        }
    }

    /**
     * Waits until a call runs through the beans (for tests of shutdown while Python code runs).
     *
     * @param timeout how long to wait at most
     * @return whether a call is running
     * @throws InterruptedException when interrupted
     */
    boolean awaitRunningCall(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (running == 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /** Ends a call begun with {@link #enter()}. */
    void exit() {
        synchronized (lock) {
            running--;
            if (running == 0) {
                lock.notifyAll();
            }
        }
    }

    private void checkUsable() {
        if (finished) {
            throw new LifecycleException("The PyHost runtime '" + name + "' is finalized; a finalized runtime does "
                    + "not start again in the same container");
        }
        if (refusing) {
            throw new LifecycleException("The PyHost runtime '" + name + "' is shutting down and accepts no new calls");
        }
    }

    /** Starts the runtime (the caller holds {@link #lock}). */
    private PythonRuntime startIfNeeded() {
        if (runtime != null) {
            return runtime;
        }
        RuntimeHandle other = RUNNING.get();
        if (other != null && other != this) {
            throw new LifecycleException("The PyHost runtime '" + name + "' cannot start while the runtime '"
                    + other.name + "' of a CDI container is running: one CPython runs in a process at a time. "
                    + "Close that one first (close() on its PythonRuntime bean), or use it instead.");
        }
        long begin = System.nanoTime();
        PythonRuntime.Builder builder = PythonRuntime.builder(configBean.get())
                .onJvmShutdown(spec.onJvmShutdown())
                .timeouts(spec.exitHandlerTimeout(), spec.shutdownTimeout());
        if (!spec.discovery()) {
            // plug-ins only: the CPython binding itself is an interpreter provider found through ServiceLoader
            builder.discoverExecutionModes(false).discoverInstallationLocators(false).discoverExitHandlers(false);
        }
        BeanPlugins beans = BeanPlugins.addTo(manager, name, builder);
        builder.exitHandler(new EventsHandler());
        PythonRuntime rt;
        try {
            rt = builder.start();
        } catch (RuntimeException | Error e) {
            beans.destroy();
            throw e;
        }
        RUNNING.set(this);
        runtime = rt;
        plugins = beans;
        LOG.log(System.Logger.Level.DEBUG, "PyHost runtime ''{0}'' started in {1} ms: {2}", name,
                (System.nanoTime() - begin) / 1_000_000, rt.installation());
        fire(RuntimeStarted.class, new RuntimeStarted(name, rt.installation().version(), rt.installation()));
        return rt;
    }

    /**
     * Finalizes in the order described on this class; idempotent, and a runtime never started is only marked
     * finalized.
     *
     * @return the exit status
     */
    ExitStatus finish() {
        synchronized (teardown) {
            if (finishing) {
                // close() from a RuntimeFinalizing observer, on the thread that is finalizing: it is under way
                return ExitStatus.of(0);
            }
            PythonRuntime rt;
            synchronized (lock) {
                if (finished) {
                    return finalStatus;
                }
                rt = runtime;
                if (rt == null) {
                    refusing = true;
                    return finished(ExitStatus.of(0));
                }
            }
            Supplier<Long> deadline = deadlineIn(spec.shutdownTimeout().toNanos());
            finishing = true;
            try {
                fireQuietly(RuntimeFinalizing.class, new RuntimeFinalizing(name, interpreter), deadline.get());
            } finally {
                finishing = false;
            }
            boolean idle;
            synchronized (lock) {
                refusing = true;
                idle = awaitIdle(deadline.get());
            }
            ExitStatus status;
            if (!idle) {
                System.err.println("pyhost: Python code is still running in the runtime '" + name + "' after "
                        + spec.shutdownTimeout().toMillis() + " ms (" + spec.prefix() + "shutdown-timeout); running "
                        + "its exit handlers without finalizing CPython, which finalizes when that code returns");
                status = ExitStatus.of(0);
                rt.abandon(status);
                // shutdown(), not the bounded close(): it waits for that code to return instead of interrupting it.
                Thread.ofPlatform().daemon(true).name("pyhost-cdi-finalize-" + name).start(() -> rt.shutdown());
            } else {
                status = finalizeWithin(rt, deadlineIn(spec.shutdownTimeout().toNanos()).get());
            }
            synchronized (lock) {
                return finished(status);
            }
        }
    }

    /** Records the end (the caller holds {@link #lock}). */
    private ExitStatus finished(ExitStatus status) {
        finished = true;
        refusing = true;
        finalStatus = status;
        lock.notifyAll();
        if (plugins != null) {
            plugins.destroy();
        }
        RUNNING.compareAndSet(this, null);
        return status;
    }

    /**
     * Records that {@code runMain()} finalized the runtime by itself.
     *
     * @param status the status it returned
     */
    void finishedByRunMain(ExitStatus status) {
        synchronized (lock) {
            if (!finished) {
                finished(status);
            }
        }
    }

    /** {@return how the main code ended, as the exit handlers were told} */
    Optional<RunOutcome> mainOutcome() {
        return mainOutcome;
    }

    private static Supplier<Long> deadlineIn(long nanos) {
        long at = System.nanoTime() + nanos;
        return () -> at;
    }

    /** Waits until no call runs, or the deadline (the caller holds {@link #lock}). */
    private boolean awaitIdle(long deadline) {
        while (running > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private ExitStatus finalizeWithin(PythonRuntime rt, long deadline) {
        CompletableFuture<ExitStatus> done = new CompletableFuture<>();
        Thread.ofPlatform().daemon(true).name("pyhost-cdi-finalize-" + name).start(() -> {
            try {
                done.complete(rt.shutdown());
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        try {
            return done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            System.err.println("pyhost: the runtime '" + name + "' did not finalize within "
                    + spec.shutdownTimeout().toMillis() + " ms (" + spec.prefix() + "shutdown-timeout); running its "
                    + "exit handlers without it");
        } catch (ExecutionException e) {
            LOG.log(System.Logger.Level.ERROR, "finalizing the PyHost runtime '" + name + "' failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ExitStatus status = ExitStatus.of(0);
        rt.abandon(status);
        return status;
    }

    /** Fires to synchronous observers (their exceptions reach the caller), then to asynchronous ones. */
    <E> void fire(Class<E> type, E event) {
        Event<E> e = manager.getEvent().select(type, qualifier);
        e.fire(event);
        e.fireAsync(event).exceptionally(t -> {
            LOG.log(System.Logger.Level.WARNING, "an asynchronous observer of " + type.getSimpleName() + " failed", t);
            return null;
        });
    }

    /**
     * Fires during teardown: an observer's exception is reported and ignored, and asynchronous observers are
     * awaited until the deadline.
     */
    private <E> void fireQuietly(Class<E> type, E event, long deadline) {
        Event<E> e = manager.getEvent().select(type, qualifier);
        try {
            e.fire(event);
        } catch (RuntimeException t) {
            LOG.log(System.Logger.Level.WARNING, "an observer of " + type.getSimpleName() + " for the PyHost runtime '"
                    + name + "' failed; shutdown goes on", t);
        }
        CompletionStage<E> async = e.fireAsync(event);
        try {
            async.toCompletableFuture().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException t) {
            LOG.log(System.Logger.Level.WARNING, "asynchronous observers of " + type.getSimpleName()
                    + " did not finish in time; shutdown goes on");
        } catch (ExecutionException t) {
            LOG.log(System.Logger.Level.WARNING, "an asynchronous observer of " + type.getSimpleName() + " failed",
                    t.getCause());
        } catch (InterruptedException t) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fires {@link RuntimeExited}: the last exit handler but PyHost's {@code flush-java-stdio}. */
    private final class EventsHandler implements ExitHandler {
        @Override
        public String id() {
            return EVENTS_HANDLER_ID;
        }

        @Override
        public int order() {
            return BuiltinPlugins.FLUSH_JAVA_STDIO_HANDLER_ORDER - 1;
        }

        @Override
        public void onExit(ExitContext context) {
            mainOutcome = context.outcome();
            fireQuietly(RuntimeExited.class, new RuntimeExited(name, context.status(), context.outcome()),
                    System.nanoTime() + spec.exitHandlerTimeout().toNanos());
        }
    }
}
