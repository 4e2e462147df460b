package dev.pyhost.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.ExitStatus;
import dev.pyhost.api.Interpreter;
import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.ConversionException;
import dev.pyhost.api.PythonException;
import dev.pyhost.api.PythonObject;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.testkit.differential.InstalledPythons;
import dev.pyhost.testkit.differential.InstalledPythons.InstalledPython;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link Interpreter} API in this JVM, against the embedded CPython 3.14 (a JVM holds one libpython, so
 * every in-process test of this suite uses the same one): conversions, errors as data, threads, lifecycle.
 */
class InterpreterApiTest {
    private static PythonRuntime runtime;
    private static Interpreter py;

    @BeforeAll
    static void start() {
        InstalledPython found = InstalledPythons.embedded().orElse(null);
        Assumptions.assumeTrue(found != null, "the embedded CPython payload is not on the class path");
        runtime = PythonRuntime.builder(RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED).python(found.executable())
                .build()).start();
        py = runtime.interpreter();
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void valuesAreConvertedToJava() {
        assertNull(py.eval("None"));
        assertEquals(true, py.eval("1 == 1"));
        assertEquals(42L, py.eval("6 * 7"));
        assertEquals(new BigInteger("340282366920938463463374607431768211456"), py.eval("2 ** 128"));
        assertEquals(2.5, py.eval("5 / 2"));
        assertEquals(Double.POSITIVE_INFINITY, py.eval("float('inf')"));
        assertEquals("h\u00e9llo \u2713 \ud83d\ude00", py.eval("'h\\u00e9llo \\u2713 \\U0001F600'"));
        assertEquals("\udc80", py.eval("'\\udc80'"), "lone surrogates survive");
        assertArrayEquals(new byte[] {0, (byte) 255, 65}, (byte[]) py.eval("bytes([0, 255, 65])"));
        assertEquals(List.of(1L, List.of("a", 2.0)), py.eval("[1, ('a', 2.0)]"));
        Map<Object, Object> expected = new LinkedHashMap<>();
        expected.put("b", 1L);
        expected.put(3L, null);
        assertEquals(expected, py.eval("{'b': 1, 3: None}"));
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) py.eval("[1]")).clear());
    }

    @Test
    void execSharesTheMainNamespace() {
        py.exec("counter = 41\ndef bump():\n    global counter\n    counter += 1\n    return counter");
        assertEquals(42L, py.eval("bump()"));
        assertEquals("__main__", py.eval("__name__"));
    }

    @Test
    void pythonErrorsArriveAsData() {
        PythonException e = assertThrows(PythonException.class, () -> py.exec("def f():\n    raise ValueError('boom')\nf()"));
        assertEquals("ValueError", e.typeName());
        assertEquals("boom", e.pythonMessage());
        assertTrue(e.formattedTraceback().startsWith("Traceback (most recent call last):"), e.formattedTraceback());
        assertTrue(e.formattedTraceback().contains("in f"), e.formattedTraceback());
        assertTrue(e.formattedTraceback().endsWith("ValueError: boom\n"), e.formattedTraceback());
        PythonException json = assertThrows(PythonException.class, () -> py.eval("__import__('json').loads('{')"));
        assertEquals("json.decoder.JSONDecodeError", json.typeName());
        PythonException syntax = assertThrows(PythonException.class, () -> py.exec("x = ("));
        assertEquals("SyntaxError", syntax.typeName());
        try (PythonObject other = assertInstanceOf(PythonObject.class, py.eval("object()"))) {
            assertEquals("object", other.typeName(), "a value with no Java counterpart arrives as a handle");
        }
        py.exec("nested = []\nfor _ in range(100000):\n    nested = [nested]");
        ConversionException deep = assertThrows(ConversionException.class, () -> py.eval("nested"));
        assertTrue(deep.getMessage().contains("deeper than 256 levels"), deep.getMessage());
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThrows(ConversionException.class, () -> py.set("cycle", cycle), "a Java cycle is refused, not a crash");
        assertEquals(1L, py.eval("len(nested)"), "the interpreter still works");
        PythonException exit = assertThrows(PythonException.class, () -> py.exec("raise SystemExit(3)"));
        assertEquals("SystemExit", exit.typeName());
        assertTrue(runtime.interpreter().isOpen(), "SystemExit must not end the runtime");
    }

    @Test
    void filesAndModulesRunAsMainWithOutcomes(@TempDir Path dir) throws IOException {
        Path ok = Files.writeString(dir.resolve("ok.py"), "import sys\nRESULT = __name__\n");
        Path exit = Files.writeString(dir.resolve("exit.py"), "raise SystemExit('bye')\n");
        Path bad = Files.writeString(dir.resolve("bad.py"), "1/0\n");
        Path ki = Files.writeString(dir.resolve("ki.py"), "raise KeyboardInterrupt\n");
        assertInstanceOf(RunOutcome.Completed.class, py.runFile(ok));
        assertEquals(new RunOutcome.Exited(1), py.runFile(exit));
        RunOutcome.Raised raised = assertInstanceOf(RunOutcome.Raised.class, py.runFile(bad));
        assertEquals("ZeroDivisionError", raised.exception().typeName());
        assertTrue(raised.exception().formattedTraceback().startsWith("Traceback (most recent call last):\n"),
                raised.exception().formattedTraceback());
        assertTrue(raised.exception().formattedTraceback().endsWith("File \"" + bad + "\", line 1, in <module>\n"
                + "    1/0\n    ~^~\nZeroDivisionError: division by zero\n"), raised.exception().formattedTraceback());
        assertInstanceOf(RunOutcome.Interrupted.class, py.runFile(ki));
        assertInstanceOf(RunOutcome.Completed.class, py.runModule("this"));
        RunOutcome missing = py.runModule("no_such_module_xyz");
        assertEquals("ImportError", assertInstanceOf(RunOutcome.Raised.class, missing).exception().typeName());
    }

    @Test
    void anyJavaThreadMayCallIncludingVirtualThreads() throws Exception {
        py.exec("import threading\nseen = set()\ndef who():\n    seen.add(threading.get_ident())\n    return 1");
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> py.eval("who()")));
            }
            for (Future<Object> f : results) {
                assertEquals(1L, f.get());
            }
        }
        assertEquals(false, py.eval("threading.main_thread().ident in seen"),
                "calls ran on the callers' carriers, not handed to the interpreter's main thread");
        py.exec("import threading\nt = threading.Thread(target=lambda: seen.add('py-thread'))\nt.start()\nt.join()");
        assertEquals(true, py.eval("'py-thread' in seen"), "Python threads run while Java is idle");
    }

    @Test
    void closingTwiceIsHarmlessAndLaterCallsFailClearly() {
        InstalledPython found = InstalledPythons.embedded().orElseThrow();
        runtime.close();
        PythonRuntime second = PythonRuntime.builder(RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED)
                .command("pass").python(found.executable()).build()).start();
        Interpreter old = py;
        runtime = second;
        py = second.interpreter();
        assertFalse(old.isOpen());
        LifecycleException e = assertThrows(LifecycleException.class, () -> old.eval("1"));
        assertTrue(e.getMessage().contains("finalized"), e.getMessage());
        assertEquals(2L, py.eval("1 + 1"), "a new runtime starts after the first one finalized");
        ExitStatus status = second.runMain();
        assertEquals(ExitStatus.of(0), status);
        assertSame(status, second.shutdown());
        second.close();
        assertThrows(LifecycleException.class, second::runMain);
        assertThrows(LifecycleException.class, () -> second.interpreter().exec("pass"));
        runtime = PythonRuntime.builder(RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED).python(found.executable())
                .build()).start();
        py = runtime.interpreter();
    }
}
