package dev.pyhost.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.ExitStatus;
import dev.pyhost.api.Interpreter;
import dev.pyhost.api.ProviderException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.spi.BuiltinPlugins;
import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.api.spi.ExitContext;
import dev.pyhost.api.spi.ExitHandler;
import dev.pyhost.api.spi.InstallationLocator;
import dev.pyhost.api.spi.MainContext;
import dev.pyhost.embedded.EmbeddedLocator;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CDI beans as plug-ins, against the embedded CPython: they take part as ServiceLoader plug-ins do (by order, a
 * bean replacing a discovered plug-in of the same id), inject other beans, and run exactly once at shutdown while
 * what they inject is still alive.
 */
class PluginBeansTest {

    /** An exit handler bean that injects another bean. */
    @ApplicationScoped
    static class AuditExit implements ExitHandler {
        @Inject
        Journal journal;

        @Override
        public String id() {
            return "audit";
        }

        @Override
        public int order() {
            return 5;
        }

        @Override
        public void onExit(ExitContext context) {
            journal.add("audit exit " + context.status().code());
        }
    }

    /** A dependent exit handler bean: destroyed once the runtime has finalized. */
    @Dependent
    static class CountingExit implements ExitHandler {
        @Inject
        Journal journal;

        @Override
        public String id() {
            return "counting";
        }

        @Override
        public int order() {
            return 6;
        }

        @Override
        public void onExit(ExitContext context) {
            journal.add("counting exit");
        }

        @PreDestroy
        void destroyed() {
            Journal.ENTRIES.add("counting destroyed");
        }
    }

    /** An exit handler for another runtime only: never part of the default one. */
    @ApplicationScoped
    @PyRuntime("other")
    static class OtherRuntimeExit implements ExitHandler {
        @Override
        public String id() {
            return "other";
        }

        @Override
        public void onExit(ExitContext context) {
            Journal.ENTRIES.add("other exit");
        }
    }

    /** Replaces the discovered embedded locator by id, and says so in the installation's origin. */
    @ApplicationScoped
    static class EmbeddedByBean implements InstallationLocator {
        @Inject
        Journal journal;

        @Override
        public String id() {
            return BuiltinPlugins.EMBEDDED_LOCATOR;
        }

        @Override
        public int order() {
            return BuiltinPlugins.EMBEDDED_LOCATOR_ORDER;
        }

        @Override
        public Optional<PythonInstallation> locate(RuntimeConfig config, Map<String, String> environment) {
            journal.add("locator asked");
            return new EmbeddedLocator().locate(config, environment).map(i -> new PythonInstallation(i.executable(),
                    i.libpython(), i.version(), "bean " + i.origin(), i.preload()));
        }
    }

    /** A mode asked before the built-in command mode: runs the command, then exits with 3. */
    @ApplicationScoped
    static class ExitThreeMode implements ExecutionMode {
        @Inject
        Journal journal;

        @Override
        public String id() {
            return "exit-three";
        }

        @Override
        public int order() {
            return BuiltinPlugins.COMMAND_MODE_ORDER - 1;
        }

        @Override
        public boolean appliesTo(MainContext context) {
            return context.command().isPresent();
        }

        @Override
        public RunOutcome run(MainContext context) {
            journal.add("mode ran " + context.command().orElseThrow());
            return context.runner().runCommand(context.command().orElseThrow() + "\nraise SystemExit(3)");
        }
    }

    /** Records the runs that end. */
    @ApplicationScoped
    static class RunLog {
        @Inject
        Journal journal;

        void ended(@Observes RunEnded run) {
            journal.add("run ended " + run.what() + " " + run.outcome().orElseThrow() + " " + run.status().code());
        }
    }

    @BeforeEach
    void clear() {
        Journal.clear();
        DiscoveredExit.RUNS.clear();
    }

    private static final Class<?>[] PLUGINS = {Journal.class, AuditExit.class, CountingExit.class,
        OtherRuntimeExit.class, EmbeddedByBean.class, ExitThreeMode.class, RunLog.class};

