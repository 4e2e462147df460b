package dev.pyhost.api;

import java.io.Serial;
import java.util.Objects;
import java.util.Optional;

/**
 * A Python exception, carried into Java: the exception's type name (qualified for non-builtins, for example
 * {@code json.decoder.JSONDecodeError}), its {@code str()}, the traceback formatted as Python prints it and, for
 * exceptions raised by calls through the object API, more:
 * <ul>
 * <li>the Python frames as {@link StackTraceElement}s on top of the Java frames of the call
 *     ({@code module.function(file:line)}), so a Java stack trace reads from the failing Python line down to the
 *     Java caller;</li>
 * <li>the cause chain: {@link #getCause()} is the exception's {@code __cause__}, or its {@code __context__} unless
 *     {@code __suppress_context__}, itself a {@code PythonException} (or the original Java exception when that is
 *     what Python saw);</li>
 * <li>the exception object as a {@linkplain #exception() handle}, for its attributes.</li>
 * </ul>
 * The data outlives the interpreter; the handle does not.
 */
public class PythonException extends PyHostException {
    @Serial
    private static final long serialVersionUID = 2L;

    private final String typeName;
    private final String pythonMessage;
    private final String formattedTraceback;
    @SuppressWarnings("serial") // not serialized: a live handle means nothing in another process
    private final transient PythonObject exception;

    /**
     * Creates the exception as data only.
     *
     * @param typeName the Python type name
     * @param pythonMessage {@code str(exception)}
     * @param formattedTraceback the traceback as the default {@code sys.excepthook} prints it (without colour)
     */
    public PythonException(String typeName, String pythonMessage, String formattedTraceback) {
        this(typeName, pythonMessage, formattedTraceback, null);
    }

    /**
     * Creates the exception with a handle to the Python exception object.
     *
     * @param typeName the Python type name
     * @param pythonMessage {@code str(exception)}
     * @param formattedTraceback the traceback as the default {@code sys.excepthook} prints it (without colour)
     * @param exception a handle to the exception object, owned by this exception from now on; may be null
     */
    public PythonException(String typeName, String pythonMessage, String formattedTraceback,
            PythonObject exception) {
        super(pythonMessage.isEmpty() ? typeName : typeName + ": " + pythonMessage);
        this.typeName = Objects.requireNonNull(typeName, "typeName");
        this.pythonMessage = Objects.requireNonNull(pythonMessage, "pythonMessage");
        this.formattedTraceback = Objects.requireNonNull(formattedTraceback, "formattedTraceback");
        this.exception = exception;
    }

    /** {@return the Python type name, for example {@code ValueError}} */
    public String typeName() {
        return typeName;
    }

    /** {@return {@code str()} of the Python exception} */
    public String pythonMessage() {
        return pythonMessage;
    }

    /** {@return the traceback, formatted as Python prints it} */
    public String formattedTraceback() {
        return formattedTraceback;
    }

    /**
     * {@return the exception object, while its runtime runs; empty for an exception carried as data only (the
     * outcome of a run, or one that was deserialized)} The handle belongs to this exception: do not close it.
     */
    public Optional<PythonObject> exception() {
        return Optional.ofNullable(exception).filter(PythonObject::isOpen);
    }
}
