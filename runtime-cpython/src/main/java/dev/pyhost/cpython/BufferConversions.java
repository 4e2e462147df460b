package dev.pyhost.cpython;

import dev.pyhost.api.ConversionException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Array;
import java.math.BigInteger;

/**
 * Conversions through the buffer protocol, for {@link Conversions}: a zero-dimensional buffer of a numeric format
 * (numpy scalars: {@code numpy.int64}, {@code numpy.float32}, {@code numpy.bool_}...) becomes its item, and any
 * buffer whose items match a Java primitive array ({@code array.array}, {@code memoryview}, numpy arrays of any
 * shape, strided or not) becomes that array, in C order. Generic: nothing here knows numpy. With the GIL held.
 */
final class BufferConversions {
    private BufferConversions() {
    }

    /**
     * The item of a zero-dimensional numeric buffer.
     *
     * @param o a borrowed reference
     * @return a {@code Boolean}, {@code Long}, {@code BigInteger} (an unsigned item beyond {@code Long.MAX_VALUE})
     *         or {@code Double}; {@code null} when the object is no such buffer
     */
    static Object scalarLocked(MemorySegment o) {
        if (CApiBuffers.PyObject_CheckBuffer(o) != 1) {
            return null;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment view = arena.allocate(CPythonBuffer.VIEW_SIZE, 8);
            if (CApiBuffers.PyObject_GetBuffer(o, view, CPythonBuffer.PYBUF_RECORDS_RO) != 0) {
                CApiObjects.PyErr_Clear();
                return null;
            }
            try {
                CPythonBuffer.Layout l = CPythonBuffer.Layout.of(view);
                if (l.shape().length != 0) {
                    return null;
                }
                return item(l, itemAt(l.buf(), l.itemSize()));
            } finally {
                CApiBuffers.PyBuffer_Release(view);
            }
        }
    }

    @SuppressWarnings("restricted") // one item at the address the exporter gave
    private static MemorySegment itemAt(long address, long size) {
        return MemorySegment.ofAddress(address).reinterpret(size);
    }

