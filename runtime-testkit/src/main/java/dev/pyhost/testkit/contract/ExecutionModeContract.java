package dev.pyhost.testkit.contract;

import static org.junit.jupiter.api.Assertions.fail;

import dev.pyhost.api.ExitStatus;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.spi.BuiltinPlugins;
import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.api.spi.MainContext;
import dev.pyhost.testkit.PyHostExtension;
import dev.pyhost.testkit.PyHostTest;
import dev.pyhost.testkit.PythonRuntimes;
import dev.pyhost.testkit.internal.Capture;
import dev.pyhost.testkit.internal.PythonSide;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The contract of {@link ExecutionMode}, as tests that a mode runs against itself: extend this class in a test
 * class, say how to make the mode and in which runs it applies, and every rule of the SPI becomes a test.
 *
 * <pre>{@code
 * class AppMainModeContractTest extends ExecutionModeContract<AppMainMode> {
 *     protected AppMainMode createMode() { return new AppMainMode("json.tool"); }
 *     protected List<ModeScenario> scenarios() {
 *         return List.of(ModeScenario.applies("nothing to run", RuntimeConfig.builder().build()),
 *                 ModeScenario.declines("a command", RuntimeConfig.builder().command("pass").build()));
 *     }
 * }
 * }</pre>
 *
 * <p>Each scenario starts a real runtime on the kit's CPython with the scenario's configuration, in which the
 * mode is asked, twice, whether it applies (through a context that notes every call that runs code, with a
 * snapshot of {@code __main__}, {@code sys.argv}, {@code sys.path} and {@code sys.modules} around each question),
 * and run when it does. What Python writes is captured, not shown.
 *
 * @param <M> the type of the mode under test
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(PyHostExtension.class)
@ResourceLock(PyHostTest.CPYTHON_LOCK)
public abstract class ExecutionModeContract<M extends ExecutionMode> {
    private static final PluginRules<ExecutionMode> RULES = new PluginRules<>("execution mode", ExecutionMode.class,
            ExecutionMode::id, ExecutionMode::order, builtins());
    private List<Observation> observations;

    /** For subclasses. */
    protected ExecutionModeContract() {
    }

    /** {@return a new instance of the mode under test, as {@link java.util.ServiceLoader} would make it} */
    protected abstract M createMode();

    /** {@return runs in which the mode must apply and runs it must decline; at least one of each is best} */
    protected abstract List<ModeScenario> scenarios();

    /**
     * {@return the id of a built-in mode that this one replaces on purpose (PyHost's own modes name themselves);
     * empty by default}
     */
    protected Set<String> replaces() {
        return Set.of();
    }

    /** Rule: the id is not blank, and the same on every call and every instance. */
    @Test
    public void idIsNonBlankAndStable() {
        RULES.idIsNonBlankAndStable(this::createMode);
    }

    /** Rule: no built-in or discovered mode has the id, unless the mode replaces it on purpose. */
    @Test
    public void idIsNotTakenByAnotherPlugin() {
        RULES.idIsNotTakenByAnotherPlugin(createMode(), replaces());
    }

    /** Rule: the order is the same on every call and every instance, and no built-in mode of another id has it. */
    @Test
    public void orderIsStableAndUnambiguous() {
        RULES.orderIsStable(this::createMode);
        RULES.orderIsUnambiguous(createMode());
    }

    /**
     * Rule: the mode applies to exactly the scenarios that say it does.
     *
     * @param runtimes starts the scenarios' runtimes
     */
    @Test
    public void appliesWhereItsScenariosSay(PythonRuntimes runtimes) {
        List<String> wrong = new ArrayList<>();
        for (Observation o : observe(runtimes)) {
            if (o.firstThrew != null) {
                wrong.add(o.scenario + ": appliesTo threw " + o.firstThrew);
            } else if (o.firstAnswer == null) {
                wrong.add(o.scenario + ": appliesTo was never asked (the run failed first: " + o.failure() + ")");
            } else if (o.firstAnswer != o.scenario.applies()) {
                wrong.add(o.scenario + ": appliesTo answered " + o.firstAnswer + ", the scenario says "
                        + o.scenario.applies());
            }
        }
        failIfAny("appliesTo does not answer as the scenarios say", wrong);
    }

