package dev.pyhost.api;

import java.util.List;
import java.util.Map;

/**
 * A live, owned reference to a Python object. The handle keeps the object alive until it is {@linkplain #close()
 * closed}; a handle that becomes unreachable without being closed is released by a {@link java.lang.ref.Cleaner}
 * at the interpreter's next call. Either way the reference is dropped exactly once, with the GIL held, and never
 * after the runtime is finalized. After {@code close()} every method but {@code close()}, {@link #isOpen()} and
 * {@link #toString()} throws {@link IllegalStateException}; after the runtime is finalized they throw
 * {@link LifecycleException}.
 *
 * <p>Handles may be used from any thread, virtual threads included. Arguments are Java values converted as the
 * table in the README ("Conversion") says; another handle is passed as the object it refers to. Methods returning a
 * {@code PythonObject} return a new handle that the caller owns; methods taking a {@code Class} convert the result
 * to that type and release the intermediate object.
 *
 * <p>Two handles are {@linkplain #equals(Object) equal} when they refer to the same Python object ({@code is}).
 */
public interface PythonObject extends AutoCloseable {
    /** {@return the qualified name of the object's type, for example {@code int} or {@code datetime.date}} */
    String typeName();

    /**
     * Reads an attribute ({@code getattr(o, name)}).
     *
     * @param name the attribute's name
     * @return a new handle to its value
     * @throws PythonException when Python raises, for example {@code AttributeError}
     */
    PythonObject attr(String name);

    /**
     * Reads an attribute and converts it.
     *
     * @param name the attribute's name
     * @param type the Java type wanted
     * @param <T> that type
     * @return the converted value
     * @throws PythonException when Python raises
     * @throws ConversionException when the value cannot become {@code type}
     */
    <T> T attr(String name, Class<T> type);

    /**
     * Sets an attribute ({@code setattr(o, name, value)}).
     *
     * @param name the attribute's name
     * @param value a Java value, converted
     * @throws PythonException when Python raises
     */
    void setAttr(String name, Object value);

    /**
     * Tells whether the object has an attribute ({@code hasattr(o, name)}).
     *
     * @param name the attribute's name
     * @return whether {@code getattr} succeeds
     * @throws PythonException when {@code getattr} raises something other than {@code AttributeError}
     */
    boolean hasAttr(String name);

    /**
     * Reads an item ({@code o[key]}).
     *
     * @param key a Java value, converted
     * @return a new handle to the item
     * @throws PythonException when Python raises, for example {@code KeyError}
     */
    PythonObject item(Object key);

    /**
     * Reads an item and converts it.
     *
     * @param key a Java value, converted
     * @param type the Java type wanted
     * @param <T> that type
     * @return the converted item
     * @throws PythonException when Python raises
     * @throws ConversionException when the item cannot become {@code type}
     */
    <T> T item(Object key, Class<T> type);

    /**
     * Sets an item ({@code o[key] = value}).
     *
     * @param key a Java value, converted
     * @param value a Java value, converted
     * @throws PythonException when Python raises
     */
    void setItem(Object key, Object value);

    /**
     * {@code len(o)}.
     *
     * @return the length
     * @throws PythonException when the object has no length
     */
    long size();

    /**
     * Calls the object with positional arguments ({@code o(*args)}).
     *
     * @param args Java values, converted
     * @return a new handle to the result
     * @throws PythonException when the call raises
     */
    PythonObject call(Object... args);

    /**
     * Calls the object with positional and keyword arguments ({@code o(*args, **kwargs)}).
     *
     * @param args the positional arguments, converted
     * @param kwargs the keyword arguments, converted, in their iteration order
     * @return a new handle to the result
     * @throws PythonException when the call raises
     */
    PythonObject call(List<?> args, Map<String, ?> kwargs);

    /**
     * Calls the object and converts the result.
     *
     * @param type the Java type wanted
     * @param args Java values, converted
     * @param <T> that type
     * @return the converted result
     * @throws PythonException when the call raises
     * @throws ConversionException when the result cannot become {@code type}
     */
    <T> T invoke(Class<T> type, Object... args);

    /**
     * Calls a method ({@code o.name(*args)}).
     *
     * @param name the method's name
     * @param args Java values, converted
     * @return a new handle to the result
     * @throws PythonException when Python raises
     */
    PythonObject callMethod(String name, Object... args);

    /**
     * Calls a method and converts the result.
     *
     * @param name the method's name
     * @param type the Java type wanted
     * @param args Java values, converted
     * @param <T> that type
     * @return the converted result
     * @throws PythonException when Python raises
     * @throws ConversionException when the result cannot become {@code type}
     */
    <T> T invokeMethod(String name, Class<T> type, Object... args);

    /**
     * Converts the object to a Java type: a type of the conversion table, {@code Object} (the default
     * conversion), {@code PythonObject} (a new handle to the same object), a Java primitive array (a copy of a
     * buffer's items, which must be of that type), {@link PythonBuffer} (the memory itself, as
     * {@link #buffer()}), a type a
     * {@link dev.pyhost.api.spi.ValueConverter} handles, or an interface (a {@linkplain #proxy(Class) proxy}).
     *
     * @param type the Java type wanted
     * @param <T> that type
     * @return the converted value
     * @throws ConversionException when the object cannot become {@code type}
     */
    <T> T as(Class<T> type);

    /**
     * Converts the object with the default conversion: builtin values to their Java types, anything else to a new
     * handle.
     *
     * @return the Java value
     */
    Object toJava();

    /**
     * Sees the object through a Java interface: each abstract method calls the Python method of the same name
     * with the arguments converted and converts its result to the method's return type ({@code void}
     * discards it); default methods run as written; {@code close()} of an {@link AutoCloseable} interface closes a
     * new handle the proxy owns. The proxy keeps its own reference, independent of this handle.
     *
     * @param type an interface
     * @param <T> that interface
     * @return the proxy
     * @throws IllegalArgumentException when {@code type} is not an interface
     */
    <T> T proxy(Class<T> type);

    /**
     * Sees the object's memory without a copy, read-only: {@code buffer(false)}.
     *
     * @return the buffer; close it
     * @throws PythonException when the object does not support the buffer protocol ({@code TypeError}) or
     *         cannot export its memory as asked
     */
    default PythonBuffer buffer() {
        return buffer(false);
    }

    /**
     * Sees the object's memory without a copy ({@code PyObject_GetBuffer} with strides and format).
     *
     * @param writable whether Java will write it: then a read-only exporter ({@code bytes}) raises
     *        {@code BufferError}
     * @return the buffer; close it
     * @throws PythonException when the object does not support the buffer protocol ({@code TypeError}) or
     *         cannot export its memory as asked
     */
    PythonBuffer buffer(boolean writable);

    /** {@return whether the object is {@code None}} */
    boolean isNone();

    /** {@return {@code str(o)}} */
    String str();

    /** {@return {@code repr(o)}} */
    String repr();

    /** {@return whether the handle is open and its runtime running} */
    boolean isOpen();

    /** {@return {@code repr(o)}, or a description of the handle when it is closed or repr raises} */
    @Override
    String toString();

    /** Releases the reference. Idempotent; never throws. */
    @Override
    void close();
}
