package dev.pyhost.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PythonRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several runtimes in one container, told apart by {@link PyRuntime}, each configured under its own prefix. */
class NamedRuntimesTest {
    private static final String OPTIMIZE = "__import__('sys').flags.optimize";

    /** Holds the default runtime and the one named {@code etl}. */
    @ApplicationScoped
    static class Pipelines {
        @Inject
        Interpreter main;
        @Inject
        @PyRuntime("etl")
        Interpreter etl;
        @Inject
        @PyRuntime("etl")
        PythonRuntime etlRuntime;

        Interpreter main() {
            return main;
        }

        Interpreter etl() {
            return etl;
        }

        PythonRuntime etlRuntime() {
            return etlRuntime;
        }
    }

    /** Hears the exit of {@code etl} only. */
    @ApplicationScoped
    static class EtlExits {
        @Inject
        Journal journal;

        void exited(@Observes @PyRuntime("etl") RuntimeExited e) {
            journal.add("etl exited: " + e.runtime());
        }
    }

    @BeforeEach
    void clear() {
        Journal.clear();
    }

    @Test
    void namedRuntimesHaveTheirOwnPropertiesAndRunOneAtATime() {
        try (Containers props = Containers.withProperties("pyhost.settings.optimization_level", "1",
                "pyhost.runtime.etl.settings.optimization_level", "2");
                WeldContainer container = props.start(Pipelines.class, EtlExits.class, Journal.class)) {
            Pipelines p = container.select(Pipelines.class).get();
            assertNotSame(p.main(), p.etl());
            assertEquals(2L, p.etl().eval(OPTIMIZE), "pyhost.runtime.etl.settings.* configure etl");
            LifecycleException busy = assertThrows(LifecycleException.class, () -> p.main().eval("1"));
            assertTrue(busy.getMessage().contains("'<default>' cannot start while the runtime 'etl'"),
                    busy.getMessage());
            p.etlRuntime().close();
            assertEquals(List.of("etl exited: etl"), Journal.entries());
            assertEquals(1L, p.main().eval(OPTIMIZE), "pyhost.settings.* configure the default runtime");
            LifecycleException finalized = assertThrows(LifecycleException.class, () -> p.etl().eval("1"));
            assertTrue(finalized.getMessage().contains("'etl' is finalized"), finalized.getMessage());
        }
        assertEquals(List.of("etl exited: etl", "journal destroyed"), Journal.entries(),
                "the default runtime's exit was not heard by the etl observer");
    }
}
