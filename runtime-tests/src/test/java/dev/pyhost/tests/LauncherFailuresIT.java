package dev.pyhost.tests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.pyhost.testkit.differential.InstalledPythons;
import dev.pyhost.testkit.differential.InstalledPythons.InstalledPython;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How {@code bin/pyhost} fails: a broken plug-in jar, a plug-in that throws or exits, anything the launcher did
 * not expect (one {@code pyhost:} line and status 1, never a stack trace or 143); what it refuses to trust
 * (a forged JVM location, the working directory through an empty class path entry); and CPython's own
 * initialization errors, with the runtime state CPython would name.
 */
class LauncherFailuresIT {
    private static final String MISSING = "com.example.Missing";

    @TempDir
    Path tmp;

    private static InstalledPython newest() {
        List<InstalledPython> all = InstalledPythons.installed();
        if (all.isEmpty()) {
            throw new org.opentest4j.TestAbortedException("no CPython found in " + Checkout.launcher());
        }
        return all.getLast();
    }

    private static Child pyhost(Map<String, String> env, Path cwd, String... args) {
        Map<String, String> all = new LinkedHashMap<>(env);
        all.putIfAbsent("PYHOST_PYTHON", newest().executable().toString());
        List<String> cmd = new ArrayList<>(List.of(Checkout.launcher().toString()));
        cmd.addAll(List.of(args));
        return Child.run(cmd, all, cwd);
    }

