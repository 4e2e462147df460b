package dev.pyhost.api;

import java.io.Serial;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * CPython refused to initialize: its {@code PyStatus} was an error or an exit.
 *
 * <p>An <em>exit</em> status is what CPython's own command-line parser returns for {@code -h}, {@code -V}
 * (exit code 0, text already printed on standard output) or for a usage error (exit code 2, usage already
 * printed on standard error). An <em>error</em> status carries the name of the C function and CPython's
 * message, as {@code Fatal Python error: <function>: <message>} would show them.
 */
public final class InitializationException extends PyHostException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String function;
    private final String statusMessage;
    private final Integer exitCode;

    private InitializationException(String message, String function, String statusMessage, Integer exitCode) {
        super(message);
        this.function = function;
        this.statusMessage = statusMessage;
        this.exitCode = exitCode;
    }

    /**
     * An error status.
     *
     * @param function the C function CPython names, or {@code null}
     * @param statusMessage CPython's message
     * @return the exception
     */
    public static InitializationException error(String function, String statusMessage) {
        String text = function == null ? statusMessage : function + ": " + statusMessage;
        return new InitializationException("CPython failed to initialize: " + text, function, statusMessage, null);
    }

    /**
     * An exit status (help, version, or a command-line usage error).
     *
     * @param exitCode the process exit code CPython asks for
     * @return the exception
     */
    public static InitializationException exit(int exitCode) {
        return new InitializationException(
                "CPython's command line asked to exit with status " + exitCode, null, null, exitCode);
    }

    /** {@return the C function named by the status, if any} */
    public Optional<String> function() {
        return Optional.ofNullable(function);
    }

    /** {@return CPython's own error text, if this is an error status} */
    public Optional<String> statusMessage() {
        return Optional.ofNullable(statusMessage);
    }

    /** {@return the exit code, if this is an exit status} */
    public OptionalInt exitCode() {
        return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }

    /**
     * {@return the text CPython's {@code Py_ExitStatusException} prints for an error status, without the
     * trailing runtime-state line}
     */
    public String fatalErrorText() {
        return "Fatal Python error: " + (function == null ? "" : function + ": ") + statusMessage;
    }
}
