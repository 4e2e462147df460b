package dev.pyhost.api.spi;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonObject;
import java.util.Optional;

/**
 * Converts one Java type to Python and back, for types the built-in conversion table does not cover (a domain
 * record, a money type). Found through {@link java.util.ServiceLoader} when the runtime starts, or added with
 * {@link Interpreter#addConverter(ValueConverter)}. A converter is asked before the built-in rules: for a Java
 * value whose class is {@link #javaType()} or a subtype, and for a conversion to exactly {@link #javaType()}; for
 * the default conversion, when the Python object's type is {@link #pythonType()}.
 *
 * @param <T> the Java type
 */
public interface ValueConverter<T> {
    /** {@return the Java type this converter handles} */
    Class<T> javaType();

    /**
     * {@return the qualified name of the Python type ({@code module.QualName}, {@code int} for builtins) whose
     * objects the default conversion turns into {@link #javaType()}, or empty to leave them to the built-in rules}
     */
    default Optional<String> pythonType() {
        return Optional.empty();
    }

    /**
     * Converts a Java value to Python. Called on the converting thread, which may hold the GIL; it may use the
     * interpreter (import a module, call a constructor).
     *
     * @param value the value, never null
     * @param interpreter the interpreter it goes to
     * @return a handle to the Python object; the caller closes it
     */
    PythonObject toPython(T value, Interpreter interpreter);

    /**
     * Converts a Python object to Java.
     *
     * @param value a handle to the object, closed by the caller after this returns
     * @return the Java value
     * @throws dev.pyhost.api.ConversionException when the object cannot be converted
     */
    T toJava(PythonObject value);
}
