package dev.pyhost.api;

import dev.pyhost.api.spi.ExitHandler;

/**
 * A sub-interpreter of a {@link PythonRuntime}, made by {@link PythonRuntime#newInterpreter(SubInterpreterConfig)}:
 * its own modules, {@code sys}, {@code __main__} and, when {@link InterpreterKind#ISOLATED}, its own GIL, so that
 * Python code in it runs in parallel with every other interpreter.
 *
 * <p>The {@link Interpreter} API works as on the main interpreter: calls run on the caller's thread (each thread
 * gets its own thread state for this interpreter), handles belong to this interpreter and are refused by any other
 * with a {@link ConversionException}, {@link #interrupt()} and {@link #withTimeout} cancel calls in flight, and
 * output goes to the runtime's {@link StandardStreams}. The interpreter itself was created on, and is ended on, a
 * platform thread of its own.
 *
 * <p>{@link #close()} waits for the calls in flight, joins the interpreter's non-daemon Python threads, runs its
 * {@code atexit} callbacks, ends it ({@code Py_EndInterpreter}) and then runs the exit handlers registered with
 * {@link #atExit}. Closing the runtime closes its sub-interpreters first. Idempotent.
 */
public interface SubInterpreter extends Interpreter, AutoCloseable {
    /** {@return its kind: {@link InterpreterKind#ISOLATED} or {@link InterpreterKind#SHARED_GIL}} */
    InterpreterKind kind();

    /** {@return the configuration it was created with} */
    SubInterpreterConfig config();

    /** {@return CPython's id of the interpreter ({@code PyInterpreterState_GetID}); the main one is 0} */
    long id();

    /**
     * Registers a handler to run once this interpreter ended (after its {@code atexit} callbacks); its context has
     * no outcome and status 0, or 1 when ending it failed.
     *
     * @param handler the handler
     * @return this interpreter
     * @throws LifecycleException when it is closed
     */
    SubInterpreter atExit(ExitHandler handler);

    /**
     * Ends the interpreter, within the runtime's finalization timeout ({@code PythonRuntime.Builder.timeouts}, 5 s by
     * default): calls in flight are interrupted half-way through it, non-daemon Python threads are joined until it
     * ends. Returns once the interpreter ended, or, when its Python code does not end (a call that ignores interrupts,
     * a thread that never returns, a daemon thread still running), leaves it running (it refuses new calls, and the
     * runtime then cannot be finalized either: see {@link PythonRuntime#abandoned()}) and says so in a
     * {@link LifecycleException}.
     */
    @Override
    void close();
}
