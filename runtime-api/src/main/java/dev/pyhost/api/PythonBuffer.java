package dev.pyhost.api;

import java.lang.foreign.MemorySegment;

/**
 * The memory of a Python object that supports the buffer protocol ({@code bytes}, {@code bytearray},
 * {@code array.array}, {@code memoryview}, a numpy array or scalar, {@code mmap}), seen from Java without a copy,
 * as {@code PyObject_GetBuffer} exports it. While the buffer is open, the exporter keeps the memory where it is (a
 * {@code bytearray} cannot be resized, a numpy array cannot be reshaped in place), so a write on either side is
 * seen by the other.
 *
 * <p>{@link #close()} releases the buffer ({@code PyBuffer_Release}) after closing the arena of
 * {@link #segment()}: from then on, reading or writing the segment throws {@link IllegalStateException} instead of
 * touching memory Python may have freed or moved. The same happens to a buffer still open when its runtime
 * finalizes. A buffer is not closed by the garbage collector: close it (try-with-resources).
 *
 * <p>Obtained by {@link PythonObject#buffer()}, {@link PythonObject#buffer(boolean)} or
 * {@code as(PythonBuffer.class)}.
 */
public interface PythonBuffer extends AutoCloseable {
    /**
     * The memory, spanning every element. For a contiguous buffer it is exactly the items, in order; with strides,
     * the element at index {@code (i, j, ...)} starts at {@code offset() + i * strides()[0] + j * strides()[1] + ...}.
     * Read-only ({@link MemorySegment#isReadOnly()}) when the buffer is.
     *
     * @return the segment, valid until {@link #close()}
     * @throws IllegalStateException when the buffer is closed
     */
    MemorySegment segment();

    /** {@return the byte offset in {@link #segment()} of the element at index 0 (not 0 only with negative strides)} */
    long offset();

    /** {@return the item format in {@code struct} syntax, for example {@code d}, {@code <f} or {@code B}} */
    String format();

    /** {@return the size of one item in bytes} */
    long itemSize();

    /** {@return the number of dimensions: 0 for a scalar, 1 for {@code bytes} or {@code array.array}} */
    int ndim();

    /** {@return the number of items along each dimension (a copy)} */
    long[] shape();

    /** {@return the distance in bytes between consecutive items along each dimension (a copy)} */
    long[] strides();

    /** {@return the number of bytes the items take, {@code itemSize()} times the product of the shape} */
    long length();

    /** {@return whether Java may not write the memory} */
    boolean readOnly();

    /** {@return whether the items are contiguous in C (row-major) order} */
    boolean contiguous();

    /** {@return whether the buffer is open and its runtime running} */
    boolean isOpen();

    /** Closes the segment, then releases the buffer. Idempotent; never throws. */
    @Override
    void close();
}
