package dev.pyhost.api.spi;

/**
 * Java code that runs when an interpreter finalizes, after Python's own {@code atexit} callbacks and after
 * Python objects are gone: it must not use the interpreter (calls fail with
 * {@link dev.pyhost.api.LifecycleException}).
 *
 * <p>Handlers are found through {@link java.util.ServiceLoader} (register with {@code @AutoService}) or
 * registered per runtime with {@code PythonRuntime.atExit(handler, data)}. Order: Python's {@code atexit}
 * callbacks (last registered first, as CPython runs them), then the handlers registered on the runtime in reverse
 * registration order, then the discovered handlers by ascending {@link #order()}. Each runs exactly once per
 * interpreter, on every way out (normal end, exception, {@code SystemExit}, {@code KeyboardInterrupt}, the REPL
 * ending, {@code close()}, {@code System.exit} elsewhere in the JVM, {@code SIGTERM}). A handler that throws is
 * reported on standard error in CPython's {@code Exception ignored} style; one that blocks is abandoned after a
 * bounded wait and reported; the others still run and the exit status is unchanged.
 *
 * <pre>{@code
 * @AutoService(ExitHandler.class)
 * public final class AuditExit implements ExitHandler {
 *     public String id() { return "audit"; }
 *     public void onExit(ExitContext exit) { log.info("python ended: " + exit.status()); }
 * }
 * }</pre>
 *
 * <p>Only {@link #onExit} is abstract, so a handler registered on one runtime can be a lambda:
 * {@code python.atExit(exit -> log.info("python ended: " + exit.status()))}.
 */
@FunctionalInterface
public interface ExitHandler {
    /** {@return a unique id; the class name by default (unique for each lambda and each class)} */
    default String id() {
        return getClass().getName();
    }

    /** {@return the position among discovered handlers; lower runs first} */
    default int order() {
        return BuiltinPlugins.DEFAULT_EXIT_HANDLER_ORDER;
    }

    /**
     * Runs at exit.
     *
     * @param context what ended, and how
     * @throws Exception any failure, which is reported and ignored
     */
    void onExit(ExitContext context) throws Exception;
}
