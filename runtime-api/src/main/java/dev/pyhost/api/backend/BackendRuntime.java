package dev.pyhost.api.backend;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonInstallation;

/**
 * The native side of one started runtime, as an {@link InterpreterProvider} hands it to the lifecycle manager.
 * {@link #finalizeRuntime} runs at most once; {@link #close()} finalizes if that has not happened.
 */
public interface BackendRuntime extends AutoCloseable {
    /** {@return the installation this runtime runs on, with the version of the library actually loaded} */
    PythonInstallation installation();

    /** {@return the main interpreter} */
    Interpreter interpreter();

    /** {@return the settings CPython resolved} */
    ResolvedSettings settings();

    /** {@return the steps of {@code pymain_run_python}} */
    MainSteps steps();

    /**
     * Finalizes CPython ({@code Py_FinalizeEx}): joins Python threads, runs {@code atexit} callbacks, flushes
     * and tears down. Later calls return the first result.
     *
     * @param atInterpreterExit run exactly once, after Python's {@code atexit} callbacks and after Python objects
     *        are gone (through {@code PyUnstable_AtExit} where CPython offers it soundly, else right after
     *        {@code Py_FinalizeEx}); the interpreter is unusable by then
     * @return 0, or -1 when flushing standard output or error failed (CPython then exits with 120)
     */
    int finalizeRuntime(Runnable atInterpreterExit);

    /** {@return whether Python code is running right now (so finalization would have to wait for it)} */
    boolean busy();

    /** Finalizes if needed (running nothing at interpreter exit); idempotent. */
    @Override
    void close();
}
