package dev.pyhost.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.Setting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * {@link PythonRuntimeProvider}, the {@code jakarta.inject}-only way in: a container constructs it through its
 * {@code @Inject} constructor (here Weld, with the extension left out, as any container that knows only
 * {@code jakarta.inject} would), and it runs the embedded CPython.
 */
class PythonRuntimeProviderTest {

    /** What the application binds: the configuration. */
    @ApplicationScoped
    static class Config {
        @Produces
        @Singleton
        RuntimeConfig config() {
            return RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED).set(Setting.OPTIMIZATION_LEVEL, 2).build();
        }
    }

    @Test
    void aContainerConstructsItThroughItsInjectConstructor() {
        PythonRuntimeProvider provider;
        try (WeldContainer container = new Weld().disableDiscovery()
                .addBeanClasses(Config.class, PythonRuntimeProvider.class)
                .property(Weld.SHUTDOWN_HOOK_SYSTEM_PROPERTY, false).initialize()) {
            provider = container.select(PythonRuntimeProvider.class).get();
            PythonRuntime python = provider.get();
            assertSame(python, provider.get(), "started once");
            assertEquals(2L, provider.interpreter().eval("__import__('sys').flags.optimize"));
            assertEquals("3.14", python.installation().version().feature());
            provider.close();
        }
        assertThrows(LifecycleException.class, provider::get);
    }
}
