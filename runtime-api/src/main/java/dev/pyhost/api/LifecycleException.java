package dev.pyhost.api;

import java.io.Serial;

/**
 * A call does not fit the state of a runtime or of the process: the runtime is finalized, its main module
 * already ran, another runtime is running in this process, CPython was initialized by other code, or an exit
 * handler used the interpreter after finalization.
 */
public final class LifecycleException extends PyHostException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what state the runtime or the process is in, and what to do
     */
    public LifecycleException(String message) {
        super(message);
    }
}
