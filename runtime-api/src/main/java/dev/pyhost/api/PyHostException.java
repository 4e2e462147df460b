package dev.pyhost.api;

import java.io.Serial;

/** Root of PyHost's unchecked exceptions. Every failure PyHost reports to Java code extends this type. */
public class PyHostException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong and, where there is one, the fix
     */
    public PyHostException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong and, where there is one, the fix
     * @param cause the underlying failure
     */
    public PyHostException(String message, Throwable cause) {
        super(message, cause);
    }
}
