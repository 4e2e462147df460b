package dev.pyhost.api;

/**
 * A namespace that Python code runs in: the globals of {@code __main__} ({@link Interpreter#mainScope()}) or a
 * fresh dict owned by the caller ({@link Interpreter#newScope()}), so that two components of one application do
 * not see each other's names. Code runs on the calling thread with the GIL held for the duration of the call.
 *
 * <p>Source passed to {@link #exec}, {@link #eval} and {@link #compile} is compiled under a file name of its own,
 * {@code <pyhost-input-N>}, whose lines the {@linkplain PythonException#formattedTraceback() traceback} shows (the
 * last 1,024 sources are kept for that). Compiled code is cached per scope by its text (the last 256), so evaluating
 * the same expression again does not compile it again.
 *
 * <p>Closing a scope made by {@link Interpreter#newScope()} releases its dict (idempotent); closing the main scope
 * does nothing, since it belongs to the interpreter.
 */
public interface PythonScope extends AutoCloseable {
    /**
     * Runs statements in this scope.
     *
     * @param source Python statements
     * @throws PythonException when the code raises (including {@code SystemExit}) or does not compile
     */
    void exec(String source);

    /**
     * Evaluates an expression in this scope with the default conversion (builtin values become their Java
     * types, anything else a {@link PythonObject} the caller owns).
     *
     * @param expression a Python expression
     * @return the converted value
     * @throws PythonException when evaluation raises or the expression does not compile
     */
    Object eval(String expression);

    /**
     * Evaluates an expression and converts its value to a Java type.
     *
     * @param expression a Python expression
     * @param type the Java type wanted
     * @param <T> that type
     * @return the converted value
     * @throws PythonException when evaluation raises
     * @throws ConversionException when the value cannot become {@code type}
     */
    <T> T eval(String expression, Class<T> type);

    /**
     * Binds a name in this scope to a Java value, converted (a {@link PythonObject} is bound as itself). Nothing
     * is quoted into source text.
     *
     * @param name the name
     * @param value the value
     */
    void set(String name, Object value);

    /**
     * Reads a name of this scope with the default conversion.
     *
     * @param name the name
     * @return the converted value
     * @throws PythonException {@code NameError} when the name is not bound
     */
    Object get(String name);

    /**
     * Reads a name of this scope and converts it.
     *
     * @param name the name
     * @param type the Java type wanted ({@code PythonObject.class} for a handle)
     * @param <T> that type
     * @return the converted value
     * @throws PythonException {@code NameError} when the name is not bound
     * @throws ConversionException when the value cannot become {@code type}
     */
    <T> T get(String name, Class<T> type);

    /**
     * {@return whether a name is bound in this scope}
     *
     * @param name the name
     */
    boolean contains(String name);

    /**
     * Unbinds a name; nothing happens when it is not bound.
     *
     * @param name the name
     */
    void remove(String name);

    /**
     * Calls what a name of this scope refers to, followed by attributes ({@code "json.dumps"} when this scope
     * imported {@code json}), and converts the result with the default conversion.
     *
     * @param callable a name, optionally followed by {@code .attribute}s
     * @param args Java values, converted
     * @return the converted result
     * @throws PythonException when the lookup or the call raises
     */
    Object call(String callable, Object... args);

    /**
     * Compiles source once, to run in this scope as often as needed: an expression (its value is the result) or,
     * when it is not one, statements (the result is {@code null}).
     *
     * @param source Python source
     * @return the compiled code, owned by the caller
     * @throws PythonException {@code SyntaxError} when it does not compile
     */
    PythonCode compile(String source);

    /** {@return a new handle to this scope's globals dict} */
    PythonObject globals();

    /** Releases this scope's dict, or does nothing for the main scope. Idempotent. */
    @Override
    void close();
}
