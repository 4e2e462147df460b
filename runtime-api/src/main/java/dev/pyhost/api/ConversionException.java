package dev.pyhost.api;

import java.io.Serial;

/**
 * A value cannot be converted between Python and Java as asked: a Python {@code str} where an {@link Integer} is
 * wanted, an {@code int} that does not fit an {@code int}, a Java object with no Python counterpart. The message
 * names both types.
 */
public class ConversionException extends PyHostException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what could not be converted into what
     */
    public ConversionException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what could not be converted into what
     * @param cause the cause
     */
    public ConversionException(String message, Throwable cause) {
        super(message, cause);
    }
}
