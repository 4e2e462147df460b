package dev.pyhost.cpython;

import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PythonBuffer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link PythonBuffer}: one {@code Py_buffer} filled by {@code PyObject_GetBuffer} (strides and format, no
 * suboffsets), its memory seen through a segment of a shared arena of its own. Closing closes that arena first, so
 * that no Java thread can touch the memory once {@code PyBuffer_Release} lets the exporter free or move it. The
 * {@code Py_buffer} itself lives in an automatic arena, freed by the garbage collector once this object is gone
 * (nothing keeps its address after the release), so closing costs one JVM handshake, not two. The layer closes the
 * buffers still open right before {@code Py_FinalizeEx}.
 */
final class CPythonBuffer implements PythonBuffer {
    static final int PYBUF_WRITABLE = 0x0001;
    static final int PYBUF_FORMAT = 0x0004;
    static final int PYBUF_ND = 0x0008;
    static final int PYBUF_STRIDES = 0x0010 | PYBUF_ND;
    /** {@code PyBUF_RECORDS_RO}: strides and format, no suboffsets. */
    static final int PYBUF_RECORDS_RO = PYBUF_STRIDES | PYBUF_FORMAT;
    /** {@code sizeof(Py_buffer)} on LP64, the same from 3.0 to 3.14. */
    static final long VIEW_SIZE = 80;

    private final ObjectLayer layer;
    private final MemorySegment view;
    private final Arena segmentArena;
    private final MemorySegment segment;
    private final long offset;
    private final String format;
    private final long itemSize;
    private final long[] shape;
    private final long[] strides;
    private final long length;
    private final boolean readOnly;
    private final boolean contiguous;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CPythonBuffer(ObjectLayer layer, MemorySegment view) {
        this.layer = layer;
        this.view = view;
        Layout l = Layout.of(view);
        this.format = l.format;
        this.itemSize = l.itemSize;
        this.shape = l.shape;
        this.strides = l.strides;
        this.length = l.length;
        this.readOnly = l.readOnly;
        this.offset = l.offset;
        this.contiguous = CApiBuffers.PyBuffer_IsContiguous(view, (byte) 'C') == 1;
        this.segmentArena = Arena.ofShared();
        MemorySegment s = l.span(segmentArena);
        this.segment = readOnly ? s.asReadOnly() : s;
    }

    /**
     * Exports an object's memory; with the GIL held.
     *
     * @param layer the object layer
     * @param o a borrowed reference
     * @param writable whether to ask for a writable buffer
     * @return the buffer, registered to be closed before finalization
     */
    static CPythonBuffer acquireLocked(ObjectLayer layer, MemorySegment o, boolean writable) {
        MemorySegment view = Arena.ofAuto().allocate(VIEW_SIZE, 8);
        if (CApiBuffers.PyObject_GetBuffer(o, view, PYBUF_RECORDS_RO | (writable ? PYBUF_WRITABLE : 0)) != 0) {
            throw layer.errorLocked();
        }
        CPythonBuffer b;
        try {
            b = new CPythonBuffer(layer, view);
        } catch (RuntimeException | Error e) {
            CApiBuffers.PyBuffer_Release(view);
            throw e;
        }
        layer.buffers.add(b);
        return b;
    }

