package dev.pyhost.cdi;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import jakarta.inject.Inject;

/**
 * Measures, in a fresh JVM, how long a CDI application waits for its first Python result: Weld SE's start
 * (synthetic archive of one bean, the extension added by hand), then the first {@code eval} through an injected
 * {@link Interpreter}, which starts the embedded CPython; and, for comparison, the same first result without CDI.
 * Not a test: run it by hand (see the module's report) with the test class path.
 */
public final class StartupProbe {
    private StartupProbe() {
    }

    /** The application bean that holds the interpreter. */
    @ApplicationScoped
    static class Holder {
        @Inject
        Interpreter python;

        Object eval(String expression) {
            return python.eval(expression);
        }
    }

    /**
     * Prints one line of timings.
     *
     * @param args {@code plain} to measure PyHost without CDI
     */
    public static void main(String[] args) {
        long t0 = System.nanoTime();
        if (args.length > 0 && args[0].equals("plain")) {
            try (PythonRuntime rt = PythonRuntime.builder(RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED).build())
                    .start()) {
                Object r = rt.interpreter().eval("6 * 7");
                System.out.printf("plain: result=%s first_result_ms=%d%n", r, (System.nanoTime() - t0) / 1_000_000);
            }
            return;
        }
        SeContainer container = SeContainerInitializer.newInstance().disableDiscovery()
                .addExtensions(new PyHostExtension()).addBeanClasses(Holder.class).initialize();
        long t1 = System.nanoTime();
        Object r = container.select(Holder.class).get().eval("6 * 7");
        long t2 = System.nanoTime();
        container.close();
        long t3 = System.nanoTime();
        System.out.printf("cdi: result=%s container_start_ms=%d then_first_result_ms=%d total_ms=%d shutdown_ms=%d%n", r,
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t2 - t0) / 1_000_000, (t3 - t2) / 1_000_000);
    }
}
