package dev.pyhost.cdi;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.Objects;

/**
 * A {@code jakarta.inject} {@link Provider} of a {@link PythonRuntime}, for containers other than CDI: it uses
 * {@code jakarta.inject} alone (no CDI type), so a container that honours {@code jakarta.inject} (Weld, Guice,
 * Dagger, Spring) constructs it through its {@link Inject} constructor from a {@link RuntimeConfig} it is given, and
 * it starts the runtime once, on the first {@link #get()}. On the class path it needs only {@code jakarta.inject-api};
 * on the module path its module also requires the CDI API. Bind it as a singleton and close it when the container stops, for example in Guice
 * {@code bind(PythonRuntime.class).toProvider(PythonRuntimeProvider.class)}, or in Spring
 * {@code @Bean(destroyMethod = "close")}. In a CDI container, the extension's beans are the better choice: they
 * add plug-in beans, events and an ordered shutdown.
 */
public final class PythonRuntimeProvider implements Provider<PythonRuntime>, AutoCloseable {
    private final RuntimeConfig config;
    private PythonRuntime runtime;
    private boolean closed;

    /**
     * Creates the provider; nothing starts yet.
     *
     * @param config the configuration of the runtime
     */
    @Inject
    public PythonRuntimeProvider(RuntimeConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * {@return the runtime, started on the first call; the same one on every call}
     *
     * @throws dev.pyhost.api.LifecycleException once the provider is closed, or when another runtime is running in
     *         this process
     */
    @Override
    public synchronized PythonRuntime get() {
        if (closed) {
            throw new dev.pyhost.api.LifecycleException("This PythonRuntimeProvider is closed");
        }
        if (runtime == null) {
            runtime = PythonRuntime.builder(config).start();
        }
        return runtime;
    }

    /** {@return the main interpreter of the runtime, which starts if it has not} */
    public Interpreter interpreter() {
        return get().interpreter();
    }

    /** Finalizes the runtime if it started; idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (runtime != null) {
            runtime.close();
        }
    }
}
