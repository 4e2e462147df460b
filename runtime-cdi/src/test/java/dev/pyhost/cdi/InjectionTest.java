package dev.pyhost.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.Setting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** The default runtime, injected by Weld SE and running the embedded CPython 3.14. */
class InjectionTest {

    /** An application bean, as a service would hold the interpreter (read through methods: it is a client proxy). */
    @ApplicationScoped
    static class Calculator {
        @Inject
        Interpreter python;
        @Inject
        PythonRuntime runtime;
        @Inject
        @PyRuntime(PyRuntime.DEFAULT)
        Interpreter sameByName;

        Interpreter python() {
            return python;
        }

        PythonRuntime runtime() {
            return runtime;
        }

        Interpreter sameByName() {
            return sameByName;
        }

        Object sum(String a, String b) {
            return python.eval(a + " + " + b);
        }
    }

    @Test
    void anInjectedInterpreterRunsTheEmbeddedCPython() {
        Interpreter kept;
        try (Containers props = Containers.withProperties("pyhost.settings.optimization_level", "1");
                WeldContainer container = props.start(Calculator.class)) {
            Calculator calc = container.select(Calculator.class).get();
            assertEquals(42L, calc.sum("40", "2"));
            assertEquals("3.14", calc.python().version().feature());
            assertTrue(calc.runtime().installation().origin().contains("embedded"), calc.runtime().installation().origin());
            assertEquals(1L, calc.python().eval("__import__('sys').flags.optimize"), "pyhost.settings.* reached CPython");
            assertSame(calc.python(), calc.sameByName(), "@Default and @PyRuntime(\"<default>\") name one bean");
            assertSame(calc.python(), calc.runtime().interpreter(), "the runtime's interpreter is the bean");
            RuntimeConfig config = container.select(RuntimeConfig.class).get();
            assertEquals(RuntimeConfig.Profile.ISOLATED, config.profile());
            assertEquals(1, config.get(Setting.OPTIMIZATION_LEVEL).orElseThrow());
            assertSame(config, calc.runtime().config());
            kept = calc.python();
        }
        assertFalse(kept.isOpen(), "the container's shutdown finalized the runtime");
        assertThrows(LifecycleException.class, () -> kept.eval("1"));
    }

    @Test
    void aRuntimeThatIsNeverUsedNeverStarts() {
        try (Containers none = Containers.withProperties(); WeldContainer container = none.start(Calculator.class)) {
            Calculator calc = container.select(Calculator.class).get();
            assertTrue(calc.python().isOpen(), "usable, though not started");
        }
        // a runtime started now would fail if the one above had started and not been finalized
        try (PythonRuntime direct = PythonRuntime.builder(RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED).build())
                .start()) {
            assertEquals(2L, direct.interpreter().eval("1 + 1"));
        }
    }
}
