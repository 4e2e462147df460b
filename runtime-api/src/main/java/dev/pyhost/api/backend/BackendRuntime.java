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

    /**
     * Creates a sub-interpreter; {@link dev.pyhost.api.PythonRuntime#newInterpreter} describes it.
     *
     * @param config what to create, not yet validated
     * @param exitContext the runtime's configuration, for the exit handlers' context
     * @param closeBound how long its {@code close()} waits for its Python code to end
     * @return the new interpreter
     */
    default dev.pyhost.api.SubInterpreter newInterpreter(dev.pyhost.api.SubInterpreterConfig config,
            dev.pyhost.api.RuntimeConfig exitContext, java.time.Duration closeBound) {
        throw new dev.pyhost.api.LifecycleException(getClass().getName() + " cannot create sub-interpreters");
    }

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

    /**
     * Like {@link #finalizeRuntime(Runnable)}, within a bound: Python code that still runs is interrupted, Python's
     * wait for non-daemon threads ends at the deadline (those threads live on as daemon threads do), and when
     * Python code does not end at all, finalization is given up (the exit handlers still run) and
     * {@link #abandoned()} says what was left running. The default ignores the bound.
     *
     * @param atInterpreterExit as for {@link #finalizeRuntime(Runnable)}
     * @param bound the time allowed
     * @return as for {@link #finalizeRuntime(Runnable)}
     */
    default int finalizeRuntime(Runnable atInterpreterExit, java.time.Duration bound) {
        return finalizeRuntime(atInterpreterExit);
    }

    /** {@return what a bounded finalization left running, in order; empty when nothing (the default)} */
    default java.util.List<String> abandoned() {
        return java.util.List.of();
    }

    /** {@return whether Python code is running right now (so finalization would have to wait for it)} */
    boolean busy();

    /** Finalizes if needed (running nothing at interpreter exit); idempotent. */
    @Override
    void close();
}
