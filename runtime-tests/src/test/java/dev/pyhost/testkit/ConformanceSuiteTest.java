package dev.pyhost.testkit;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The differential conformance suite: every case of {@code conformance/cases.json}, run with the real
 * {@code python3} and with {@code bin/pyhost} on each installed CPython 3.10 to 3.14, as
 * {@code /work/shared/conformance/conformance.py} does. A minor version that is not installed shows as one
 * skipped test that says where it was looked for; a case marked {@code "pyhost_skip": "reason"} (optionally only
 * for the {@code "pyhost_skip_versions"}) shows as skipped with that reason. The system property
 * {@code pyhost.conformance.only}, a regular expression, limits the run to the cases whose ids it matches.
 */
class ConformanceSuiteTest {
    private static final String CASES = "/conformance/cases.json";

    /**
     * Runs {@code bin/pyhost -c pass} once, so that a first-use build of the launcher happens here and not inside
     * the first case's standard error.
     */
    @BeforeAll
    static void buildLauncher() {
        List<Pythons.Found> pythons = Pythons.installed();
        if (pythons.isEmpty()) {
            return;
        }
        Path launcher = Pythons.launcher();
        Map<String, byte[]> env = ConformanceRunner.cleanEnv(
                Map.of("PYHOST_PYTHON", pythons.getFirst().executable().toString()));
        ChildProcess.Result r = ChildProcess.run(List.of(launcher.toString(), "-c", "pass"),
                Pythons.repositoryRoot(), ConformanceRunner.entries(env), null, Duration.ofMinutes(15));
        if (r.timedOut() || r.status() != 0) {
            Assertions.fail(launcher + " -c pass failed (status " + r.status() + (r.timedOut() ? ", timed out" : "")
                    + "); the launcher cannot run:\n" + new String(r.stdout(), StandardCharsets.UTF_8)
                    + new String(r.stderr(), StandardCharsets.UTF_8));
        }
    }

    /**
     * One container per CPython minor version, one test per case inside.
     *
     * @return the tests
     */
    @TestFactory
    Stream<DynamicNode> conformance() {
        Pattern only = Pattern.compile(System.getProperty("pyhost.conformance.only", ".*"));
        List<ConformanceCase> cases = ConformanceCase.load(CASES).stream()
                .filter(c -> only.matcher(c.id()).matches()).toList();
        ConformanceRunner runner = new ConformanceRunner(Pythons.launcher());
        return IntStream.rangeClosed(Pythons.FIRST_MINOR, Pythons.LAST_MINOR).mapToObj(minor -> {
            Optional<Pythons.Found> found = Pythons.forMinor(minor);
            if (found.isEmpty()) {
                String why = "CPython 3." + minor + " is not installed here (looked in "
                        + Pythons.searchedLocations() + ")";
                return dynamicContainer("CPython 3." + minor,
                        Stream.of(dynamicTest("not installed", () -> Assumptions.abort(why))));
            }
            Pythons.Found python = found.get();
            String feature = python.version().feature();
            return dynamicContainer("CPython " + python.version(), cases.stream().map(c -> dynamicTest(c.id(), () -> {
                Optional<String> skip = c.skippedOn(feature);
                if (skip.isPresent()) {
                    Assumptions.abort("known divergence: " + skip.get());
                }
                Optional<String> failure = runner.differences(c, python.executable());
                if (failure.isPresent()) {
                    Assertions.fail("on CPython " + python.version() + ", " + failure.get());
                }
            })));
        });
    }
}
