package dev.pyhost.api;

import java.io.Serial;

/**
 * The native side could not be reached: libpython is missing or is not a shared library, a symbol is absent,
 * or the JVM denies native access (start it with {@code --enable-native-access=ALL-UNNAMED}, or the module
 * name of {@code dev.pyhost.cpython}).
 */
public final class NativeAccessException extends PyHostException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what could not be reached and what to do
     */
    public NativeAccessException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what could not be reached and what to do
     * @param cause the underlying failure
     */
    public NativeAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