    /** The fields of a filled {@code Py_buffer}, and the span of memory its items cover. */
    record Layout(long buf, String format, long itemSize, long[] shape, long[] strides, long length, boolean readOnly,
            long offset, long size) {
        @SuppressWarnings("restricted") // the format is a NUL-terminated C string; shape and strides have ndim items
        static Layout of(MemorySegment view) {
            long buf = view.get(ValueLayout.JAVA_LONG, 0);
            long len = view.get(ValueLayout.JAVA_LONG, 16);
            long itemSize = view.get(ValueLayout.JAVA_LONG, 24);
            boolean readOnly = view.get(ValueLayout.JAVA_INT, 32) != 0;
            int ndim = view.get(ValueLayout.JAVA_INT, 36);
            MemorySegment fmt = view.get(ValueLayout.ADDRESS, 40);
            String format = fmt.address() == 0 ? "B" : Downcalls.string(fmt);
            long[] shape = new long[ndim];
            long[] strides = new long[ndim];
            MemorySegment shapes = view.get(ValueLayout.ADDRESS, 48);
            MemorySegment stridesAt = view.get(ValueLayout.ADDRESS, 56);
            if (ndim == 1 && shapes.address() == 0) {
                shape[0] = len / Math.max(1, itemSize);
            }
            for (int d = 0; d < ndim && shapes.address() != 0; d++) {
                shape[d] = shapes.reinterpret(8L * ndim).getAtIndex(ValueLayout.JAVA_LONG, d);
            }
            if (stridesAt.address() != 0) {
                for (int d = 0; d < ndim; d++) {
                    strides[d] = stridesAt.reinterpret(8L * ndim).getAtIndex(ValueLayout.JAVA_LONG, d);
                }
            } else {
                long step = itemSize;
                for (int d = ndim - 1; d >= 0; d--) {
                    strides[d] = step;
                    step *= shape[d];
                }
            }
            long low = 0;
            long high = 0;
            boolean empty = false;
            for (int d = 0; d < ndim; d++) {
                if (shape[d] == 0) {
                    empty = true;
                }
                long extent = (shape[d] - 1) * strides[d];
                if (extent < 0) {
                    low += extent;
                } else {
                    high += extent;
                }
            }
            long size = empty ? 0 : high - low + itemSize;
            return new Layout(buf, format, itemSize, shape, strides, len, readOnly, -low, size);
        }

        @SuppressWarnings("restricted") // the span the exporter's shape and strides describe
        MemorySegment span(Arena arena) {
            return MemorySegment.ofAddress(buf - offset).reinterpret(size, arena, null);
        }
    }

    @Override
    public MemorySegment segment() {
        if (closed.get()) {
            throw new IllegalStateException("This Python buffer is closed");
        }
        return segment;
    }

    @Override
    public long offset() {
        return offset;
    }

    @Override
    public String format() {
        return format;
    }

    @Override
    public long itemSize() {
        return itemSize;
    }

    @Override
    public int ndim() {
        return shape.length;
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public long[] strides() {
        return strides.clone();
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public boolean contiguous() {
        return contiguous;
    }

    @Override
    public boolean isOpen() {
        return !closed.get() && !layer.gil.isClosed();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        layer.buffers.remove(this);
        if (!closeSegment()) {
            return;
        }
        try {
            if (!layer.gil.isClosed()) {
                layer.withGil(() -> {
                    CApiBuffers.PyBuffer_Release(view);
                    return null;
                });
            }
        } catch (LifecycleException e) {
            // finalized meanwhile: the interpreter and its objects are gone
        }
    }

    /** With the GIL held, right before finalization: closes the segment and releases the buffer. */
    void closeLocked() {
        if (closed.compareAndSet(false, true) && closeSegment()) {
            CApiBuffers.PyBuffer_Release(view);
        }
    }

    /** Closes the segment's arena; false when a native call still uses it (then the buffer is never released). */
    private boolean closeSegment() {
        try {
            segmentArena.close();
            return true;
        } catch (IllegalStateException e) {
            Log.LOG.log(System.Logger.Level.WARNING, "a Python buffer is closed while a native call still uses its "
                    + "segment; it is kept exported (leaked) rather than released under that call");
            return false;
        }
    }

    @Override
    public String toString() {
        return "PythonBuffer[format=" + format + ", itemSize=" + itemSize + ", shape="
                + java.util.Arrays.toString(shape) + ", readOnly=" + readOnly + (closed.get() ? ", closed]" : "]");
    }

    /** The logger, created on first use. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(CPythonBuffer.class.getName());
    }
}
