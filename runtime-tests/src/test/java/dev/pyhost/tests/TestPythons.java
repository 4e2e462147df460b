package dev.pyhost.tests;

import dev.pyhost.testkit.Pythons;
import java.util.List;
import java.util.Optional;

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
}