    /**
     * Rule: {@code appliesTo} runs no code: no call to the runner, to the interpreter's {@code exec},
     * {@code runFile} or {@code runModule}, or to the interactive backend's {@code execute}.
     *
     * @param runtimes starts the scenarios' runtimes
     */
    @Test
    public void appliesToRunsNoCode(PythonRuntimes runtimes) {
        List<String> wrong = new ArrayList<>();
        for (Observation o : observe(runtimes)) {
            if (!o.callsWhileAsked.isEmpty()) {
                wrong.add(o.scenario + ": appliesTo called " + String.join(", ", o.callsWhileAsked));
            }
        }
        failIfAny("appliesTo must only look, not run code (PyHost asks every mode in turn, and asks again)", wrong);
    }

    /**
     * Rule: {@code appliesTo} leaves Python's state as it found it: the names in {@code __main__},
     * {@code sys.argv}, {@code sys.path} and the modules in {@code sys.modules}.
     *
     * @param runtimes starts the scenarios' runtimes
     */
    @Test
    public void appliesToLeavesPythonStateAlone(PythonRuntimes runtimes) {
        List<String> wrong = new ArrayList<>();
        for (Observation o : observe(runtimes)) {
            if (o.stateBefore != null && (!o.stateBefore.equals(o.stateBetween)
                    || !o.stateBefore.equals(o.stateAfter))) {
                wrong.add(o.scenario + ": " + describeChange(o.stateBefore,
                        o.stateBefore.equals(o.stateBetween) ? o.stateAfter : o.stateBetween));
            }
        }
        failIfAny("appliesTo changed Python's state", wrong);
    }

    /**
     * Rule: asked twice about one run, {@code appliesTo} answers the same.
     *
     * @param runtimes starts the scenarios' runtimes
     */
    @Test
    public void appliesToAnswersTheSameTwice(PythonRuntimes runtimes) {
        List<String> wrong = new ArrayList<>();
        for (Observation o : observe(runtimes)) {
            if (o.firstAnswer != null && o.firstThrew == null && !Objects.equals(o.firstAnswer, o.secondAnswer)) {
                wrong.add(o.scenario + ": first " + o.firstAnswer + ", then "
                        + (o.secondThrew != null ? "threw " + o.secondThrew : o.secondAnswer));
            }
        }
        failIfAny("appliesTo must depend on the run only, not on how often it was asked", wrong);
    }

    /**
     * Rule: {@code run} returns an outcome (never {@code null}, never an exception) in every scenario the mode
     * applies to.
     *
     * @param runtimes starts the scenarios' runtimes
     */
    @Test
    public void runReturnsAnOutcome(PythonRuntimes runtimes) {
        List<String> wrong = new ArrayList<>();
        int ran = 0;
        for (Observation o : observe(runtimes)) {
            if (!o.ran) {
                continue;
            }
            ran++;
            if (o.runThrew != null) {
                wrong.add(o.scenario + ": run threw " + o.runThrew);
            } else if (o.outcome == null) {
                wrong.add(o.scenario + ": run returned null (PyHost reports \"returned no outcome\" as a "
                        + "ProviderException); return a RunOutcome, such as the runner's");
            }
        }
        if (ran == 0 && wrong.isEmpty()) {
            fail("No scenario made the mode run: add a ModeScenario.applies(...) to scenarios()");
        }
        failIfAny("run must return an outcome", wrong);
    }

    private static void failIfAny(String rule, List<String> wrong) {
        if (!wrong.isEmpty()) {
            fail(rule + ":\n  " + String.join("\n  ", wrong));
        }
    }

