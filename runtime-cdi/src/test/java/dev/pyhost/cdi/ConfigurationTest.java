package dev.pyhost.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.Setting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the runtime's configuration comes from, and how a wrong one fails the deployment. */
class ConfigurationTest {
    private static final String OPTIMIZE = "__import__('sys').flags.optimize";

    @TempDir
    Path dir;

    /** Any bean, so that the synthetic archive is not empty. */
    @ApplicationScoped
    static class Anything {
    }

    @Test
    void everyInvalidPropertyFailsTheDeploymentAndIsNamed() {
        try (Containers props = Containers.withProperties(
                "pyhost.settings.optimization_level", "high",
                "pyhost.profile", "fast",
                "pyhost.pyhton", "/usr/bin/python3",
                "pyhost.settings.no_such_setting", "1",
                "pyhost.runtime.etl.startup", "sometimes",
                "pyhost.runtime.etl.shutdown-timeout", "soon")) {
            DeploymentException e = assertThrows(DeploymentException.class, () -> props.start(Anything.class).close());
            String m = e.getMessage();
            for (String named : new String[] {"pyhost.settings.optimization_level='high'", "takes a whole number",
                    "pyhost.profile='fast'", "pyhost.pyhton", "is not a PyHost property",
                    "pyhost.settings.no_such_setting", "Unknown setting 'no_such_setting'",
                    "pyhost.runtime.etl.startup='sometimes'", "pyhost.runtime.etl.shutdown-timeout='soon'",
                    "from system properties"}) {
                assertTrue(m.contains(named), "the message names " + named + ":\n" + m);
            }
        }
    }

    @Test
    void systemPropertiesWinOverPyhostPropertiesFiles() throws IOException {
        Path meta = Files.createDirectories(dir.resolve("META-INF"));
        Files.writeString(meta.resolve("pyhost.properties"), """
                pyhost.settings.optimization_level=2
                pyhost.environment.PYHOST_CDI_FROM_FILE=yes
                pyhost.runtime.filed.profile=python
                """);
        ClassLoader original = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader withFile = new URLClassLoader(new URL[] {dir.toUri().toURL()}, original);
                Containers props = Containers.withProperties("pyhost.settings.optimization_level", "1")) {
            Thread.currentThread().setContextClassLoader(withFile);
            try (WeldContainer container = props.start(Anything.class)) {
                Interpreter py = container.select(Interpreter.class).get();
                assertEquals(1L, py.eval(OPTIMIZE), "the system property wins");
                assertEquals("yes", py.eval("__import__('os').environ['PYHOST_CDI_FROM_FILE']"));
                RuntimeConfig filed = container.select(RuntimeConfig.class, PyRuntime.Literal.of("filed")).get();
                assertEquals(RuntimeConfig.Profile.PYTHON, filed.profile(), "a named runtime declared by the file");
            }
        } finally {
            Thread.currentThread().setContextClassLoader(original);
        }
    }

    @Test
    void microProfileConfigIsTheSourceWhenAnImplementationIsPresent() {
        FakeMicroProfileConfig.install(Map.of("pyhost.settings.optimization_level", "2",
                "pyhost.runtime.mp.settings.verbose", "0"));
        try (Containers props = Containers.withProperties("pyhost.settings.optimization_level", "1");
                WeldContainer container = props.start(Anything.class)) {
            assertEquals(2L, container.select(Interpreter.class).get().eval(OPTIMIZE),
                    "MicroProfile Config is read, the system property is not");
            assertEquals(0, container.select(RuntimeConfig.class, PyRuntime.Literal.of("mp")).get()
                    .get(Setting.VERBOSE).orElseThrow());
        } finally {
            FakeMicroProfileConfig.uninstall();
        }
    }

    /** An application that configures the default runtime in code. */
    @ApplicationScoped
    static class ConfigInCode {
        @Produces
        @Singleton
        RuntimeConfig config() {
            return RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED).set(Setting.OPTIMIZATION_LEVEL, 2).build();
        }
    }

    @Test
    void anApplicationRuntimeConfigTakesThePlaceOfTheProperties() {
        try (Containers props = Containers.withProperties("pyhost.settings.optimization_level", "1");
                WeldContainer container = props.start(ConfigInCode.class)) {
            assertEquals(2L, container.select(Interpreter.class).get().eval(OPTIMIZE));
        }
    }

    /** An application that declares a named runtime by configuring it in code, with no property at all. */
    @ApplicationScoped
    static class NamedConfigInCode {
        @Produces
        @Singleton
        @PyRuntime("coded")
        RuntimeConfig config() {
            return RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED).set(Setting.OPTIMIZATION_LEVEL, 2).build();
        }
    }

    @Test
    void anApplicationRuntimeConfigWithANameDeclaresThatRuntime() {
        try (Containers none = Containers.withProperties(); WeldContainer container = none.start(NamedConfigInCode.class)) {
            Interpreter coded = container.select(Interpreter.class, PyRuntime.Literal.of("coded")).get();
            assertEquals(2L, coded.eval(OPTIMIZE));
        }
    }

    /** An application that starts and closes the default runtime itself. */
    @ApplicationScoped
    static class RuntimeInCode {
        static volatile int disposed;

        @Produces
        @Singleton
        PythonRuntime runtime() {
            return PythonRuntime.builder(RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED)
                    .set(Setting.OPTIMIZATION_LEVEL, 2).build()).start();
        }

        void close(@Disposes PythonRuntime runtime) {
            runtime.close();
            disposed++;
        }
    }

    @Test
    void anApplicationPythonRuntimeIsTheApplicationsAndGetsAnInterpreterBean() {
        RuntimeInCode.disposed = 0;
        try (Containers props = Containers.withProperties("pyhost.settings.optimization_level", "1");
                WeldContainer container = props.start(RuntimeInCode.class)) {
            PythonRuntime mine = container.select(PythonRuntime.class).get();
            Interpreter py = container.select(Interpreter.class).get();
            assertEquals(2L, py.eval(OPTIMIZE), "the Interpreter bean is the application runtime's");
            assertSame(mine.interpreter(), py);
        }
        assertEquals(1, RuntimeInCode.disposed, "the application's disposer closed it");
    }
}
