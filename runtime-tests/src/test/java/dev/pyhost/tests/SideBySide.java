package dev.pyhost.tests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyhost.testkit.differential.InstalledPythons.InstalledPython;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one shell command line twice, with the real {@code python3} of a version and with {@code bin/pyhost}
 * embedding that same CPython, so that the process conditions the line sets up (closed descriptors, ignored
 * signals, a locale, a memory limit) apply to both alike. In the line, {@code "$0"} is the interpreter and
 * {@code "$@"} the extra arguments.
 */
final class SideBySide {
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
    static Child python(InstalledPython py, String line, Map<String, String> env, Path cwd, String... args) {
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
    static Child pyhost(InstalledPython py, String line, Map<String, String> env, Path cwd, String... args) {
        Map<String, String> all = new HashMap<>(env);
        all.put("PYHOST_PYTHON", py.executable().toString());
        return sh(Checkout.launcher().toString(), line, all, cwd, args);
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
}
