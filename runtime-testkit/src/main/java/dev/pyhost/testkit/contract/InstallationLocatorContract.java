package dev.pyhost.testkit.contract;

import static org.junit.jupiter.api.Assertions.fail;

import dev.pyhost.api.ProviderException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonVersion;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.spi.BuiltinPlugins;
import dev.pyhost.api.spi.InstallationLocator;
import dev.pyhost.testkit.differential.InstalledPythons;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract of {@link InstallationLocator}, as tests that a locator runs against itself: extend this class in a
 * test class, say how to make the locator and in which environments it finds, passes or refuses, and every rule of
 * the SPI becomes a test.
 *
 * <pre>{@code
 * class AppPythonLocatorContractTest extends InstallationLocatorContract<AppPythonLocator> {
 *     protected AppPythonLocator createLocator() { return new AppPythonLocator(); }
 *     protected List<LocatorScenario> scenarios() {
 *         return List.of(LocatorScenario.finds("its variable names a python", Map.of("APP_PYTHON", python.toString())),
 *                 LocatorScenario.passes("no variable", Map.of()),
 *                 LocatorScenario.refuses("its variable names nothing", Map.of("APP_PYTHON", "/nonexistent")));
 *     }
 * }
 * }</pre>
 *
 * <p>What counts as being asked is the SPI's rule ({@link InstallationLocator}): a locator's own variable or a
 * setting that names an installation must be honoured or refused; state other programs leave in the environment
 * ({@code VIRTUAL_ENV}, {@code PATH}) may lead nowhere, and the locator then passes.
 *
 * <p>The locator is asked twice per scenario, with an unmodifiable environment (as PyHost gives it), and once more
 * with an empty environment. Nothing is loaded into this JVM: an installation it finds is checked by running its
 * executable, which must report the version the locator claims.
 *
 * @param <L> the type of the locator under test
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class InstallationLocatorContract<L extends InstallationLocator> {
    private static final PluginRules<InstallationLocator> RULES = new PluginRules<>("installation locator",
            InstallationLocator.class, InstallationLocator::id, InstallationLocator::order, builtins());
    private List<Observation> observations;

    /** For subclasses. */
    protected InstallationLocatorContract() {
    }

    /** {@return a new instance of the locator under test, as {@link java.util.ServiceLoader} would make it} */
    protected abstract L createLocator();

    /** {@return situations in which the locator must find an installation, pass, or refuse} */
    protected abstract List<LocatorScenario> scenarios();

    /** {@return the id of a built-in locator that this one replaces on purpose; empty by default} */
    protected Set<String> replaces() {
        return Set.of();
    }

    /** Rule: the id is not blank, and the same on every call and every instance. */
    @Test
    public void idIsNonBlankAndStable() {
        RULES.idIsNonBlankAndStable(this::createLocator);
    }

    /** Rule: no built-in or discovered locator has the id, unless the locator replaces it on purpose. */
    @Test
    public void idIsNotTakenByAnotherPlugin() {
        RULES.idIsNotTakenByAnotherPlugin(createLocator(), replaces());
    }

    /** Rule: the order is the same on every call and every instance, and no built-in locator of another id has it. */
    @Test
    public void orderIsStableAndUnambiguous() {
        RULES.orderIsStable(this::createLocator);
        RULES.orderIsUnambiguous(createLocator());
    }

    /** Rule: {@code locate} answers an {@link Optional}, never {@code null}, in every scenario and with no variables. */
    @Test
    public void neverAnswersNull() {
        List<String> wrong = new ArrayList<>();
        for (Observation o : observe()) {
            if (o.first.isNull() || o.second.isNull()) {
                wrong.add(o.scenario + ": locate returned null");
            }
        }
        failIfAny("locate must return Optional.empty() to let the next locator try", wrong);
    }

    /** Rule: the locator finds an installation where its scenarios say it does, and nothing where they say it passes. */
    @Test
    public void answersAsItsScenariosSay() {
        List<String> wrong = new ArrayList<>();
        for (Observation o : observe().stream().filter(Observation::declared).toList()) {
            LocatorScenario.Expected expected = o.scenario.expected();
            if (o.first.threw() != null && expected != LocatorScenario.Expected.REFUSES) {
                wrong.add(o.scenario + ": locate threw " + o.first.threw());
            } else if (expected == LocatorScenario.Expected.FINDS && !o.first.found()) {
                wrong.add(o.scenario + ": found nothing, the scenario says it finds an installation (does the "
                        + "locator read the environment it is given, or System.getenv()?)");
            } else if (expected == LocatorScenario.Expected.PASSES && o.first.found()) {
                wrong.add(o.scenario + ": found " + o.first.answer().orElseThrow() + ", the scenario says it passes");
            }
        }
        failIfAny("locate does not answer as the scenarios say", wrong);
    }

    /**
     * Rule: asked for something specific it cannot honour, the locator throws a {@link ProviderException} with the
     * reason, instead of passing silently to the next locator (or failing with another exception).
     */
    @Test
    public void refusesWithAReason() {
        List<Observation> refusing = observe().stream()
                .filter(o -> o.declared() && o.scenario.expected() == LocatorScenario.Expected.REFUSES).toList();
        Assumptions.assumeFalse(refusing.isEmpty(), "no LocatorScenario.refuses(...) among the scenarios: nothing "
                + "this locator is asked for can fail");
        List<String> wrong = new ArrayList<>();
        for (Observation o : refusing) {
            Throwable t = o.first.threw();
            if (t == null) {
                wrong.add(o.scenario + ": answered " + o.first.answer().orElse(null) + " instead of refusing");
            } else if (!(t instanceof ProviderException)) {
                wrong.add(o.scenario + ": threw " + t + ", not a ProviderException");
            } else if (t.getMessage() == null || t.getMessage().isBlank()) {
                wrong.add(o.scenario + ": the ProviderException has no message");
            }
        }
        failIfAny("A locator asked for something it cannot honour must say why with a ProviderException", wrong);
    }

    /** Rule: asked twice in one situation, the locator answers the same (it keeps no state between questions). */
    @Test
    public void answersTheSameTwice() {
        List<String> wrong = new ArrayList<>();
        for (Observation o : observe()) {
            if (!o.first.sameAs(o.second)) {
                wrong.add(o.scenario + ": first " + o.first + ", then " + o.second);
            }
        }
        failIfAny("locate must depend on its arguments only", wrong);
    }

    /**
     * Rule: an installation found is real and what it claims: the executable runs and reports the claimed
     * {@code X.Y} version (the micro version is known only once libpython is loaded), the library exists and is
     * named for that version, and the libraries to preload exist.
     */
    @Test
    public void findsRealInstallations() {
        List<String> wrong = new ArrayList<>();
        int found = 0;
        for (Observation o : observe()) {
            Optional<PythonInstallation> answer = o.first.answer() == null ? Optional.empty() : o.first.answer();
            if (answer.isEmpty()) {
                continue;
            }
            found++;
            PythonInstallation p = answer.get();
            if (!Files.isExecutable(p.executable())) {
                wrong.add(o.scenario + ": the executable " + p.executable() + " does not exist or cannot run");
            } else {
                Optional<PythonVersion> real = InstalledPythons.askVersion(p.executable());
                if (real.isEmpty()) {
                    wrong.add(o.scenario + ": " + p.executable() + " -I -c ... did not report a version");
                } else if (!real.get().feature().equals(p.version().feature())) {
                    wrong.add(o.scenario + ": the locator claims CPython " + p.version() + ", but "
                            + p.executable() + " is " + real.get());
                }
            }
            if (!Files.isRegularFile(p.libpython())) {
                wrong.add(o.scenario + ": libpython " + p.libpython() + " does not exist");
            } else if (!p.libpython().getFileName().toString().startsWith("libpython" + p.version().feature())) {
                wrong.add(o.scenario + ": libpython " + p.libpython() + " is not named for CPython "
                        + p.version().feature());
            }
            for (Path pre : p.preload()) {
                if (!Files.isRegularFile(pre)) {
                    wrong.add(o.scenario + ": the library to preload " + pre + " does not exist");
                }
            }
        }
        Assumptions.assumeTrue(found > 0 || !wrong.isEmpty(), "no scenario found an installation");
        failIfAny("An installation found must be real", wrong);
    }

    private static void failIfAny(String rule, List<String> wrong) {
        if (!wrong.isEmpty()) {
            fail(rule + ":\n  " + String.join("\n  ", wrong));
        }
    }

    private synchronized List<Observation> observe() {
        if (observations == null) {
            List<LocatorScenario> scenarios = new ArrayList<>(scenarios());
            if (scenarios.isEmpty()) {
                fail("scenarios() is empty: give at least one situation in which the locator finds an installation");
            }
            int declared = scenarios.size();
            if (scenarios.stream().noneMatch(s -> s.environment().isEmpty())) {
                scenarios.add(LocatorScenario.passes("no variables at all (added by the contract, which checks only "
                        + "that the answer is not null and the same twice)", Map.of()));
            }
            List<Observation> list = new ArrayList<>();
            for (int i = 0; i < scenarios.size(); i++) {
                LocatorScenario s = scenarios.get(i);
                L locator = createLocator();
                list.add(new Observation(s, ask(locator, s), ask(locator, s), i < declared));
            }
            observations = List.copyOf(list);
        }
        return observations;
    }

    private static Answer ask(InstallationLocator locator, LocatorScenario s) {
        try {
            return new Answer(locator.locate(s.config(), Map.copyOf(s.environment())), null);
        } catch (RuntimeException | Error e) {
            return new Answer(null, e);
        }
    }

    /**
     * One answer of {@code locate}.
     *
     * @param answer what it returned ({@code null} when it returned null or threw)
     * @param threw what it threw
     */
    private record Answer(Optional<PythonInstallation> answer, Throwable threw) {
        boolean isNull() {
            return answer == null && threw == null;
        }

        boolean found() {
            return answer != null && answer.isPresent();
        }

        boolean sameAs(Answer other) {
            if (threw != null || other.threw != null) {
                return threw != null && other.threw != null && threw.getClass() == other.threw.getClass();
            }
            return Objects.equals(answer, other.answer);
        }

        @Override
        public String toString() {
            return threw != null ? "threw " + threw : answer == null ? "null" : answer.map(Object::toString)
                    .orElse("empty");
        }
    }

    /**
     * Both answers in one scenario.
     *
     * @param scenario the scenario
     * @param first the first answer
     * @param second the second answer
     * @param declared whether the scenario came from {@link #scenarios()} (its expectation counts)
     */
    private record Observation(LocatorScenario scenario, Answer first, Answer second, boolean declared) {
    }

    private static Map<String, Integer> builtins() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put(BuiltinPlugins.PYHOST_PYTHON_LOCATOR, BuiltinPlugins.PYHOST_PYTHON_LOCATOR_ORDER);
        m.put(BuiltinPlugins.VIRTUAL_ENV_LOCATOR, BuiltinPlugins.VIRTUAL_ENV_LOCATOR_ORDER);
        m.put(BuiltinPlugins.EMBEDDED_LOCATOR, BuiltinPlugins.EMBEDDED_LOCATOR_ORDER);
        m.put(BuiltinPlugins.PATH_LOCATOR, BuiltinPlugins.PATH_LOCATOR_ORDER);
        return m;
    }
}
