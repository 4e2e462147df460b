package dev.pyhost.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The kit tests itself: each contract, run through EngineTestKit on a plug-in that breaks exactly one rule, fails
 * exactly the test of that rule, with a message that names what the plug-in did; on a correct plug-in, every test
 * passes; and every rule of every contract has a broken plug-in that it catches.
 */
class BrokenPluginsTest {
    /**
     * One broken plug-in per rule.
     *
     * @param contract the contract class run on the broken plug-in
     * @param rule the only test that must fail
     * @param says a phrase of its failure message
     */
    record Breach(Class<?> contract, String rule, String says) {
    }

    private static final List<Breach> BREACHES = List.of(
            new Breach(BrokenPlugins.BlankIdModeContract.class, "idIsNonBlankAndStable", "has a blank id (' ')"),
            new Breach(BrokenPlugins.BuiltinIdModeContract.class, "idIsNotTakenByAnotherPlugin",
                    "has the id 'command' of one of PyHost's built-in execution modes"),
            new Breach(BrokenPlugins.DriftingOrderModeContract.class, "orderIsStableAndUnambiguous",
                    "order changed between calls"),
            new Breach(BrokenPlugins.InvertedModeContract.class, "appliesWhereItsScenariosSay",
                    "'-c': appliesTo answered false, the scenario says true"),
            new Breach(BrokenPlugins.CodeRunningModeContract.class, "appliesToRunsNoCode",
                    "appliesTo called interpreter().exec(pass)"),
            new Breach(BrokenPlugins.StateChangingModeContract.class, "appliesToLeavesPythonStateAlone",
                    "sys.path went from"),
            new Breach(BrokenPlugins.FlipFlopModeContract.class, "appliesToAnswersTheSameTwice",
                    "'-c': first true, then false"),
            new Breach(BrokenPlugins.NullOutcomeModeContract.class, "runReturnsAnOutcome", "'-c': run returned null"),

            new Breach(BrokenPlugins.BlankIdExitContract.class, "idIsNonBlankAndStable", "has a blank id ('')"),
            new Breach(BrokenPlugins.BuiltinIdExitContract.class, "idIsNotTakenByAnotherPlugin",
                    "has the id 'flush-java-stdio' of one of PyHost's built-in exit handlers"),
            new Breach(BrokenPlugins.DriftingOrderExitContract.class, "orderIsStable", "order changed between calls"),
            new Breach(BrokenPlugins.LateExitContract.class, "runsExactlyOnceOnEveryWayOut",
                    "a normal end: onExit was called once, but the handler's work was done 0 times"),
            new Breach(BrokenPlugins.ThrowingExitContract.class, "neverThrows",
                    "KeyboardInterrupt: onExit threw java.lang.IllegalStateException: did not expect an interrupted "
                            + "run; PyHost reported it and still ran the other handlers"),
            new Breach(BrokenPlugins.BlockingExitContract.class, "finishesWithinItsBound",
                    "more than its bound of 400 ms; PyHost abandoned it with a report and still ran the other "
                            + "handlers"),

            new Breach(BrokenPlugins.BlankIdLocatorContract.class, "idIsNonBlankAndStable", "has a blank id ('')"),
            new Breach(BrokenPlugins.BuiltinIdLocatorContract.class, "idIsNotTakenByAnotherPlugin",
                    "has the id 'embedded' of one of PyHost's built-in installation locators"),
            new Breach(BrokenPlugins.TiedOrderLocatorContract.class, "orderIsStableAndUnambiguous",
                    "has order 800, the order of PyHost's built-in 'embedded'"),
            new Breach(BrokenPlugins.NullLocatorContract.class, "neverAnswersNull",
                    "'DEMO_PYTHON unset': locate returned null"),
            new Breach(BrokenPlugins.BlindLocatorContract.class, "answersAsItsScenariosSay",
                    "'DEMO_PYTHON names a python': found nothing"),
            new Breach(BrokenPlugins.SilentLocatorContract.class, "refusesWithAReason",
                    "'DEMO_PYTHON names nothing': answered null instead of refusing"),
            new Breach(BrokenPlugins.OnceLocatorContract.class, "answersTheSameTwice",
                    "'DEMO_PYTHON names a python': first CPython"),
            new Breach(BrokenPlugins.WrongVersionLocatorContract.class, "findsRealInstallations",
                    "the locator claims CPython 3.9.0, but"));

    private static EngineExecutionResults run(Class<?> contract) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute();
    }

    private static String rule(Event e) {
        return e.getTestDescriptor().getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(MethodSource::getMethodName).orElse(e.getTestDescriptor().getDisplayName());
    }

    private static String message(Event e) {
        return e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                .map(Throwable::getMessage).orElse("");
    }

    @TestFactory
    Stream<DynamicTest> eachBrokenPluginFailsExactlyTheTestOfTheRuleItBreaks() {
        return BREACHES.stream().map(b -> DynamicTest.dynamicTest(b.contract().getSimpleName() + " fails " + b.rule(),
                () -> {
                    EngineExecutionResults results = run(b.contract());
                    List<Event> failed = results.testEvents().failed().list();
                    Map<String, String> failures = new LinkedHashMap<>();
                    failed.forEach(e -> failures.put(rule(e), message(e)));
                    assertEquals(Set.of(b.rule()), failures.keySet(), () -> "failures: " + failures);
                    String said = failures.get(b.rule());
                    assertTrue(said.contains(b.says()), () -> "the failure of " + b.rule() + " should say '" + b.says()
                            + "', it says:\n" + said);
                    results.testEvents().assertStatistics(s -> s.failed(1));
                }));
    }

    @TestFactory
    Stream<DynamicTest> correctPluginsPassEveryRule() {
        return Stream.of(BrokenPlugins.GoodModeContract.class, BrokenPlugins.GoodExitContract.class,
                BrokenPlugins.GoodLocatorContract.class).map(c -> DynamicTest.dynamicTest(c.getSimpleName(), () -> {
                    EngineExecutionResults results = run(c);
                    int rules = rulesOf(c.getSuperclass().getSuperclass()).size();
                    results.testEvents().assertStatistics(s -> s.started(rules).succeeded(rules).skipped(0));
                }));
    }

    @Test
    void everyRuleOfEveryContractHasABrokenPluginThatItCatches() {
        Map<Class<?>, Set<String>> covered = new LinkedHashMap<>();
        for (Breach b : BREACHES) {
            covered.computeIfAbsent(b.contract().getSuperclass().getSuperclass(), k -> new TreeSet<>()).add(b.rule());
        }
        List<String> missing = new ArrayList<>();
        for (Class<?> contract : List.of(ExecutionModeContract.class, ExitHandlerContract.class,
                InstallationLocatorContract.class)) {
            Set<String> rules = rulesOf(contract);
            Set<String> done = covered.getOrDefault(contract, Set.of());
            rules.stream().filter(r -> !done.contains(r)).forEach(r -> missing.add(contract.getSimpleName() + "." + r));
        }
        assertEquals(List.of(), missing, "rules without a broken plug-in");
    }

    private static Set<String> rulesOf(Class<?> contract) {
        return Arrays.stream(contract.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Test.class))
                .map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
    }
}
