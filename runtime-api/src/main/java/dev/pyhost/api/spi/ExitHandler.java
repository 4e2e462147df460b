package dev.pyhost.api.spi;

/**
 * Java code that runs when an interpreter finalizes, after Python's own {@code atexit} callbacks and after
 * Python objects are gone: it must not use the interpreter. Handlers are found through
 * {@link java.util.ServiceLoader} or registered per runtime. A handler that throws is reported on standard
 * error in CPython's {@code Exception ignored} style; the others still run and the exit status is unchanged.
 */
public interface ExitHandler {
    /** {@return a unique id} */
    String id();

    /** {@return the position among discovered handlers; lower runs first} */
    default int order() {
        return 0;
    }

    /**
     * Runs at exit.
     *
     * @param context what ended, and how
     * @throws Exception any failure, which is reported and ignored
     */
    void onExit(ExitContext context) throws Exception;
}
