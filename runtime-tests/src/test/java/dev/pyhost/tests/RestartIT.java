package dev.pyhost.tests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.pyhost.testkit.differential.InstalledPythons;
import dev.pyhost.testkit.differential.InstalledPythons.InstalledPython;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Finalizing a runtime and starting another in the same process, on every CPython here (a child JVM per case):
 * allowed, and working, unless an earlier runtime loaded an extension module that is known to crash the process
 * when imported again on that version (CPython 3.12's {@code _decimal}, {@code _datetime}...); then the second start
 * is refused with a {@code LifecycleException} that names the modules, and the process lives on.
 */
class RestartIT {
    /** Public modules whose extensions crashed a restart of 3.12.1 (README, "Restarting a runtime"). */
    private static final List<String> CRASHED_312 = List.of("decimal", "calendar", "zoneinfo", "asyncio", "ctypes",
            "hashlib", "ssl");

    @TestFactory
    Stream<DynamicNode> everyVersion() {
        return InstalledPythons.everyVersion(py -> {
            List<DynamicNode> tests = new ArrayList<>();
            tests.add(dynamicTest("restart after pure-Python and safe extension modules",
                    () -> restarts(py, "json", "array", "unicodedata", "socket")));
            for (String module : CRASHED_312) {
                tests.add(dynamicTest("restart after " + module, () -> afterCrasher(py, module)));
            }
            return tests;
        });
    }

    private static Child twoRounds(InstalledPython py, String... modules) {
        List<String> args = new ArrayList<>(List.of(py.executable().toString()));
        args.addAll(List.of(modules));
        return Child.java(Map.of(), RestartMain.class.getName(), args);
    }

    private static void restarts(InstalledPython py, String... modules) {
        Child c = twoRounds(py, modules);
        assertAll(() -> assertEquals(0, c.status(), c.stderr()),
                () -> assertEquals("round 0 ok\nround 1 ok\n", c.stdout(), c.stderr()));
    }

    private static void afterCrasher(InstalledPython py, String module) {
        if (py.version().minor() != 12) {
            restarts(py, module);
            return;
        }
        Child c = twoRounds(py, module);
        assertAll(() -> assertEquals(0, c.status(), "the process lives on: " + c.stderr()),
                () -> assertTrue(c.stdout().startsWith("round 0 ok\nrefused: CPython 3.12."), c.stdout()),
                () -> assertTrue(c.stdout().contains("cannot be initialized again in this process"), c.stdout()));
    }
}
