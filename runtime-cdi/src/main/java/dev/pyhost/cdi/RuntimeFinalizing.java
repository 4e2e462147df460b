package dev.pyhost.cdi;

import dev.pyhost.api.Interpreter;
import java.util.Objects;

/**
 * CDI event: a runtime of the container is about to finalize, because the container shuts down or the
 * application closed the runtime bean. Synchronous observers run first, on the thread that finalizes, and may still
 * use the {@linkplain #interpreter() interpreter}; asynchronous observers are awaited for at most the runtime's
 * {@code shutdown-timeout}. Then new calls are refused, running Python code is waited for within that bound, and
 * CPython finalizes (Python's {@code atexit}, then every exit handler once). Not fired for
 * {@code PythonRuntime.runMain()}, which finalizes by itself right after the main code, as {@code Py_RunMain} does.
 *
 * @param runtime the runtime's name
 * @param interpreter the interpreter, usable until the observers return
 */
public record RuntimeFinalizing(String runtime, Interpreter interpreter) {
    /** Checks that nothing is missing. */
    public RuntimeFinalizing {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(interpreter, "interpreter");
    }
}
