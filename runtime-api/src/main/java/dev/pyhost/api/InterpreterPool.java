package dev.pyhost.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A fixed set of interpreters that Java code submits Python work to, from any thread (virtual threads included):
 * each interpreter has one platform worker thread, which takes the next task from a bounded queue and runs it
 * against its interpreter. With {@link SubInterpreterConfig#isolated()} (the default on CPython 3.12+), each
 * interpreter has its own GIL, so N workers run pure-Python code in parallel on N cores.
 *
 * <pre>{@code
 * try (InterpreterPool pool = InterpreterPool.builder(runtime).size(2)
 *         .initialization("def work(n):\n    return sum(i * i for i in range(n))").build()) {
 *     CompletableFuture<Object> a = pool.submit(python -> python.call("work", 1_000_000));
 *     Object b = pool.call(python -> python.call("work", 1_000_000)); // both run at once on 3.12+
 * }
 * }</pre>
 *
 * <p><b>Back-pressure.</b> At most {@linkplain Builder#queueCapacity(int) queue capacity} tasks wait; {@link #submit}
 * blocks while the queue is full. <b>Reuse.</b> Interpreters live as long as the pool: a task finds the globals
 * the initialization code and earlier tasks left in that interpreter's {@code __main__}. <b>Compatibility.</b>
 * {@link Builder#requires(String...)} names modules the tasks import; each is first imported in a throwaway
 * interpreter of the configured kind ({@link #probe}). When one refuses sub-interpreters (numpy, PyO3-based modules
 * raise {@code ImportError} there), the pool falls back to {@linkplain Builder#fallback(InterpreterKind) its fallback
 * kind}, the main interpreter by default, and says so in {@link #fallbackReason()} and a WARNING log record.
 * <b>Closing</b> stops new submissions, lets the queued tasks run, then closes the interpreters; idempotent.
 */
public final class InterpreterPool implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(InterpreterPool.class.getName());
    private static final Runnable STOP = () -> { };

    /**
     * Python work for one interpreter of the pool.
     *
     * @param <T> its result
     */
    @FunctionalInterface
    public interface Task<T> {
        /**
         * Runs on a worker thread of the pool.
         *
         * @param interpreter the worker's interpreter
         * @return the result
         * @throws Exception anything; it completes the task's future exceptionally
         */
        T run(Interpreter interpreter) throws Exception;
    }

    private final PythonRuntime runtime;
    private final InterpreterKind kind;
    private final String fallbackReason;
    private final BlockingQueue<Runnable> queue;
    private final List<Thread> workers = new ArrayList<>();
    private final List<SubInterpreter> interpreters = new ArrayList<>();
    private final Object lock = new Object();
    private volatile boolean closed;

    private InterpreterPool(Builder b) {
        this.runtime = b.runtime;
        InterpreterKind chosen = b.main ? InterpreterKind.MAIN : b.config.kind();
        String reason = null;
        for (String module : b.main ? List.<String>of() : b.requires) {
            Optional<String> refused = probe(runtime, b.config, module);
            if (refused.isPresent()) {
                reason = "module '" + module + "' cannot be imported in a " + b.config.kind()
                        + " sub-interpreter (" + refused.get() + "); the pool uses " + b.fallback + " instead";
                chosen = b.fallback;
                break;
            }
        }
        this.kind = chosen;
        this.fallbackReason = reason;
        if (reason != null) {
            LOG.log(System.Logger.Level.WARNING, reason);
        }
        this.queue = new ArrayBlockingQueue<>(b.queueCapacity);
        SubInterpreterConfig config = switch (chosen) {
            case ISOLATED -> b.config;
            case SHARED_GIL -> b.config.kind() == InterpreterKind.SHARED_GIL ? b.config : SubInterpreterConfig.sharedGil();
            case MAIN -> null;
        };
        try {
            for (int i = 0; i < b.size; i++) {
                Interpreter python;
                if (config == null) {
                    python = runtime.interpreter();
                    if (i == 0 && b.initialization != null) {
                        python.exec(b.initialization);
                    }
                } else {
                    SubInterpreter sub = runtime.newInterpreter(config);
                    interpreters.add(sub);
                    if (b.initialization != null) {
                        sub.exec(b.initialization);
                    }
                    python = sub;
                }
                Interpreter mine = python;
                workers.add(Thread.ofPlatform().daemon(true).name("pyhost-pool-" + i).start(() -> work(mine)));
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /**
     * {@return a builder of a pool of interpreters of a runtime}
     *
     * @param runtime the runtime, started
     */
    public static Builder builder(PythonRuntime runtime) {
        return new Builder(Objects.requireNonNull(runtime, "runtime"));
    }

    /**
     * Tells whether a module can be imported in an interpreter of a given configuration, by importing it in a
     * throwaway one, once per runtime, configuration and module (the answer is kept: CPython 3.12.1 itself frees
     * memory twice when a second isolated interpreter is refused the same single-phase extension module, which
     * ends the process; python3.12 alone does it too).
     *
     * @param runtime the runtime
     * @param config the configuration to try
     * @param module the module
     * @return empty when it imports there, else why not (the {@code ImportError}'s message)
     * @throws ConfigurationException when the module does not exist at all
     */
    public static Optional<String> probe(PythonRuntime runtime, SubInterpreterConfig config, String module) {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(config, "config");
        String key = config + "/" + module;
        Map<String, Optional<String>> known;
        synchronized (PROBED) {
            known = PROBED.computeIfAbsent(Objects.requireNonNull(runtime, "runtime"), r -> new HashMap<>());
        }
        synchronized (known) {
            Optional<String> answer = known.get(key);
            if (answer == null) {
                answer = probeNow(runtime, config, module);
                known.put(key, answer);
            }
            return answer;
        }
    }

    /** Probe results per runtime: a module is imported in a throwaway interpreter once per runtime and kind. */
    private static final Map<PythonRuntime, Map<String, Optional<String>>> PROBED = new WeakHashMap<>();

    private static Optional<String> probeNow(PythonRuntime runtime, SubInterpreterConfig config, String module) {
        try (SubInterpreter trial = runtime.newInterpreter(config)) {
            trial.importModule(module).close();
            return Optional.empty();
        } catch (PythonException e) {
            if ("ModuleNotFoundError".equals(e.typeName()) && e.pythonMessage().contains("'" + module + "'")) {
                throw new ConfigurationException("requires", "No module named '" + module + "' in this runtime");
            }
            if (e.typeName().endsWith("ImportError") || e.typeName().endsWith("ModuleNotFoundError")) {
                String message = e.pythonMessage().strip();
                int newline = message.indexOf('\n');
                return Optional.of(e.typeName() + ": " + (newline < 0 ? message : message.substring(0, newline)));
            }
            throw e;
        }
    }

    private void work(Interpreter python) {
        CURRENT.set(python);
        while (true) {
            Runnable next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                continue; // only STOP ends a worker
            }
            if (next == STOP) {
                return;
            }
            next.run();
        }
    }

    /**
     * Queues a task, waiting while the queue is full.
     *
     * @param task the task
     * @param <T> its result
     * @return its future; {@link CompletableFuture#cancel} before it started keeps it from running
     * @throws LifecycleException once the pool is closed
     * @throws CancellationException when the calling thread is interrupted while it waits for room
     */
    public <T> CompletableFuture<T> submit(Task<T> task) {
        Objects.requireNonNull(task, "task");
        CompletableFuture<T> future = new CompletableFuture<>();
        Runnable job = new Job<>(task, future);
        synchronized (lock) {
            if (closed) {
                throw new LifecycleException("This InterpreterPool is closed");
            }
        }
        try {
            while (!queue.offer(job, 50, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new LifecycleException("This InterpreterPool is closed");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for room in the pool's queue");
        }
        return future;
    }

    /**
     * Runs a task in the pool and waits for its result.
     *
     * @param task the task
     * @param <T> its result
     * @return its result
     * @throws PythonException (or any other unchecked exception) what the task threw
     * @throws CompletionException wrapping a checked exception the task threw
     */
    public <T> T call(Task<T> task) {
        try {
            return submit(task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for a pool task");
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case RuntimeException r -> throw r;
                case Error r -> throw r;
                default -> throw new CompletionException(e.getCause());
            }
        }
    }

    /** One queued task and its future. */
    private record Job<T>(Task<T> task, CompletableFuture<T> future) implements Runnable {
        @Override
        public void run() {
            if (future.isDone()) {
                return;
            }
            Interpreter python = CURRENT.get();
            try {
                future.complete(task.run(python));
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        }
    }

    private static final ThreadLocal<Interpreter> CURRENT = new ThreadLocal<>();

    /** {@return the kind of interpreter the tasks run in, after any fallback} */
    public InterpreterKind kind() {
        return kind;
    }

    /** {@return why the pool does not use the configured kind, when it fell back} */
    public Optional<String> fallbackReason() {
        return Optional.ofNullable(fallbackReason);
    }

    /** {@return the number of workers} */
    public int size() {
        return workers.size();
    }

    /** {@return whether it accepts tasks} */
    public boolean isOpen() {
        return !closed;
    }

    /**
     * Stops accepting tasks, lets the queued ones run, then closes the pool's sub-interpreters. Idempotent.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        boolean interrupted = false;
        for (int i = 0; i < workers.size(); i++) {
            while (true) {
                try {
                    queue.put(STOP);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        for (Thread w : workers) {
            while (w.isAlive()) {
                try {
                    w.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        // A submitter that was waiting for room may have queued a task behind the workers' stop marks.
        Runnable late;
        while ((late = queue.poll()) != null) {
            if (late instanceof Job<?> job) {
                job.future().completeExceptionally(new LifecycleException("This InterpreterPool was closed before "
                        + "the task ran"));
            }
        }
        RuntimeException failure = null;
        for (SubInterpreter sub : interpreters) {
            try {
                sub.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Configures an {@link InterpreterPool}. */
    public static final class Builder {
        private final PythonRuntime runtime;
        private int size = Math.max(1, Runtime.getRuntime().availableProcessors());
        private SubInterpreterConfig config;
        private String initialization;
        private final List<String> requires = new ArrayList<>();
        private InterpreterKind fallback = InterpreterKind.MAIN;
        private int queueCapacity = 1024;
        private boolean main;

        private Builder(PythonRuntime runtime) {
            this.runtime = runtime;
            this.config = InterpreterKind.ISOLATED.supportedOn(runtime.interpreter().version())
                    ? SubInterpreterConfig.isolated() : SubInterpreterConfig.sharedGil();
        }

        /**
         * Sets the number of interpreters and workers (the number of processors by default).
         *
         * @param size at least 1
         * @return this builder
         */
        public Builder size(int size) {
            if (size < 1) {
                throw new ConfigurationException("size", "A pool needs at least one interpreter, not " + size);
            }
            this.size = size;
            return this;
        }

        /**
         * Sets the interpreters' configuration ({@link SubInterpreterConfig#isolated()} on 3.12+, else
         * {@link SubInterpreterConfig#sharedGil()}, by default).
         *
         * @param config the configuration
         * @return this builder
         */
        public Builder config(SubInterpreterConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Sets Python code run once in each interpreter when the pool starts (imports, function definitions).
         *
         * @param source the code
         * @return this builder
         */
        public Builder initialization(String source) {
            this.initialization = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * Names modules the tasks need; each is probed in the configured kind first.
         *
         * @param modules the modules
         * @return this builder
         */
        public Builder requires(String... modules) {
            for (String m : modules) {
                requires.add(Objects.requireNonNull(m, "module"));
            }
            return this;
        }

        /**
         * Sets the kind used when a required module refuses the configured one: {@link InterpreterKind#MAIN} (the
         * default: every extension loads there; the workers then take turns on the main GIL) or
         * {@link InterpreterKind#SHARED_GIL} (for modules that refuse only an own GIL).
         *
         * @param kind the fallback
         * @return this builder
         */
        public Builder fallback(InterpreterKind kind) {
            if (Objects.requireNonNull(kind, "kind") == InterpreterKind.ISOLATED) {
                throw new ConfigurationException("fallback", "The fallback is SHARED_GIL or MAIN, not ISOLATED");
            }
            this.fallback = kind;
            return this;
        }

        /**
         * Runs every worker on the main interpreter instead of sub-interpreters (no probe): for code that needs
         * extensions which refuse sub-interpreters, or as the one-GIL baseline. The workers then take turns on the
         * main GIL.
         *
         * @return this builder
         */
        public Builder onMainInterpreter() {
            this.main = true;
            return this;
        }

        /**
         * Sets how many tasks may wait (1,024 by default); {@link InterpreterPool#submit} blocks beyond.
         *
         * @param capacity at least 1
         * @return this builder
         */
        public Builder queueCapacity(int capacity) {
            if (capacity < 1) {
                throw new ConfigurationException("queueCapacity", "A queue capacity must be positive, not " + capacity);
            }
            this.queueCapacity = capacity;
            return this;
        }

        /**
         * Probes the required modules, creates the interpreters, runs the initialization code in each and starts
         * the workers.
         *
         * @return the pool, which the caller closes
         * @throws ConfigurationException when the configuration is invalid for the runtime, or a required module
         *     does not exist
         * @throws PythonException when the initialization code raised
         */
        public InterpreterPool build() {
            if (!main) {
                config.validate(runtime.interpreter().version());
            }
            return new InterpreterPool(this);
        }
    }
}
