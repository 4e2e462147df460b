package dev.pyhost.cpython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PyHostException;
import dev.pyhost.api.PythonException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonVersion;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.RuntimeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bootstrap against a real CPython 3.10-3.12 from pyenv (the newest found; this JVM holds one libpython), where
 * tracebacks of runs are formatted by the C printer that prints them: load failures, the typed results and their
 * tracebacks, and the tracebacks of the object API.
 */
class BootstrapIT {
    private static final Pattern PYENV_LIB = Pattern.compile("libpython3\\.(1[0-2])\\.so\\.1\\.0");
    private static CPythonRuntime runtime;

    @BeforeAll
    static void start() {
        Optional<PythonInstallation> found = pyenvPython();
        Assumptions.assumeTrue(found.isPresent(), "no pyenv CPython 3.10-3.12 with a shared libpython under ~/.pyenv");
        runtime = CPythonRuntime.start(found.get(), RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED).build());
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void aBootstrapThatFailsToLoadIsReportedWithPythonsTypeMessageAndTraceback() {
        PyHostException e = assertThrows(PyHostException.class, () -> runtime.withGil(() -> Bootstrap.load(
                new PyObjects(), "def check():\n    raise LookupError('no such thing')\ncheck()\n")));
        assertTrue(e.getMessage().startsWith("PyHost's bootstrap (boot.py) failed to load in CPython 3."), e.getMessage());
        assertTrue(e.getMessage().contains("LookupError: no such thing\nTraceback (most recent call last):\n"),
                e.getMessage());
        assertTrue(e.getMessage().contains(", line 2, in check\n"), e.getMessage());
        assertFalse(e.getMessage().contains("0x"), "no raw pointer: " + e.getMessage());
        PythonException cause = assertInstanceOf(PythonException.class, e.getCause());
        assertEquals("LookupError", cause.typeName());
        assertEquals("no such thing", cause.pythonMessage());

        PyHostException syntax = assertThrows(PyHostException.class,
                () -> runtime.withGil(() -> Bootstrap.load(new PyObjects(), "def broken(:\n")));
        assertEquals("SyntaxError", ((PythonException) syntax.getCause()).typeName());
        assertTrue(syntax.getMessage().contains("def broken(:"), syntax.getMessage());
    }

    @Test
    void errorsOfTheObjectApiCarryTheTracebackWithSourceLinesAndWithoutPyHostFrames() {
        Interpreter py = runtime.interpreter();
        PythonException e = assertThrows(PythonException.class,
                () -> py.exec("def inner():\n    raise KeyError('k')\ndef outer():\n    inner()\nouter()"));
        String file = e.getStackTrace()[0].getFileName();
        assertTrue(file.matches("<pyhost-input-[0-9]+>"), file);
        assertEquals("Traceback (most recent call last):\n  File \"" + file + "\", line 5, in <module>\n    outer()\n"
                + "  File \"" + file + "\", line 4, in outer\n    inner()\n  File \"" + file + "\", line 2, in inner\n"
                + "    raise KeyError('k')\nKeyError: 'k'\n", e.formattedTraceback().replaceAll("\n +[~^]+\n", "\n"));
        assertTrue(Stream.of(e.getStackTrace()).anyMatch(f -> f.getMethodName().contains("errorsOfTheObjectApi")),
                "thrown from the caller's stack");

        PythonException syntax = assertThrows(PythonException.class, () -> py.eval("1 +"));
        assertTrue(syntax.formattedTraceback().startsWith("  File \"<pyhost-input-"), syntax.formattedTraceback());
        assertTrue(syntax.formattedTraceback().endsWith("SyntaxError: invalid syntax\n"), syntax.formattedTraceback());
    }

    @Test
    void runsEndAsTypedOutcomes(@TempDir Path dir) throws IOException {
        Interpreter py = runtime.interpreter();
        Path bad = Files.writeString(dir.resolve("bad.py"), "def f():\n    return 1 / 0\nf()\n");
        RunOutcome.Raised raised = assertInstanceOf(RunOutcome.Raised.class, py.runFile(bad));
        assertEquals("ZeroDivisionError", raised.exception().typeName());
        assertTrue(raised.exception().formattedTraceback().contains(
                "  File \"" + bad + "\", line 2, in f\n    return 1 / 0\n"), raised.exception().formattedTraceback());
        assertEquals(new RunOutcome.Exited(4),
                py.runFile(Files.writeString(dir.resolve("exit.py"), "raise SystemExit(4)\n")));
        assertEquals(new RunOutcome.Exited(1),
                py.runFile(Files.writeString(dir.resolve("text.py"), "raise SystemExit('bye')\n")));
        RunOutcome.Interrupted ki = assertInstanceOf(RunOutcome.Interrupted.class,
                py.runFile(Files.writeString(dir.resolve("ki.py"), "class Stop(KeyboardInterrupt):\n    pass\nraise Stop\n")));
        assertEquals("__main__.Stop", ki.exception().typeName());
        assertTrue(ki.exception().formattedTraceback().endsWith("\nStop\n"), ki.exception().formattedTraceback());
    }

    /** The newest pyenv CPython 3.10-3.12 with a shared libpython. */
    @Test
    void theUnhandledInterruptFlagIsCPythonsOwnWhichEveryExecOfAStringClearsAndSets() {
        Interpreter py = runtime.interpreter();
        py.exec("try:\n    exec('raise KeyboardInterrupt')\nexcept KeyboardInterrupt:\n    pass\n");
        assertTrue(runtime.unhandledKeyboardInterrupt(), "set by run_eval_code_obj under exec of a string");
        py.exec("exec('pass')");
        assertFalse(runtime.unhandledKeyboardInterrupt(), "cleared by the next exec of a string");
        py.exec("try:\n    exec(compile('raise KeyboardInterrupt', 's', 'exec'))\nexcept KeyboardInterrupt:\n    pass\n");
        assertFalse(runtime.unhandledKeyboardInterrupt(), "exec of a code object leaves it alone");
    }

    static Optional<PythonInstallation> pyenvPython() {
        Path versions = Path.of(System.getProperty("user.home"), ".pyenv", "versions");
        if (!Files.isDirectory(versions)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(versions)) {
            List<PythonInstallation> found = dirs.flatMap(BootstrapIT::installation).toList();
            return found.stream().max(Comparator.comparing(PythonInstallation::version));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Stream<PythonInstallation> installation(Path prefix) {
        try (Stream<Path> libs = Files.list(prefix.resolve("lib"))) {
            return libs.map(lib -> {
                Matcher m = PYENV_LIB.matcher(lib.getFileName().toString());
                if (!m.matches()) {
                    return null;
                }
                Path exe = prefix.resolve("bin").resolve("python3." + m.group(1));
                PythonVersion version = PythonVersion.parse(prefix.getFileName().toString());
                return Files.isExecutable(exe) ? new PythonInstallation(exe, lib, version, "pyenv (test)") : null;
            }).filter(java.util.Objects::nonNull).toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }
}
