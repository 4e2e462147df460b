package dev.pyhost.api;

import java.io.Serial;

/**
 * No plug-in (interpreter provider, installation locator, execution mode, exit handler) could be chosen, or
 * two claim the same id. The message lists every candidate that was considered and how to fix the choice.
 */
public final class ProviderException extends PyHostException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the candidates that were considered and the fix
     */
    public ProviderException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message the candidates that were considered and the fix
     * @param cause the failure of the last candidate
     */
    public ProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
