package dev.pyhost.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonException;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.PythonVersion;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The extension used as a third party uses it, on the real CPython the kit chooses: parameters, the fresh
 * {@code __main__} per method, namespaces, captured output.
 */
@PyHostTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PyHostExtensionTest {
    @Test
    @Order(1)
    void resolvesTheRuntimeItsInterpreterAndVersion(PythonRuntime runtime, Interpreter py, PythonVersion version) {
        assertSame(runtime.interpreter(), py);
        assertEquals(runtime.installation().version(), version);
        assertEquals(version.toString(), py.eval("'%d.%d.%d' % __import__('sys').version_info[:3]"),
                "the version is the loaded CPython's");
        assertTrue(version.atLeast(3, 10), version.toString());
    }

    @Test
    @Order(2)
    void aMethodLeavesGlobalsBehind(Interpreter py) {
        py.exec("left_behind = 1\nimport json");
        assertEquals(1L, py.eval("left_behind"));
    }

    @Test
    @Order(3)
    void theNextMethodDoesNotSeeThem(Interpreter py) {
        assertEquals(false, py.eval("'left_behind' in globals()"), "__main__ is put back after each method");
        assertEquals(false, py.eval("'json' in globals()"));
        assertEquals(true, py.eval("'json' in __import__('sys').modules"), "imported modules stay");
        assertEquals("__main__", py.eval("__name__"));
    }

    @Test
    @Order(4)
    void namespacesAreFreshAndSeparate(PythonNamespace ns, Interpreter py) {
        assertEquals(List.of("__name__"), ns.names());
        ns.exec("x = 6 * 7\ndef twice(v):\n    return 2 * v");
        assertEquals(84L, ns.eval("twice(x)"));
        assertEquals(List.of("__name__", "twice", "x"), ns.names());
        assertEquals(false, py.eval("'x' in globals()"), "a namespace is not __main__");
        PythonException e = assertThrows(PythonException.class, () -> ns.eval("undefined_name"));
        assertEquals("NameError", e.typeName());
        assertTrue(e.formattedTraceback().contains("File \"<namespace>\""), e.formattedTraceback());
        assertSame(py, ns.interpreter());
    }

    @Test
    @Order(5)
    void capturesWhatPythonWrites(Interpreter py, CapturedOutput output) {
        py.exec("print('hello'); import sys; sys.stderr.write('to stderr\\n'); sys.stdout.buffer.write(b'bytes\\n')");
        py.exec("print('h\\u00e9llo \\u2713 \\U0001F600')");
        assertEquals("hello\nbytes\nh\u00e9llo \u2713 \ud83d\ude00\n", output.stdout());
        assertEquals(List.of("to stderr"), output.stderrLines());
        PythonException e = assertThrows(PythonException.class, () -> py.exec("import warnings\n"
                + "warnings.warn('careful')\nraise KeyError('k')"));
        assertEquals("KeyError", e.typeName());
        assertTrue(output.stderr().contains("UserWarning: careful"), output.stderr());
        output.clear();
        assertEquals("", output.stdout());
        py.exec("print('after clear')");
        assertEquals("after clear\n", output.stdout());
    }

    @Test
    @Order(6)
    void capturingEndsWithTheMethod(Interpreter py) {
        assertEquals(true, py.eval("__import__('sys').stdout is __import__('sys').__stdout__"),
                "the original sys.stdout is back");
    }

    @Test
    @Order(7)
    void oneNamespacePerMethodAndRuntime(PythonNamespace a, PythonNamespace b) {
        a.exec("shared = 1");
        assertEquals(1L, b.eval("shared"), "two parameters of one method are the same namespace");
    }

    @Test
    @Order(8)
    void perRunRuntimeIsTheSameAcrossMethods(PythonRuntime runtime) {
        assertTrue(runtime.interpreter().isOpen());
        assertFalse(Boolean.TRUE.equals(runtime.interpreter().eval("'left_behind' in globals()")));
        assertNotSame(null, runtime.installation());
    }
}
