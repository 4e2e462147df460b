package dev.pyhost.tests;

import dev.pyhost.testkit.differential.ConformanceCase;
import dev.pyhost.testkit.differential.DifferentialRunner;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The differential conformance suite: every case of {@code conformance/cases.json}, run with the real
 * {@code python3} and with {@code bin/pyhost} on each installed CPython 3.10 to 3.14, as
 * {@code /work/shared/conformance/conformance.py} does, through the test kit's {@link DifferentialRunner}. A minor
 * version that is not installed shows as one skipped test that says where it was looked for; a case marked
 * {@code "pyhost_skip": "reason"} (optionally only for the {@code "pyhost_skip_versions"}) shows as skipped with that
 * reason. The system property {@code pyhost.conformance.only}, a regular expression, limits the run to the cases whose
 * ids it matches.
 */
class ConformanceSuiteIT {
    private static final String CASES = "/conformance/cases.json";

    /** Builds the launcher on first use, outside the cases. */
    @BeforeAll
    static void buildLauncher() {
        Checkout.warmLauncher();
    }

    /**
     * One container per CPython minor version, one test per case inside.
     *
     * @return the tests
     */
    @TestFactory
    Stream<DynamicNode> conformance() {
        Pattern only = Pattern.compile(System.getProperty("pyhost.conformance.only", ".*"));
        return DifferentialRunner.forPyHostLauncher(Checkout.launcher())
                .dynamicTests(ConformanceCase.loadResource(ConformanceSuiteIT.class, CASES).stream()
                        .filter(c -> only.matcher(c.id()).matches()).toList());
    }
}