    /** Writes a jar (or, when {@code file} has no {@code .jar} suffix, a folder) with service files and classes. */
    private static Path plugin(Path file, Map<String, String> services, Class<?>... classes) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        services.forEach((service, providers) -> entries.put("META-INF/services/" + service,
                providers.getBytes(StandardCharsets.UTF_8)));
        for (Class<?> c : classes) {
            for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
                String name = k.getName().replace('.', '/') + ".class";
                entries.put(name, Files.readAllBytes(testClasses().resolve(name)));
            }
        }
        if (file.toString().endsWith(".jar")) {
            try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(file))) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    jar.putNextEntry(new JarEntry(e.getKey()));
                    jar.write(e.getValue());
                    jar.closeEntry();
                }
            }
        } else {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                Path target = file.resolve(e.getKey());
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target)) {
                    out.write(e.getValue());
                }
            }
        }
        return file;
    }

    private static Path testClasses() {
        try {
            return Path.of(BrokenPlugins.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Exactly one line, starting with {@code pyhost: }, and no stack trace. */
    private static String oneMessage(Child c) {
        List<String> lines = c.stderr().lines().toList();
        assertEquals(1, lines.size(), "one line on stderr:\n" + c.stderr());
        assertTrue(lines.getFirst().startsWith("pyhost: "), c.stderr());
        assertEquals("", c.stdout(), "nothing on stdout");
        return lines.getFirst();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev.pyhost.api.spi.ExitHandler", "dev.pyhost.api.spi.ExecutionMode",
            "dev.pyhost.api.spi.InstallationLocator", "dev.pyhost.api.backend.InterpreterProvider"})
    void aServiceFileNamingAMissingClassGivesOneMessageNamingJarFileAndClass(String service) throws IOException {
        Path jar = plugin(tmp.resolve("broken.jar"), Map.of(service, "# a comment\n" + MISSING + "\n"));
        Child c = pyhost(Map.of("PYHOST_CLASSPATH", jar.toString()), null, "-c", "print('ran')");
        assertEquals(1, c.status(), c.stderr());
        String message = oneMessage(c);
        assertAll(() -> assertTrue(message.contains(jar.toString()), message),
                () -> assertTrue(message.contains("META-INF/services/" + service), message),
                () -> assertTrue(message.contains(MISSING), message));
    }

    @Test
    void aPluginThrowingFromItsOwnCodeIsNamedInOneMessage() throws IOException {
        Path jar = plugin(tmp.resolve("failing-id.jar"), Map.of("dev.pyhost.api.spi.ExitHandler",
                BrokenPlugins.FailingId.class.getName()), BrokenPlugins.FailingId.class);
        Child c = pyhost(Map.of("PYHOST_CLASSPATH", jar.toString()), null, "-c", "print('ran')");
        assertEquals(1, c.status(), c.stderr());
        assertEquals("pyhost: a plug-in failed: java.lang.UnsupportedOperationException: no id, on purpose, thrown by "
                + BrokenPlugins.FailingId.class.getName() + ".id (" + jar + "); fix or remove that plug-in",
                oneMessage(c));
    }

    @Test
    void anErrorThrownByAPluginIsOneMessageAndStatusOne() throws IOException {
        Path jar = plugin(tmp.resolve("error.jar"), Map.of("dev.pyhost.api.spi.InstallationLocator",
                BrokenPlugins.ErrorLocator.class.getName()), BrokenPlugins.ErrorLocator.class);
        Child c = pyhost(Map.of("PYHOST_CLASSPATH", jar.toString()), null, "-c", "print('ran')");
        assertEquals(1, c.status(), c.stderr());
        String message = oneMessage(c);
        assertTrue(message.contains("java.lang.NoClassDefFoundError: com/example/Gone"), message);
        assertTrue(message.contains(BrokenPlugins.ErrorLocator.class.getName() + ".locate (" + jar + ")"), message);
    }

    @Test
    void systemExitFromAPluginKeepsItsStatusInsteadOfPosingAsSigterm() throws IOException {
        Path jar = plugin(tmp.resolve("exit.jar"), Map.of("dev.pyhost.api.spi.InstallationLocator",
                BrokenPlugins.ExitingLocator.class.getName()), BrokenPlugins.ExitingLocator.class);
        Child c = pyhost(Map.of("PYHOST_CLASSPATH", jar.toString()), null, "-c", "print('ran')");
        assertAll(() -> assertEquals(7, c.status(), c.stderr()), () -> assertEquals("", c.stdout()),
                () -> assertEquals("", c.stderr()));
    }

    @Test
    void aForgedJavaHomeIsNotRun() throws IOException {
        Path evil = Files.createDirectories(tmp.resolve("evil/bin"));
        Path marker = tmp.resolve("evil-java-ran");
        Path java = evil.resolve("java");
        Files.writeString(java, "#!/bin/sh\ntouch '" + marker + "'\nexit 99\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Child c = pyhost(Map.of("PYHOST_RESOLVED_JAVA_HOME", tmp.resolve("evil").toString()), null,
                "-c", "print('real')");
        assertAll(() -> assertEquals("real\n", c.stdout(), c.stderr()), () -> assertEquals(0, c.status()),
                () -> assertFalse(Files.exists(marker), "the forged java ran"));
    }

    @Test
    void emptyClassPathEntriesDoNotPutTheWorkingDirectoryOnTheClassPath() throws IOException {
        Path planted = plugin(Files.createDirectories(tmp.resolve("cwd")), Map.of("dev.pyhost.api.spi.ExitHandler",
                BrokenPlugins.Planted.class.getName()), BrokenPlugins.Planted.class);
        Child control = pyhost(Map.of("PYHOST_CLASSPATH", "."), planted, "-c", "print('ran')");
        assertEquals("ran\nplanted exit handler ran\n", control.stdout(), "the plant works when asked for: "
                + control.stderr());
        for (String classPath : List.of(":/nonexistent", "/nonexistent:", "/nonexistent::/nonexistent2", ":")) {
            Child c = pyhost(Map.of("PYHOST_CLASSPATH", classPath), planted, "-c", "print('ran')");
            assertAll(classPath, () -> assertEquals("ran\n", c.stdout(), c.stderr()),
                    () -> assertEquals(0, c.status()));
        }
    }

    @TestFactory
    Stream<DynamicNode> initializationErrorsNameTheRuntimeStateAsCPythonDoes() {
        return InstalledPythons.everyVersion(py -> List.of(
                dynamicTest("-X utf8=2 (preinitializing)", () -> same(py, "exec \"$0\" -X utf8=2 -c pass",
                        "Python runtime state: preinitializing")),
                dynamicTest("PYTHONUTF8=5 (preinitializing)", () -> same(py, "PYTHONUTF8=5 exec \"$0\" -c pass",
                        "Python runtime state: preinitializing")),
                dynamicTest("-X int_max_str_digits=5 (preinitialized)", () -> same(py,
                        "exec \"$0\" -X int_max_str_digits=5 -c pass", "Python runtime state: preinitialized")),
                dynamicTest("no standard library (core initialized)", () -> {
                    String line = "PYTHONHOME=/nonexistent exec \"$0\" -c pass";
                    Child expected = SideBySide.python(py, line, Map.of(), null);
                    Child got = SideBySide.pyhost(py, line, Map.of(), null);
                    // up to the state line (3.10-3.12 print the path configuration first); CPython goes on with
                    // the pending exception and a thread dump, which PyHost does not print
                    String state = "Python runtime state: core initialized";
                    String stderr = expected.stderr();
                    assertTrue(stderr.contains(state + "\n"), stderr);
                    String head = stderr.substring(0, stderr.indexOf(state) + state.length() + 1);
                    assertTrue(got.stderr().startsWith(head), "expected to start with:\n" + head + "but was:\n"
                            + got.stderr());
                    assertEquals(expected.status(), got.status());
                })));
    }

    private static void same(InstalledPython py, String line, String stateLine) {
        Child expected = SideBySide.python(py, line, Map.of(), null);
        assertTrue(expected.stderr().lines().toList().contains(stateLine), expected.stderr());
        SideBySide.assertSame(expected, SideBySide.pyhost(py, line, Map.of(), null));
    }
}