    @Test
    void beansTakePartInRunMainAndRunOnceEach() {
        try (Containers props = Containers.withProperties("pyhost.settings.run_command", "x = 1",
                "pyhost.settings.argv", "-c");
                WeldContainer container = props.start(PLUGINS)) {
            PythonRuntime python = container.select(PythonRuntime.class).get();
            assertTrue(python.installation().origin().startsWith("bean "), "the bean replaced the embedded locator: "
                    + python.installation().origin());
            assertEquals("3.14", python.installation().version().feature());
            ExitStatus status = python.runMain();
            assertEquals(3, status.code(), "the bean mode ran before the built-in command mode");
        }
        assertEquals(List.of("locator asked", "mode ran x = 1", "audit exit 3", "counting exit", "counting destroyed",
                "run ended main Exited[code=3] 3", "journal destroyed"), Journal.entries());
    }

    @Test
    void atContainerShutdownEveryExitHandlerRunsOnceWhileTheBeansItInjectsAreAlive() {
        try (Containers none = Containers.withProperties(); WeldContainer container = none.start(PLUGINS)) {
            Interpreter py = container.select(Interpreter.class).get();
            assertEquals(6L, py.eval("2 * 3"));
            assertFalse(Journal.entries().contains("audit exit 0"), "no exit handler before shutdown");
        }
        assertEquals(List.of("locator asked", "audit exit 0", "counting exit", "counting destroyed",
                "journal destroyed"), Journal.entries());
        assertEquals(List.of("discovered exit"), DiscoveredExit.RUNS, "the ServiceLoader plug-in took part too");
    }

    /** Claims the id of the discovered {@link DiscoveredExit}. */
    @ApplicationScoped
    static class ReplacingExit implements ExitHandler {
        @Override
        public String id() {
            return DiscoveredExit.ID;
        }

        @Override
        public void onExit(ExitContext context) {
            Journal.ENTRIES.add("bean in place of the discovered handler");
        }
    }

    @Test
    void aBeanReplacesTheDiscoveredPluginWithItsId() {
        try (Containers none = Containers.withProperties();
                WeldContainer container = none.start(Journal.class, ReplacingExit.class)) {
            assertEquals(1L, container.select(Interpreter.class).get().eval("1"));
        }
        assertEquals(List.of("bean in place of the discovered handler"), Journal.entries());
        assertEquals(List.of(), DiscoveredExit.RUNS);
    }

    @Test
    void withDiscoveryOffOnlyBeansAndBuiltInsTakePart() {
        try (Containers props = Containers.withProperties("pyhost.discovery", "false");
                WeldContainer container = props.start(Journal.class, EmbeddedByBean.class)) {
            PythonRuntime python = container.select(PythonRuntime.class).get();
            assertEquals(1L, python.interpreter().eval("1"), "the CPython binding is still discovered");
            assertTrue(python.installation().origin().startsWith("bean "), python.installation().origin());
        }
        assertEquals(List.of(), DiscoveredExit.RUNS, "no ServiceLoader exit handler took part");
    }

    /** A second exit handler bean with the id of {@link AuditExit}. */
    @ApplicationScoped
    static class SecondAudit implements ExitHandler {
        @Override
        public String id() {
            return "audit";
        }

        @Override
        public void onExit(ExitContext context) {
            Journal.ENTRIES.add("second audit");
        }
    }

    @Test
    void twoBeansWithOneIdAreRefusedNamingBoth() {
        try (Containers none = Containers.withProperties();
                WeldContainer container = none.start(Journal.class, AuditExit.class, SecondAudit.class)) {
            Interpreter py = container.select(Interpreter.class).get();
            ProviderException e = assertThrows(ProviderException.class, () -> py.eval("1"));
            assertTrue(e.getMessage().contains(AuditExit.class.getName()) && e.getMessage().contains(
                    SecondAudit.class.getName()) && e.getMessage().contains("'audit'"), e.getMessage());
            assertInstanceOf(ProviderException.class, assertThrows(ProviderException.class, () -> py.eval("1")),
                    "nothing started, so the next use fails the same way");
        }
        assertEquals(List.of(), Journal.entries(), "no exit handler ran (nothing started), no bean used the journal");
    }
}
