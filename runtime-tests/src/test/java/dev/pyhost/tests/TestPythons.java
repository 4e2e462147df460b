package dev.pyhost.tests;

import dev.pyhost.testkit.Pythons;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/** The CPythons the suites run against: {@link Pythons#installed()}, where the embedded 3.14 stands in. */
final class TestPythons {
    private TestPythons() {
    }

    static Optional<Pythons.Found> embedded() {
        return Pythons.embedded();
    }

    static List<Pythons.Found> all() {
        return Pythons.installed();
    }

    /** {@return the minors that must be covered, for reporting the missing ones as skipped} */
    static List<Integer> minors() {
        return List.of(10, 11, 12, 13, 14);
    }

    static Optional<Pythons.Found> forMinor(int minor) {
        return Pythons.forMinor(minor);
    }

    /**
     * One container of tests per minor version that must be covered; a version not installed here shows as one
     * skipped test that says so.
     *
     * @param tests the tests for one installed CPython
     * @return the containers
     */
    static Stream<DynamicNode> everyVersion(Function<Pythons.Found, List<DynamicTest>> tests) {
        return minors().stream().map(minor -> DynamicContainer.dynamicContainer("CPython 3." + minor,
                forMinor(minor).map(tests).orElseGet(() -> List.of(DynamicTest.dynamicTest("not installed",
                        () -> Assumptions.abort("CPython 3." + minor + " is not installed here"))))));
    }
}
