package dev.pyhost.tests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.pyhost.testkit.differential.InstalledPythons;
import dev.pyhost.testkit.differential.InstalledPythons.InstalledPython;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * What the README's "What ends the process" section says, checked in a child JVM per case on every CPython here:
 * the few Python calls that end or crash the process in an embedding do so, with the statuses and reports stated,
 * and nothing else of the embedding runs after them.
 */
class ProcessEndingCallsIT {
    @TestFactory
    Stream<DynamicNode> everyVersion() {
        return InstalledPythons.everyVersion(py -> List.of(
                dynamicTest("os._exit ends the JVM with its status, running nothing", () -> osExit(py)),
                dynamicTest("os.abort ends it by SIGABRT", () -> abort(py)),
                dynamicTest("a segfault in native code is the JVM's fatal error", () -> segfault(py)),
                dynamicTest("sys.exit is a PythonException, not an end", () -> sysExit(py))));
    }

    private static Child run(InstalledPython py, Path dir, String statement) {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Child.run(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"), "-cp", cp, EndingMain.class.getName(),
                py.executable().toString(), statement), Map.of(), dir);
    }

    private static void osExit(InstalledPython py) throws IOException {
        Path dir = Files.createTempDirectory("pyhost-ending");
        Child c = run(py, dir, "import os; os._exit(7)");
        assertAll(() -> assertEquals(7, c.status(), c.stderr()),
                () -> assertEquals("before\n", c.stdout(), "no exit handler, no shutdown hook, nothing after"),
                () -> assertEquals(List.of(), reports(dir)));
    }

    private static void abort(InstalledPython py) throws IOException {
        Path dir = Files.createTempDirectory("pyhost-ending");
        Child c = run(py, dir, "import os; os.abort()");
        assertAll(() -> assertEquals(128 + 6, c.status(), c.stderr()),
                () -> assertEquals("before\n", c.stdout()),
                () -> assertEquals(List.of(), reports(dir), "abort() is not reported by the JVM"));
    }

    private static void segfault(InstalledPython py) throws IOException {
        Path dir = Files.createTempDirectory("pyhost-ending");
        Child c = run(py, dir, "import ctypes; ctypes.string_at(0)");
        assertAll(() -> assertEquals(128 + 6, c.status(), "the JVM aborts after its report: " + c.stderr()),
                () -> assertTrue(c.stdout().startsWith("before\n#\n# A fatal error has been detected by the Java"
                        + " Runtime Environment"), "HotSpot writes its report to standard output: " + c.stdout()),
                () -> assertTrue(!c.stdout().contains("after") && !c.stdout().contains("exit handler")
                        && !c.stdout().contains("shutdown hook"), c.stdout()),
                () -> assertEquals(1, reports(dir).size(), "one hs_err report in the -XX:ErrorFile place"));
    }

    private static void sysExit(InstalledPython py) throws IOException {
        Path dir = Files.createTempDirectory("pyhost-ending");
        Child c = run(py, dir, "import sys; sys.exit(7)");
        assertAll(() -> assertEquals(1, c.status(), "the PythonException ends main: " + c.stderr()),
                () -> assertTrue(c.stderr().contains("SystemExit"), c.stderr()),
                () -> assertEquals("before\nexit handler\nshutdown hook\n", c.stdout()));
    }

    private static List<Path> reports(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
