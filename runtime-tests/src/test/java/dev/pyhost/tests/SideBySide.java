package dev.pyhost.tests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.pyhost.testkit.Pythons;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs one shell command line twice, with the real {@code python3} of a version and with {@code bin/pyhost}
 * embedding that same CPython, so that the process conditions the line sets up (closed descriptors, ignored
 * signals, a locale, a memory limit) apply to both alike. In the line, {@code "$0"} is the interpreter and
 * {@code "$@"} the extra arguments.
 */
final class SideBySide {
    private static final List<Integer> MINORS = List.of(10, 11, 12, 13, 14);

    private SideBySide() {
    }

    /**
     * Runs the line with {@code python3}.
     *
     * @param py the CPython
     * @param line the {@code sh -c} command line
     * @param env extra environment
     * @param cwd the working directory, or {@code null}
     * @param args the extra arguments
     * @return what happened
     */
    static Child python(Pythons.Found py, String line, Map<String, String> env, Path cwd, String... args) {
        return sh(py.executable().toString(), line, env, cwd, args);
    }

    /**
     * Runs the line with {@code bin/pyhost} embedding the same CPython ({@code PYHOST_PYTHON}).
     *
     * @param py the CPython
     * @param line the {@code sh -c} command line
     * @param env extra environment
     * @param cwd the working directory, or {@code null}
     * @param args the extra arguments
     * @return what happened
     */
    static Child pyhost(Pythons.Found py, String line, Map<String, String> env, Path cwd, String... args) {
        Map<String, String> all = new HashMap<>(env);
        all.put("PYHOST_PYTHON", py.executable().toString());
        return sh(Pythons.launcher().toString(), line, all, cwd, args);
    }

    private static Child sh(String interpreter, String line, Map<String, String> env, Path cwd, String... args) {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", line, interpreter));
        cmd.addAll(List.of(args));
        return Child.run(cmd, env, cwd);
    }

    /**
     * Asserts that both runs gave the same status, standard output and standard error.
     *
     * @param expected the {@code python3} run
     * @param got the {@code bin/pyhost} run
     */
    static void assertSame(Child expected, Child got) {
        assertAll(() -> assertEquals(expected.stdout(), got.stdout(), "stdout; stderr was:\n" + got.stderr()),
                () -> assertEquals(expected.stderr(), got.stderr(), "stderr"),
                () -> assertEquals(expected.status(), got.status(), "status"));
    }

    /**
     * One container per supported minor version, holding the given tests, or a skipped test when that version is
     * not installed.
     *
     * @param tests the tests for one installation
     * @return the containers
     */
    static Stream<DynamicNode> everyVersion(Function<Pythons.Found, List<DynamicTest>> tests) {
        return MINORS.stream().map(minor -> {
            Optional<Pythons.Found> found = Pythons.forMinor(minor);
            if (found.isEmpty()) {
                return DynamicContainer.dynamicContainer("CPython 3." + minor, List.of(dynamicTest("not installed",
                        () -> Assumptions.abort("CPython 3." + minor + " is not installed here"))));
            }
            return DynamicContainer.dynamicContainer("CPython 3." + minor, tests.apply(found.get()));
        });
    }
}
