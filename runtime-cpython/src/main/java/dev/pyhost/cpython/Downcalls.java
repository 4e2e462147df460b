package dev.pyhost.cpython;

import dev.pyhost.api.NativeAccessException;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * What the generated-style bindings ({@link CApi}, {@link CApi313}, {@link CApi314}, {@link LibC}) share: the C
 * types, the creation of a downcall handle for a symbol that does not fit the canonical shapes of
 * {@link NativeFunction}, and the one translation of a failed native call into PyHost's exceptions.
 *
 * <p>Creating a handle (or a {@link NativeFunction}) never throws: a handle that cannot be made (the symbol is
 * absent from this CPython, or the JVM denies native access) is replaced by one of the same type that throws a
 * {@link NativeAccessException} saying why, at each call. The handles live in static-final fields of holder
 * classes, so a throwing class initializer would turn the first failure into an {@link ExceptionInInitializerError}
 * and every later one into a bare {@link NoClassDefFoundError}; with this rule a function missing in some CPython
 * versions fails only when it is used, always with the same clear message.
 */
final class Downcalls {
    /** The native linker of this platform. */
    static final Linker LINKER = Linker.nativeLinker();
    /** C {@code int}. */
    static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
    /** C {@code long}, {@code Py_ssize_t} and {@code unsigned long} on LP64. */
    static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG;
    /** C {@code double}. */
    static final ValueLayout.OfDouble C_DOUBLE = ValueLayout.JAVA_DOUBLE;
    /** A C pointer. */
    static final AddressLayout C_POINTER = ValueLayout.ADDRESS;

    /** The thrower behind a handle that cannot be made: looked up only then (a method handle costs start-up). */
    private static final class Unavailable {
        static final MethodHandle HANDLE;

        static {
            try {
                HANDLE = MethodHandles.lookup().findStatic(Downcalls.class, "unavailable",
                        MethodType.methodType(Object.class, String.class, Throwable.class));
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private Unavailable() {
        }
    }

    private Downcalls() {
    }

    /**
     * A downcall handle for a function linked as declared, or, when it cannot be made, a handle of the same type
     * that throws. For functions that do not fit the canonical shapes (floating point, more than six or
     * {@code char} arguments); the others are {@link NativeFunction}s.
     *
     * @param symbol the function's address, or {@link MemorySegment#NULL} when the library lacks it
     * @param descriptor the C signature
     * @param missing what to say when the symbol is absent, e.g. "CPython 3.12 (path) has no function 'x'"
     * @return the handle; never throws
     */
    static MethodHandle bind(MemorySegment symbol, FunctionDescriptor descriptor, String missing) {
        if (symbol.address() == 0) {
            return failing(descriptor, missing, null);
        }
        try {
            return linked(symbol, descriptor);
        } catch (IllegalCallerException e) {
            return failing(descriptor, nativeAccessDenied(e).getMessage(), e);
        }
    }

    @SuppressWarnings("restricted") // the one place that links a function as declared
    private static MethodHandle linked(MemorySegment symbol, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol, descriptor);
    }

    /**
     * The type the linker gives a downcall handle of this descriptor: a function returning a struct by value
     * takes a leading {@link SegmentAllocator} for the result.
     *
     * @param descriptor the C signature
     * @return the method type of its downcall handle
     */
    static MethodType downcallType(FunctionDescriptor descriptor) {
        MethodType type = descriptor.toMethodType();
        if (descriptor.returnLayout().orElse(null) instanceof GroupLayout) {
            type = type.insertParameterTypes(0, SegmentAllocator.class);
        }
        return type;
    }

    private static MethodHandle failing(FunctionDescriptor descriptor, String message, Throwable cause) {
        MethodType type = downcallType(descriptor);
        MethodHandle thrower = MethodHandles.insertArguments(Unavailable.HANDLE, 0, message, cause)
                .asType(MethodType.methodType(type.returnType()));
        return MethodHandles.dropArguments(thrower, 0, type.parameterList());
    }

    @SuppressWarnings("unused") // through Unavailable.HANDLE
    private static Object unavailable(String message, Throwable cause) {
        throw new NativeAccessException(message, cause);
    }

    /**
     * The one translation of what a native call threw: PyHost's and other unchecked exceptions and errors pass
     * unchanged, a denied native access becomes the explanation of the JVM flag, anything else (nothing checked
     * is expected from a downcall) a {@link NativeAccessException}.
     *
     * @param function the C function that was called
     * @param thrown what the call threw
     * @return the exception to throw
     */
    static RuntimeException failure(String function, Throwable thrown) {
        return switch (thrown) {
            case IllegalCallerException e -> nativeAccessDenied(e);
            case RuntimeException e -> e;
            case Error e -> throw e;
            default -> new NativeAccessException("Native call " + function + " failed: " + thrown, thrown);
        };
    }

    /**
     * Explains a denied native access: the JVM flag or manifest entry that allows it.
     *
     * @param cause the JVM's refusal
     * @return the exception
     */
    static NativeAccessException nativeAccessDenied(Throwable cause) {
        return new NativeAccessException("The JVM denies native access to PyHost. Start java with "
                + "--enable-native-access=ALL-UNNAMED (class path) or --enable-native-access=dev.pyhost.cpython "
                + "(module path), or add 'Enable-Native-Access: ALL-UNNAMED' to the manifest of an executable jar.",
                cause);
    }

    /**
     * Reads a NUL-terminated UTF-8 C string.
     *
     * @param p its address
     * @return the string, or {@code null} for a null pointer
     */
    @SuppressWarnings("restricted") // a C string has no known size
    static String string(MemorySegment p) {
        return p.address() == 0 ? null : p.reinterpret(Long.MAX_VALUE).getString(0);
    }
}
