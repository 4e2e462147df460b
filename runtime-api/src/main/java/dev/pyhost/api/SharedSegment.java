package dev.pyhost.api;

import java.lang.foreign.MemorySegment;

/**
 * A native {@link MemorySegment} lent to Python without a copy, by {@link Interpreter#share(MemorySegment)}: an
 * object of type {@code pyhost.SharedSegment} that exports the segment's memory through the buffer protocol, so
 * that {@code memoryview(x)}, {@code numpy.frombuffer(x, dtype)} or {@code numpy.asarray(x)} read and write the
 * very bytes Java sees. Writable unless the segment is {@linkplain MemorySegment#isReadOnly() read-only}.
 *
 * <p>Lifetime. The exporter counts the Python buffers that hold the memory (every memoryview, its slices and every
 * numpy array made from it hold one until they are released or collected). {@link #close()} revokes the loan only
 * when that count is zero, so that no Python object can reach the memory afterwards; while Python still holds a
 * buffer, it throws {@link IllegalStateException} and the loan stays. A revoked exporter refuses new buffers with
 * {@code BufferError}, as does one whose segment's arena is no longer alive. PyHost cannot see the segment's arena
 * close: keep it open until {@code close()} has returned (try-with-resources with the arena outside). A loan that
 * becomes unreachable without {@code close()} is not revoked: Python objects that hold its exporter may still
 * reach the memory, as long as the arena is alive.
 */
public interface SharedSegment extends AutoCloseable {
    /** {@return the segment lent} */
    MemorySegment segment();

    /** {@return whether Python may only read the memory} */
    boolean readOnly();

    /**
     * {@return a new handle to the exporter object, to pass to Python code} The exporter itself is a plain object;
     * Python reaches the memory through {@code memoryview(x)} or {@code numpy.asarray(x)}.
     *
     * @throws IllegalStateException when the loan is revoked
     */
    PythonObject exporter();

    /**
     * {@return a new handle to {@code memoryview(exporter)}: format {@code B}, one dimension, the segment's size}
     *
     * @throws IllegalStateException when the loan is revoked
     */
    PythonObject memoryView();

    /** {@return how many Python buffers hold the memory now} */
    long exports();

    /** {@return whether the loan is still in force} */
    boolean isOpen();

    /**
     * Revokes the loan: afterwards no Python object can reach the memory. Idempotent; a no-op once the runtime is
     * finalized (no Python object is left).
     *
     * @throws IllegalStateException when Python still holds buffers of the memory (release them first:
     *         {@code del} the arrays, {@code memoryview.release()})
     */
    @Override
    void close();
}
