package dev.pyhost.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonRuntime;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

/**
 * The extension under weld-junit5 5.0.3 with the JUnit 5.14 in use: fields and parameters of a test get the
 * default runtime's beans, and the container weld-junit5 starts and stops around each test method starts and
 * finalizes a fresh embedded CPython each time.
 */
@EnableWeld
class WeldJunitTest {
    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld().addExtension(new PyHostExtension())
            .addBeanClasses(Journal.class)).build();

    @Inject
    Interpreter python;

    @Test
    void fieldsAreInjected() {
        assertEquals("3.14", python.version().feature());
        assertEquals(false, python.eval("'mark' in globals()"), "a fresh CPython for this method");
        python.exec("mark = 1");
    }

    @Test
    void parametersAreInjected(PythonRuntime runtime) {
        assertSame(python, runtime.interpreter());
        assertEquals(false, python.eval("'mark' in globals()"), "a fresh CPython for this method");
        python.exec("mark = 1");
    }
}
