package dev.pyhost.api;

/**
 * Python source compiled once by {@link PythonScope#compile(String)}: runs in its scope without being compiled
 * again. Owned by the caller; {@link #close()} releases the code object (idempotent), as does the
 * {@link java.lang.ref.Cleaner} when the object becomes unreachable.
 */
public interface PythonCode extends AutoCloseable {
    /** {@return whether the source was an expression (then {@link #run()} returns its value)} */
    boolean isExpression();

    /**
     * Runs the code in its scope.
     *
     * @return the expression's value with the default conversion, or {@code null} for statements
     * @throws PythonException when the code raises
     */
    Object run();

    /**
     * Runs the code in its scope and converts the expression's value.
     *
     * @param type the Java type wanted
     * @param <T> that type
     * @return the converted value ({@code null} for statements)
     * @throws PythonException when the code raises
     * @throws ConversionException when the value cannot become {@code type}
     */
    <T> T run(Class<T> type);

    /** Releases the code object. Idempotent; never throws. */
    @Override
    void close();
}
