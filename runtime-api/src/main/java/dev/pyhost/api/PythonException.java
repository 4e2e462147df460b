package dev.pyhost.api;

import java.io.Serial;
import java.util.Objects;

/**
 * A Python exception, carried into Java as data: the exception's type name (qualified for non-builtins, for
 * example {@code json.decoder.JSONDecodeError}), its {@code str()} and the traceback formatted as Python
 * prints it. No Python object is held, so the exception outlives the interpreter safely.
 */
public class PythonException extends PyHostException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String typeName;
    private final String pythonMessage;
    private final String formattedTraceback;

    /**
     * Creates the exception.
     *
     * @param typeName the Python type name
     * @param pythonMessage {@code str(exception)}
     * @param formattedTraceback the traceback as the default {@code sys.excepthook} prints it (without colour)
     */
    public PythonException(String typeName, String pythonMessage, String formattedTraceback) {
        super(pythonMessage.isEmpty() ? typeName : typeName + ": " + pythonMessage);
        this.typeName = Objects.requireNonNull(typeName, "typeName");
        this.pythonMessage = Objects.requireNonNull(pythonMessage, "pythonMessage");
        this.formattedTraceback = Objects.requireNonNull(formattedTraceback, "formattedTraceback");
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
}
