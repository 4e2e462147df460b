package dev.pyhost.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.testkit.differential.InstalledPythons;
import dev.pyhost.testkit.differential.InstalledPythons.InstalledPython;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets a one-paragraph message and CPython's status; nothing crashes or hangs the JVM. */
class BadInputIT {
    @TempDir
    Path tmp;

    private static Child pyhost(Map<String, String> env, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(Checkout.launcher().toString()));
        cmd.addAll(List.of(args));
        return Child.run(cmd, env, null);
    }

    private static InstalledPython any() {
        return InstalledPythons.installed().stream().findFirst().orElseThrow(() -> new org.opentest4j.TestAbortedException(
                "no CPython found"));
    }

    @Test
    void aMissingPythonIsNamed() {
        Child c = pyhost(Map.of("PYHOST_PYTHON", "/nonexistent/bin/python3"), "-c", "pass");
        assertEquals(1, c.status());
        assertTrue(c.stderr().contains("PYHOST_PYTHON=/nonexistent/bin/python3 names /nonexistent/bin/python3, which does "
                + "not exist"), c.stderr());
    }

    @Test
    void anUnsupportedVersionIsRefusedWithTheSupportedRange() {
        Path home = Path.of(System.getenv().getOrDefault("PYENV_ROOT", System.getProperty("user.home") + "/.pyenv"),
                "versions");
        Optional<Path> old;
        try (var dirs = Files.list(home)) {
            old = dirs.filter(d -> d.getFileName().toString().startsWith("3.9."))
                    .map(d -> d.resolve("bin/python3")).filter(Files::isExecutable).findFirst();
        } catch (IOException e) {
            old = Optional.empty();
        }
        Assumptions.assumeTrue(old.isPresent(), "no CPython 3.9 under " + home + " to try");
        Child c = pyhost(Map.of("PYHOST_PYTHON", old.get().toString()), "-c", "pass");
        assertEquals(1, c.status());
        assertTrue(c.stderr().contains("No interpreter provider supports CPython 3.9 (" + old.get() + ")"), c.stderr());
        assertTrue(c.stderr().contains("cpython-ffm: CPython 3.10 to 3.14 with a shared libpython"), c.stderr());
    }

    @Test
    void aPythonWithoutSharedLibraryIsExplained() throws IOException {
        InstalledPython py = any();
        Path real = py.executable().toRealPath();
        Path bin = Files.createDirectories(tmp.resolve("static/bin"));
        Path copy = bin.resolve("python" + py.version().feature());
        Files.copy(real, copy, StandardCopyOption.COPY_ATTRIBUTES);
        Child c = pyhost(Map.of("PYHOST_PYTHON", copy.toString()), "-c", "pass");
        assertEquals(1, c.status());
        assertTrue(c.stderr().contains("has no shared libpython, so it cannot be embedded"), c.stderr());
        assertTrue(c.stderr().contains("--enable-shared"), c.stderr());
    }

    @Test
    void aLibraryThatIsNotLibpythonIsRefused() throws IOException {
        InstalledPython py = any();
        Path prefix = tmp.resolve("fake");
        Path bin = Files.createDirectories(prefix.resolve("bin"));
        Path lib = Files.createDirectories(prefix.resolve("lib"));
        Files.copy(py.executable().toRealPath(), bin.resolve("python" + py.version().feature()));
        Path libc = Path.of("/lib/x86_64-linux-gnu/libm.so.6");
        Assumptions.assumeTrue(Files.exists(libc), "no libm to stand in for libpython");
        Files.copy(libc, lib.resolve("libpython" + py.version().feature() + ".so.1.0"));
        Child c = pyhost(Map.of("PYHOST_PYTHON", bin.resolve("python" + py.version().feature()).toString()), "-c", "pass");
        assertEquals(1, c.status());
        assertTrue(c.stderr().contains("is not a CPython shared library"), c.stderr());
    }

    @Test
    void deniedNativeAccessIsExplained() {
        InstalledPython py = any();
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Child c = Child.run(List.of(java, "--illegal-native-access=deny", "-cp", cp, "dev.pyhost.launcher.Main",
                "-c", "pass"), Map.of("PYHOST_PYTHON", py.executable().toString()), null);
        assertEquals(1, c.status(), c.stderr());
        assertTrue(c.stderr().contains("--enable-native-access=ALL-UNNAMED"), c.stderr());
    }

    @Test
    void undecodableArgumentsReachPythonAsPythonWouldSeeThem() {
        InstalledPython py = any();
        String code = "import sys; print(ascii(sys.argv[1:]))";
        String script = "exec \"$0\" -c \"$1\" \"$(printf 'a\\377b')\"";
        Child expected = Child.run(List.of("/bin/sh", "-c", script, py.executable().toString(), code),
                Map.of("LANG", "C.UTF-8"), null);
        Child got = Child.run(List.of("/bin/sh", "-c", script, Checkout.launcher().toString(), code),
                Map.of("LANG", "C.UTF-8", "PYHOST_PYTHON", py.executable().toString()), null);
        assertEquals("['a\\udcffb']\n", expected.stdout(), expected.stderr());
        assertEquals(expected.stdout(), got.stdout(), got.stderr());
        assertEquals(expected.status(), got.status());
    }

    @Test
    void anUndecodableCommandIsReportedAsCPythonReportsIt() {
        InstalledPython py = any();
        String script = "exec \"$0\" -c \"$(printf 'print(1)\\377')\"";
        Child expected = Child.run(List.of("/bin/sh", "-c", script, py.executable().toString()),
                Map.of("LANG", "C.UTF-8"), null);
        Child got = Child.run(List.of("/bin/sh", "-c", script, Checkout.launcher().toString()),
                Map.of("LANG", "C.UTF-8", "PYHOST_PYTHON", py.executable().toString()), null);
        assertTrue(expected.stderr().startsWith("Unable to decode the command from the command line:\n"
                + "UnicodeEncodeError: "), expected.stderr());
        assertEquals(expected.stderr(), got.stderr(), "no traceback: the error is raised by C code, not by a frame");
        assertEquals(expected.status(), got.status());
    }

    @Test
    void aBadEnvironmentValueIsAFatalErrorAsInCPython() {
        InstalledPython py = any();
        Child expected = Child.run(List.of(py.executable().toString(), "-c", "pass"), Map.of("PYTHONHASHSEED", "bad"), null);
        Child got = pyhost(Map.of("PYTHONHASHSEED", "bad", "PYHOST_PYTHON", py.executable().toString()), "-c", "pass");
        assertEquals(expected.status(), got.status());
        assertEquals(expected.stderr(), got.stderr());
    }
}
