package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_POINTER;

import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PythonObject;
import dev.pyhost.api.SharedSegment;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SharedSegment}: an instance of the heap type {@code pyhost.SharedSegment}, made once per runtime with
 * {@code PyType_FromSpec}, whose {@code bf_getbuffer} and {@code bf_releasebuffer} slots are upcalls into this
 * class. The instance holds, after the object header, the segment's address and size, the read-only flag, the
 * revoked flag and the count of buffers exported now; every field is read and written with the GIL held. The
 * offsets assume the 16-byte object header of the default (GIL) build, as the rest of the binding does.
 *
 * <p>{@code bf_getbuffer} fills the view with {@code PyBuffer_FillInfo} (which raises {@code BufferError} for a
 * writable request on a read-only loan) and counts it, unless the loan is revoked or the segment's arena is no
 * longer alive; {@code bf_releasebuffer} uncounts it. {@link #close()} revokes only at a count of zero: every
 * memoryview (slices share their parent's export), and every numpy array made from one, holds an export until it
 * is released or collected, so after a successful close no Python object can reach the memory.
 */
final class CPythonSharedSegment implements SharedSegment {
    private static final long HEADER = 16;
    private static final long BUF = HEADER;
    private static final long LEN = HEADER + 8;
    private static final long READONLY = HEADER + 16;
    private static final long REVOKED = HEADER + 20;
    private static final long EXPORTS = HEADER + 24;
    private static final int BASIC_SIZE = (int) HEADER + 32;
    private static final int PY_BF_GETBUFFER = 1;
    private static final int PY_BF_RELEASEBUFFER = 2;
    private static final long DISALLOW_INSTANTIATION = 1L << 7;

    /** Segments lent now, by the address of their exporter: the upcall checks that the arena is alive. */
    private static final Map<Long, MemorySegment> LENT = new ConcurrentHashMap<>();

    private final ObjectLayer layer;
    private final MemorySegment segment;
    private final CPythonObject exporter;
    private final long address;
    private volatile boolean revoked;

    private CPythonSharedSegment(ObjectLayer layer, MemorySegment segment, CPythonObject exporter, long address) {
        this.layer = layer;
        this.segment = segment;
        this.exporter = exporter;
        this.address = address;
    }

    /**
     * Lends a native segment.
     *
     * @param layer the object layer
     * @param segment the segment
     * @return the loan
     */
    @SuppressWarnings("restricted") // the instance is BASIC_SIZE bytes
    static CPythonSharedSegment share(ObjectLayer layer, MemorySegment segment) {
        java.util.Objects.requireNonNull(segment, "segment");
        if (!segment.isNative()) {
            throw new IllegalArgumentException("Only a native segment can be shared with Python: a heap segment has "
                    + "no fixed address (copy it into one from an Arena)");
        }
        CPythonObject exporter = layer.withGil(() -> {
            MemorySegment o = layer.checkLocked(CApiBuffers.PyType_GenericAlloc(typeLocked(layer), 0));
            MemorySegment fields = o.reinterpret(BASIC_SIZE);
            fields.set(ValueLayout.JAVA_LONG, BUF, segment.address());
            fields.set(ValueLayout.JAVA_LONG, LEN, segment.byteSize());
            fields.set(ValueLayout.JAVA_INT, READONLY, segment.isReadOnly() ? 1 : 0);
            return layer.ownLocked(o);
        });
        long address = exporter.withAddress(o -> o.address());
        LENT.put(address, segment);
        return new CPythonSharedSegment(layer, segment, exporter, address);
    }

    /** {@return the type of this runtime, made on first use} */
    private static MemorySegment typeLocked(ObjectLayer layer) {
        MemorySegment type = layer.sharedSegmentType;
        if (type == null) {
            type = layer.checkLocked(CApiBuffers.PyType_FromSpec(Spec.SPEC));
            layer.sharedSegmentType = type; // the runtime keeps this reference until it finalizes
        }
        return type;
    }

    @Override
    public MemorySegment segment() {
        return segment;
    }

    @Override
    public boolean readOnly() {
        return segment.isReadOnly();
    }

    @Override
    public PythonObject exporter() {
        checkOpen();
        return exporter.as(PythonObject.class);
    }

    @Override
    public PythonObject memoryView() {
        checkOpen();
        return exporter.withAddress(o -> layer.ownLocked(CApiBuffers.PyMemoryView_FromObject(o)));
    }

    @Override
    public long exports() {
        if (revoked || layer.gil.isClosed()) {
            return 0;
        }
        return exporter.withAddress(CPythonSharedSegment::exportsLocked);
    }

    @Override
    public boolean isOpen() {
        return !revoked && !layer.gil.isClosed();
    }

    private void checkOpen() {
        if (!isOpen()) {
            throw new IllegalStateException("This shared segment is closed");
        }
    }

    @Override
    public void close() {
        if (revoked) {
            return;
        }
        if (layer.gil.isClosed()) {
            revoked = true;
            LENT.remove(address);
            return;
        }
        long held;
        try {
            held = exporter.withAddress(o -> {
                long n = exportsLocked(o);
                if (n == 0) {
                    MemorySegment fields = fields(o);
                    fields.set(ValueLayout.JAVA_INT, REVOKED, 1);
                    fields.set(ValueLayout.JAVA_LONG, BUF, 0);
                    fields.set(ValueLayout.JAVA_LONG, LEN, 0);
                }
                return n;
            });
        } catch (LifecycleException e) {
            held = 0; // finalized meanwhile
        }
        if (held != 0) {
            throw new IllegalStateException("Python still holds " + held + " buffer(s) of this shared segment "
                    + "(memoryviews, numpy arrays): release them (del, memoryview.release()) before closing it");
        }
        revoked = true;
        LENT.remove(address);
        exporter.close();
    }

    @Override
    public String toString() {
        return "SharedSegment[" + segment.byteSize() + " bytes" + (segment.isReadOnly() ? ", read-only" : "")
                + (revoked ? ", closed]" : "]");
    }

    @SuppressWarnings("restricted") // an instance of the type is BASIC_SIZE bytes
    private static MemorySegment fields(MemorySegment self) {
        return self.reinterpret(BASIC_SIZE);
    }

    private static long exportsLocked(MemorySegment self) {
        return fields(self).get(ValueLayout.JAVA_LONG, EXPORTS);
    }

    // ------------------------------------------------------------------------------------------------
    // Upcalls, with the GIL held, on whichever thread asks Python for the buffer; they must not throw.

    /** {@code int bf_getbuffer(PyObject *self, Py_buffer *view, int flags)} */
    static int getBuffer(MemorySegment self, MemorySegment view, int flags) {
        try {
            MemorySegment fields = fields(self);
            if (fields.get(ValueLayout.JAVA_INT, REVOKED) != 0) {
                return bufferError("this shared segment was closed by Java");
            }
            MemorySegment lent = LENT.get(self.address());
            if (lent == null || !lent.scope().isAlive()) {
                return bufferError("the Java arena of this shared segment is closed");
            }
            int rc = CApiBuffers.PyBuffer_FillInfo(view, self,
                    MemorySegment.ofAddress(fields.get(ValueLayout.JAVA_LONG, BUF)),
                    fields.get(ValueLayout.JAVA_LONG, LEN), fields.get(ValueLayout.JAVA_INT, READONLY), flags);
            if (rc == 0) {
                fields.set(ValueLayout.JAVA_LONG, EXPORTS, fields.get(ValueLayout.JAVA_LONG, EXPORTS) + 1);
            }
            return rc;
        } catch (Throwable t) {
            return bufferError("PyHost could not export the shared segment: " + t);
        }
    }

    /** {@code void bf_releasebuffer(PyObject *self, Py_buffer *view)} */
    static void releaseBuffer(MemorySegment self, MemorySegment view) {
        try {
            MemorySegment fields = fields(self);
            fields.set(ValueLayout.JAVA_LONG, EXPORTS, Math.max(0, fields.get(ValueLayout.JAVA_LONG, EXPORTS) - 1));
        } catch (Throwable t) {
            // nothing can be reported from here; the count stays high, so close() keeps refusing: safe
        }
    }

    @SuppressWarnings("restricted") // PyExc_BufferError is a PyObject * variable
    private static int bufferError(String message) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment variable = LibPython.loaded().symbol("PyExc_BufferError");
            CApiObjects.PyErr_SetString(variable.reinterpret(8).get(ValueLayout.ADDRESS, 0),
                    arena.allocateFrom(message));
        } catch (Throwable t) {
            // the -1 alone still fails the request
        }
        return -1;
    }

    /** The {@code PyType_Spec} of {@code pyhost.SharedSegment}, in the global arena (3.10-3.11 keep its name). */
    private static final class Spec {
        static final MemorySegment SPEC;

        static {
            Arena global = Arena.global();
            MemorySegment slots = global.allocate(16 * 3, 8);
            slots.set(C_INT, 0, PY_BF_GETBUFFER);
            slots.set(C_POINTER, 8, stub("getBuffer", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_INT),
                    MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class, int.class)));
            slots.set(C_INT, 16, PY_BF_RELEASEBUFFER);
            slots.set(C_POINTER, 24, stub("releaseBuffer", FunctionDescriptor.ofVoid(C_POINTER, C_POINTER),
                    MethodType.methodType(void.class, MemorySegment.class, MemorySegment.class)));
            SPEC = global.allocate(32, 8);
            SPEC.set(C_POINTER, 0, global.allocateFrom("pyhost.SharedSegment"));
            SPEC.set(C_INT, 8, BASIC_SIZE);
            SPEC.set(C_INT, 12, 0);
            SPEC.set(C_INT, 16, (int) DISALLOW_INSTANTIATION);
            SPEC.set(C_POINTER, 24, slots);
        }

        @SuppressWarnings("restricted") // upcall stubs for the process, in the global arena
        private static MemorySegment stub(String name, FunctionDescriptor descriptor, MethodType type) {
            try {
                return Downcalls.LINKER.upcallStub(
                        MethodHandles.lookup().findStatic(CPythonSharedSegment.class, name, type), descriptor,
                        Arena.global());
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }
}