    /** The item at the start of {@code m}, or null for a format with no Java number. */
    private static Object item(CPythonBuffer.Layout l, MemorySegment m) {
        char code = code(l.format());
        long size = l.itemSize();
        return switch (code) {
            case '?' -> size == 1 ? m.get(ValueLayout.JAVA_BYTE, 0) != 0 : null;
            case 'b', 'h', 'i', 'l', 'q', 'n' -> signed(m, size);
            case 'B', 'H', 'I', 'L', 'Q', 'N' -> {
                Long v = signed(m, size);
                if (v == null) {
                    yield null;
                }
                if (size < 8) {
                    yield v & ((1L << (8 * size)) - 1);
                }
                yield v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v));
            }
            case 'f' -> size == 4 ? (double) m.get(ValueLayout.JAVA_FLOAT_UNALIGNED, 0) : null;
            case 'd' -> size == 8 ? m.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, 0) : null;
            case 'e' -> size == 2 ? (double) Float.float16ToFloat(m.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0)) : null;
            default -> null;
        };
    }

    private static Long signed(MemorySegment m, long size) {
        return switch ((int) size) {
            case 1 -> (long) m.get(ValueLayout.JAVA_BYTE, 0);
            case 2 -> (long) m.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0);
            case 4 -> (long) m.get(ValueLayout.JAVA_INT_UNALIGNED, 0);
            case 8 -> m.get(ValueLayout.JAVA_LONG_UNALIGNED, 0);
            default -> null;
        };
    }

    /**
     * The single type code of a native or little-endian format ({@code d}, {@code @d}, {@code =d}, {@code <d});
     * {@code 0} for anything else (big-endian, repeated, structured).
     */
    static char code(String format) {
        String f = format;
        if (!f.isEmpty() && (f.charAt(0) == '@' || f.charAt(0) == '=' || f.charAt(0) == '<')) {
            f = f.substring(1);
        }
        return f.length() == 1 ? f.charAt(0) : 0;
    }

    /**
     * Copies a buffer's items into a Java primitive array.
     *
     * @param layer the object layer (for errors)
     * @param o a borrowed reference
     * @param arrayType {@code double[].class}, {@code float[].class}, {@code long[].class}, {@code int[].class},
     *        {@code short[].class}, {@code byte[].class} or {@code boolean[].class}
     * @param typeName the Python type's name, for messages
     * @return the array, or {@code null} when the object does not support the buffer protocol
     * @throws ConversionException when its items are not of the array's type (no silent narrowing or widening)
     */
    static Object arrayLocked(ObjectLayer layer, MemorySegment o, Class<?> arrayType, String typeName) {
        if (CApiBuffers.PyObject_CheckBuffer(o) != 1) {
            return null;
        }
        Class<?> component = arrayType.getComponentType();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment view = arena.allocate(CPythonBuffer.VIEW_SIZE, 8);
            if (CApiBuffers.PyObject_GetBuffer(o, view, CPythonBuffer.PYBUF_RECORDS_RO) != 0) {
                throw layer.errorLocked();
            }
            try {
                CPythonBuffer.Layout l = CPythonBuffer.Layout.of(view);
                ValueLayout element = element(component);
                if (element == null || !accepts(component, code(l.format()), l.itemSize())) {
                    throw new ConversionException("Cannot convert a Python " + typeName + " of items '" + l.format()
                            + "' (" + l.itemSize() + " bytes) to " + arrayType.getSimpleName()
                            + ": the item types differ (convert on the Python side, for example with astype)");
                }
                long count = 1;
                for (long n : l.shape()) {
                    count = Math.multiplyExact(count, n);
                }
                if (count > Integer.MAX_VALUE - 8) {
                    throw new ConversionException("A Python " + typeName + " of " + count + " items does not fit a "
                            + "Java array; use PythonObject.buffer() to read it in place");
                }
                Object array = Array.newInstance(component, (int) count);
                MemorySegment target = switch (array) {
                    case double[] a -> MemorySegment.ofArray(a);
                    case float[] a -> MemorySegment.ofArray(a);
                    case long[] a -> MemorySegment.ofArray(a);
                    case int[] a -> MemorySegment.ofArray(a);
                    case short[] a -> MemorySegment.ofArray(a);
                    case byte[] a -> MemorySegment.ofArray(a);
                    default -> null;
                };
                byte[] flags = component == boolean.class ? new byte[(int) count] : null;
                MemorySegment into = flags != null ? MemorySegment.ofArray(flags) : target;
                MemorySegment span = count == 0 ? MemorySegment.NULL : l.span(Arena.global());
                if (count > 0) {
                    copy(l, span, into, l.itemSize(), (int) count);
                }
                if (flags != null) {
                    boolean[] b = (boolean[]) array;
                    for (int i = 0; i < b.length; i++) {
                        b[i] = flags[i] != 0;
                    }
                }
                return array;
            } finally {
                CApiBuffers.PyBuffer_Release(view);
            }
        }
    }

    /** Copies the items in C order: one bulk copy when contiguous, else item by item along the strides. */
    private static void copy(CPythonBuffer.Layout l, MemorySegment span, MemorySegment into, long itemSize, int count) {
        long[] shape = l.shape();
        long[] strides = l.strides();
        boolean contiguous = true;
        long step = itemSize;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] > 1 && strides[d] != step) {
                contiguous = false;
            }
            step *= shape[d];
        }
        if (contiguous) {
            MemorySegment.copy(span, l.offset(), into, 0, itemSize * count);
            return;
        }
        int ndim = shape.length;
        long[] index = new long[ndim];
        long at = l.offset();
        for (int i = 0; i < count; i++) {
            MemorySegment.copy(span, at, into, (long) i * itemSize, itemSize);
            for (int d = ndim - 1; d >= 0; d--) {
                index[d]++;
                at += strides[d];
                if (index[d] < shape[d]) {
                    break;
                }
                at -= strides[d] * shape[d];
                index[d] = 0;
            }
        }
    }

    private static ValueLayout element(Class<?> component) {
        return switch (component.getName()) {
            case "double" -> ValueLayout.JAVA_DOUBLE;
            case "float" -> ValueLayout.JAVA_FLOAT;
            case "long" -> ValueLayout.JAVA_LONG;
            case "int" -> ValueLayout.JAVA_INT;
            case "short" -> ValueLayout.JAVA_SHORT;
            case "byte", "boolean" -> ValueLayout.JAVA_BYTE;
            default -> null;
        };
    }

    private static boolean accepts(Class<?> component, char code, long size) {
        return switch (component.getName()) {
            case "double" -> code == 'd' && size == 8;
            case "float" -> code == 'f' && size == 4;
            case "long" -> (code == 'q' || code == 'l' || code == 'n') && size == 8;
            case "int" -> (code == 'i' || code == 'l') && size == 4;
            case "short" -> code == 'h' && size == 2;
            case "byte" -> (code == 'b' || code == 'B' || code == 'c') && size == 1;
            case "boolean" -> code == '?' && size == 1;
            default -> false;
        };
    }
}