    private static String describeChange(List<?> before, List<?> after) {
        String[] parts = {"names in __main__", "sys.argv", "sys.path", "sys.modules"};
        List<String> changes = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            if (!Objects.equals(before.get(i), after.get(i))) {
                changes.add(parts[i] + " went from " + before.get(i) + " to " + after.get(i));
            }
        }
        return String.join("; ", changes);
    }

    /** Runs every scenario once per test instance (the instance lives as long as the class). */
    private synchronized List<Observation> observe(PythonRuntimes runtimes) {
        if (observations == null) {
            List<ModeScenario> scenarios = scenarios();
            if (scenarios.isEmpty()) {
                fail("scenarios() is empty: give at least one run the mode applies to and one it declines");
            }
            List<Observation> list = new ArrayList<>();
            for (ModeScenario s : scenarios) {
                list.add(observe(runtimes, s));
            }
            observations = List.copyOf(list);
        }
        return observations;
    }

    private Observation observe(PythonRuntimes runtimes, ModeScenario scenario) {
        Observation o = new Observation(scenario);
        M mode = createMode();
        ExecutionMode probe = new Probe(mode, o);
        PythonRuntime runtime = runtimes.start(scenario.config(), b -> b.discoverExecutionModes(false).mode(probe));
        Capture capture = Capture.start(runtime);
        try {
            o.status = runtime.runMain();
        } catch (RuntimeException e) {
            o.runMainThrew = e;
        } finally {
            runtime.close();
            o.stdout = capture.stdout();
            o.stderr = capture.stderr();
            capture.close();
        }
        return o;
    }

    /** What one scenario showed. */
    private static final class Observation {
        final ModeScenario scenario;
        Boolean firstAnswer;
        Boolean secondAnswer;
        Throwable firstThrew;
        Throwable secondThrew;
        List<String> callsWhileAsked = List.of();
        List<?> stateBefore;
        List<?> stateBetween;
        List<?> stateAfter;
        boolean ran;
        RunOutcome outcome;
        Throwable runThrew;
        ExitStatus status;
        RuntimeException runMainThrew;
        String stdout = "";
        String stderr = "";

        Observation(ModeScenario scenario) {
            this.scenario = scenario;
        }

        String failure() {
            return runMainThrew != null ? runMainThrew.toString() : "status " + status + ", stderr: " + stderr;
        }
    }

    /**
     * The only mode of the scenario's runtime (PyHost asks it first): asks the mode under test twice, with
     * snapshots of Python's state around each question, then runs it when it applied.
     */
    private static final class Probe implements ExecutionMode {
        private final ExecutionMode mode;
        private final Observation o;

        Probe(ExecutionMode mode, Observation o) {
            this.mode = mode;
            this.o = o;
        }

        @Override
        public String id() {
            return "pyhost-testkit-probe";
        }

        @Override
        public int order() {
            return Integer.MIN_VALUE;
        }

        @Override
        public boolean appliesTo(MainContext context) {
            return true;
        }

        @Override
        public RunOutcome run(MainContext context) {
            o.stateBefore = state(context);
            WatchedContext first = new WatchedContext(context, null);
            try {
                o.firstAnswer = mode.appliesTo(first);
            } catch (RuntimeException | Error e) {
                o.firstThrew = e;
            }
            o.stateBetween = state(context);
            WatchedContext second = new WatchedContext(context, null);
            try {
                o.secondAnswer = mode.appliesTo(second);
            } catch (RuntimeException | Error e) {
                o.secondThrew = e;
            }
            o.stateAfter = state(context);
            List<String> calls = new ArrayList<>(first.calls());
            calls.addAll(second.calls());
            o.callsWhileAsked = List.copyOf(calls);
            if (Boolean.TRUE.equals(o.firstAnswer)) {
                o.ran = true;
                try {
                    o.outcome = mode.run(new WatchedContext(context, o.scenario.stdin()));
                } catch (RuntimeException | Error e) {
                    o.runThrew = e;
                }
            }
            return o.outcome != null ? o.outcome : new RunOutcome.Completed();
        }

        private static List<?> state(MainContext context) {
            return (List<?>) PythonSide.value(context.interpreter(), "state()");
        }
    }

    private static Map<String, Integer> builtins() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put(BuiltinPlugins.COMMAND_MODE, BuiltinPlugins.COMMAND_MODE_ORDER);
        m.put(BuiltinPlugins.MODULE_MODE, BuiltinPlugins.MODULE_MODE_ORDER);
        m.put(BuiltinPlugins.DIRECTORY_OR_ZIP_MODE, BuiltinPlugins.DIRECTORY_OR_ZIP_MODE_ORDER);
        m.put(BuiltinPlugins.FILE_MODE, BuiltinPlugins.FILE_MODE_ORDER);
        m.put(BuiltinPlugins.REPL_MODE, BuiltinPlugins.REPL_MODE_ORDER);
        m.put(BuiltinPlugins.STDIN_MODE, BuiltinPlugins.STDIN_MODE_ORDER);
        return m;
    }
}
