package dev.pyhost.testkit.contract;

import static org.junit.jupiter.api.Assertions.fail;

import dev.pyhost.api.ExitStatus;
import dev.pyhost.api.ProviderException;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.spi.BuiltinPlugins;
import dev.pyhost.api.spi.ExitContext;
import dev.pyhost.api.spi.ExitHandler;
import dev.pyhost.testkit.PyHostExtension;
import dev.pyhost.testkit.PyHostTest;
import dev.pyhost.testkit.PythonRuntimes;
import dev.pyhost.testkit.internal.Capture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * The contract of {@link ExitHandler}, as tests that a handler runs against itself: extend this class in a test
 * class, say how to make the handler (and, best, how to count what it did), and every rule of the SPI becomes a
 * test.
 *
 * <pre>{@code
 * class AuditExitContractTest extends ExitHandlerContract<AuditExit> {
 *     protected AuditExit createHandler() { return new AuditExit(); }
 *     protected OptionalLong timesRun(AuditExit handler) { return OptionalLong.of(handler.recorded().size()); }
 * }
 * }</pre>
 *
 * <p>The handler is given to real runtimes on the kit's CPython ({@code PythonRuntime.Builder.exitHandler}, with
 * the bound of {@link #bound()}), between two other handlers (one registered on the runtime, which runs before it,
 * and one that runs after it), and each runtime ends in one way: a normal end, an uncaught exception,
 * {@code SystemExit} with no code, an int and a string, {@code KeyboardInterrupt}, {@code close()} after the
 * interpreter was used, and {@code close()} of an unused runtime. Python's output and PyHost's reports on standard
 * error are captured for the failure messages ({@code System.err} is replaced meanwhile, under JUnit's lock on it).
 *
 * @param <H> the type of the exit handler under test
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(PyHostExtension.class)
@ResourceLock(PyHostTest.CPYTHON_LOCK)
@ResourceLock(Resources.SYSTEM_ERR)
public abstract class ExitHandlerContract<H extends ExitHandler> {
    private static final PluginRules<ExitHandler> RULES = new PluginRules<>("exit handler", ExitHandler.class,
            ExitHandler::id, ExitHandler::order,
            Map.of(BuiltinPlugins.FLUSH_JAVA_STDIO_HANDLER, BuiltinPlugins.FLUSH_JAVA_STDIO_HANDLER_ORDER));
    private static final List<WayOut> WAYS_OUT = List.of(
            new WayOut("a normal end", "pass", false),
            new WayOut("an uncaught exception", "raise ValueError('raised by the exit handler contract')", false),
            new WayOut("SystemExit()", "raise SystemExit", false),
            new WayOut("SystemExit(3)", "raise SystemExit(3)", false),
            new WayOut("SystemExit('a message')", "raise SystemExit('leaving with a message')", false),
            new WayOut("KeyboardInterrupt", "raise KeyboardInterrupt", false),
            new WayOut("close() after using the interpreter", null, true),
            new WayOut("close() of an unused runtime", null, false));
    private List<Observation> observations;

    /** For subclasses. */
    protected ExitHandlerContract() {
    }

    /** {@return a new instance of the handler under test, as {@link java.util.ServiceLoader} would make it} */
    protected abstract H createHandler();

    /**
     * How many times the handler did its work, as the outside world sees it (lines in its log, calls to a mock):
     * lets the contract check that every way out ran it exactly once by the time the runtime was closed, not only
     * that PyHost called it. Empty (the default) when it cannot be observed.
     *
     * @param handler an instance made by {@link #createHandler()}
     * @return the count, if observable
     */
    protected OptionalLong timesRun(H handler) {
        return OptionalLong.empty();
    }

    /** {@return how long one call of the handler may take; the runtime abandons it after that (2 s by default)} */
    protected Duration bound() {
        return Duration.ofSeconds(2);
    }

    /** {@return the id of a built-in handler that this one replaces on purpose; empty by default} */
    protected Set<String> replaces() {
        return Set.of();
    }

    /** Rule: the id is not blank, and the same on every call and every instance. */
    @Test
    public void idIsNonBlankAndStable() {
        RULES.idIsNonBlankAndStable(this::createHandler);
    }

    /** Rule: no built-in or discovered handler has the id, unless the handler replaces it on purpose. */
    @Test
    public void idIsNotTakenByAnotherPlugin() {
        RULES.idIsNotTakenByAnotherPlugin(createHandler(), replaces());
    }

    /** Rule: the order is the same on every call and every instance. */
    @Test
    public void orderIsStable() {
        RULES.orderIsStable(this::createHandler);
    }

    /**
     * Rule: on every way out the handler runs exactly once, and its work is done when the runtime's
     * {@code runMain()}, {@code shutdown()} or {@code close()} returns.
     *
     * @param runtimes starts the runtimes
     */
    @Test
    public void runsExactlyOnceOnEveryWayOut(PythonRuntimes runtimes) {
        List<String> wrong = new ArrayList<>();
        for (Observation o : started(observe(runtimes))) {
            if (o.calls != 1) {
                wrong.add(o.way.name() + ": PyHost called onExit " + o.calls + " times" + o.details());
            } else if (o.effects.isPresent() && o.effects.getAsLong() != 1) {
                wrong.add(o.way.name() + ": onExit was called once, but the handler's work was done "
                        + o.effects.getAsLong() + " times by the time the runtime closed (work handed to another "
                        + "thread, or done only the first time?)" + o.details());
            }
        }
        failIfAny("An exit handler runs exactly once on every way out", wrong);
    }

    /**
     * Rule: {@code onExit} does not throw, on any way out. (PyHost reports a handler that throws on standard error
     * as {@code Exception ignored in exit handler '<id>'} and still runs the others; the failure says whether it
     * did.)
     *
     * @param runtimes starts the runtimes
     */
    @Test
    public void neverThrows(PythonRuntimes runtimes) {
        List<String> wrong = new ArrayList<>();
        for (Observation o : started(observe(runtimes))) {
            if (o.threw != null) {
                wrong.add(o.way.name() + ": onExit threw " + o.threw + "; PyHost "
                        + (o.javaStderr.contains("Exception ignored in exit handler '" + o.id + "'")
                                ? "reported it" : "did not report it")
                        + " and " + (o.othersRan() ? "still ran" : "did NOT run") + " the other handlers"
                        + o.details());
            }
        }
        failIfAny("An exit handler must not throw (the exit status and the other handlers do not depend on it, but "
                + "its own work is left undone)", wrong);
    }

    /**
     * Rule: {@code onExit} returns within {@link #bound()} on every way out. (PyHost abandons a handler that
     * overruns its bound, reports it, and runs the others; the failure says whether it did.)
     *
     * @param runtimes starts the runtimes
     */
    @Test
    public void finishesWithinItsBound(PythonRuntimes runtimes) {
        List<String> wrong = new ArrayList<>();
        long bound = bound().toMillis();
        for (Observation o : started(observe(runtimes))) {
            if (o.calls > 0 && (!o.finished || o.millis > bound)) {
                wrong.add(o.way.name() + ": onExit " + (o.finished ? "took " + o.millis + " ms"
                        : "had not returned when the runtime closed " + o.closeMillis + " ms after the way out")
                        + ", more than its bound of " + bound + " ms; PyHost "
                        + (o.javaStderr.contains("exit handler '" + o.id + "' did not finish within")
                                ? "abandoned it with a report" : "did not report abandoning it")
                        + " and " + (o.othersRan() ? "still ran" : "did NOT run") + " the other handlers"
                        + o.details());
            }
        }
        failIfAny("An exit handler must finish within its bound (a blocked one holds up the end of the process)",
                wrong);
    }

    /** PyHost refuses a handler whose id is blank; the rules that need it running are then moot. */
    private static List<Observation> started(List<Observation> observations) {
        for (Observation o : observations) {
            if (o.failure instanceof ProviderException e) {
                Assumptions.abort("PyHost refused the handler, so it never ran (see idIsNonBlankAndStable): "
                        + e.getMessage());
            }
        }
        return observations;
    }

    private static void failIfAny(String rule, List<String> wrong) {
        if (!wrong.isEmpty()) {
            fail(rule + ":\n  " + String.join("\n  ", wrong));
        }
    }

    /** Ends one runtime per way out, once per test instance (the instance lives as long as the class). */
    private synchronized List<Observation> observe(PythonRuntimes runtimes) {
        if (observations == null) {
            List<Observation> list = new ArrayList<>();
            for (WayOut way : WAYS_OUT) {
                list.add(observe(runtimes, way));
            }
            observations = List.copyOf(list);
        }
        return observations;
    }

    private Observation observe(PythonRuntimes runtimes, WayOut way) {
        H handler = createHandler();
        OptionalLong before = timesRun(handler);
        Watched watched = new Watched(handler);
        Counter first = new Counter("pyhost-testkit-first", 0);
        Counter last = new Counter("~pyhost-testkit-last", Integer.MAX_VALUE);
        RuntimeConfig.Builder config = RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED);
        if (way.command() != null) {
            config.command(way.command());
        }
        Observation o = new Observation(way, watched.id);
        ByteArrayOutputStream javaErr = new ByteArrayOutputStream();
        PrintStream savedErr = System.err;
        System.setErr(new PrintStream(javaErr, true, StandardCharsets.UTF_8));
        long start = 0;
        try {
            PythonRuntime runtime = runtimes.start(config.build(), b -> b.discoverExitHandlers(false)
                    .exitHandler(watched).exitHandler(last).timeouts(bound(), Duration.ofSeconds(5)));
            runtime.atExit(first, "data of the contract");
            Capture capture = way.command() != null ? Capture.start(runtime) : null;
            start = System.nanoTime();
            try {
                if (way.command() != null) {
                    o.status = runtime.runMain();
                } else {
                    if (way.useInterpreter()) {
                        runtime.interpreter().exec("contract_value = 6 * 7");
                    }
                    o.status = runtime.shutdown();
                }
            } finally {
                runtime.close();
                if (capture != null) {
                    o.pythonStderr = capture.stderr();
                    capture.close();
                }
            }
        } catch (RuntimeException e) {
            o.failure = e;
        } finally {
            System.setErr(savedErr);
        }
        o.closeMillis = (System.nanoTime() - start) / 1_000_000;
        synchronized (watched) {
            o.calls = watched.calls;
            o.finished = watched.finished;
            o.millis = watched.millis;
            o.threw = watched.threw;
        }
        o.javaStderr = javaErr.toString(StandardCharsets.UTF_8);
        o.firstCalls = first.calls.get();
        o.lastCalls = last.calls.get();
        OptionalLong after = timesRun(handler);
        if (before.isPresent() && after.isPresent()) {
            o.effects = OptionalLong.of(after.getAsLong() - before.getAsLong());
        }
        return o;
    }

    /**
     * One way for a runtime to end.
     *
     * @param name its name
     * @param command the command that {@code runMain()} runs, or {@code null} for {@code shutdown()} and
     *        {@code close()} without main code
     * @param useInterpreter whether to use the interpreter before closing (when there is no command)
     */
    private record WayOut(String name, String command, boolean useInterpreter) {
    }

    /** What one way out showed. */
    private static final class Observation {
        final WayOut way;
        final String id;
        ExitStatus status;
        RuntimeException failure;
        int calls;
        boolean finished;
        long millis;
        long closeMillis;
        Throwable threw;
        OptionalLong effects = OptionalLong.empty();
        String javaStderr = "";
        String pythonStderr = "";
        int firstCalls;
        int lastCalls;

        Observation(WayOut way, String id) {
            this.way = way;
            this.id = id;
        }

        boolean othersRan() {
            return firstCalls == 1 && lastCalls == 1;
        }

        String details() {
            StringBuilder sb = new StringBuilder("\n    (exit status ").append(status);
            if (failure != null) {
                sb.append(", the runtime failed: ").append(failure);
            }
            sb.append("; the handler before it ran ").append(firstCalls).append(" time(s), the one after it ")
                    .append(lastCalls).append(')');
            if (!javaStderr.isBlank()) {
                sb.append("\n    PyHost on standard error: ").append(javaStderr.strip().replace("\n", "\n      "));
            }
            if (!pythonStderr.isBlank()) {
                sb.append("\n    Python on standard error: ").append(pythonStderr.strip().replace("\n", "\n      "));
            }
            return sb.toString();
        }
    }

    /** The handler under test, with its calls counted and timed; what it throws is passed on to PyHost. */
    private static final class Watched implements ExitHandler {
        private final ExitHandler handler;
        private final String id;
        private int calls;
        private boolean finished;
        private long millis;
        private Throwable threw;

        Watched(ExitHandler handler) {
            this.handler = handler;
            this.id = handler.id();
        }

        @Override
        public String id() {
            return handler.id();
        }

        @Override
        public int order() {
            return handler.order();
        }

        @Override
        public void onExit(ExitContext context) throws Exception {
            synchronized (this) {
                calls++;
            }
            long start = System.nanoTime();
            try {
                handler.onExit(context);
            } catch (Exception | Error e) {
                synchronized (this) {
                    threw = e;
                }
                throw e;
            } finally {
                synchronized (this) {
                    finished = true;
                    millis = (System.nanoTime() - start) / 1_000_000;
                }
            }
        }
    }

    /** A well-behaved handler beside the one under test. */
    private static final class Counter implements ExitHandler {
        private final String id;
        private final int order;
        final AtomicInteger calls = new AtomicInteger();

        Counter(String id, int order) {
            this.id = id;
            this.order = order;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public int order() {
            return order;
        }

        @Override
        public void onExit(ExitContext context) {
            calls.incrementAndGet();
        }
    }
}
