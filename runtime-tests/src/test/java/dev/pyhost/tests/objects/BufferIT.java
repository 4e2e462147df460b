package dev.pyhost.tests.objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.ConversionException;
import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonBuffer;
import dev.pyhost.api.PythonException;
import dev.pyhost.api.PythonObject;
import dev.pyhost.api.PythonScope;
import dev.pyhost.api.SharedSegment;
import dev.pyhost.testkit.PyHostTest;
import dev.pyhost.testkit.RuntimeLifecycle;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/**
 * Zero-copy buffers with the standard library's exporters, against real CPython (the POM runs the objects suites
 * on 3.10-3.13 and on the embedded 3.14): Python buffers seen from Java as segments, Java segments lent to Python
 * as memoryviews, each proved shared by writing on one side and reading on the other; their lifetimes; and the
 * conversions through the buffer protocol and {@code __index__}.
 */
@PyHostTest(lifecycle = RuntimeLifecycle.PER_CLASS)
class BufferIT {

    @Test
    void aBytearraySeenFromJavaIsTheSameMemory(Interpreter py) {
        try (PythonScope s = py.newScope()) {
            s.exec("data = bytearray(b'abcdef')");
            try (PythonObject data = s.get("data", PythonObject.class)) {
                PythonBuffer buf = data.buffer(true);
                assertFalse(buf.readOnly());
                assertEquals("B", buf.format());
                assertEquals(1, buf.itemSize());
                assertArrayEquals(new long[] {6}, buf.shape());
                assertEquals(6, buf.segment().byteSize());
                buf.segment().set(ValueLayout.JAVA_BYTE, 0, (byte) 'X');
                assertEquals("Xbcdef", s.eval("data.decode()"));
                s.exec("data[5] = ord('Z')");
                assertEquals('Z', (char) buf.segment().get(ValueLayout.JAVA_BYTE, 5));
                PythonException pinned = assertThrows(PythonException.class, () -> s.exec("data.extend(b'more')"));
                assertEquals("BufferError", pinned.typeName(), "the exporter cannot move memory Java sees");
                MemorySegment kept = buf.segment();
                buf.close();
                buf.close();
                assertThrows(IllegalStateException.class, () -> kept.get(ValueLayout.JAVA_BYTE, 0),
                        "after close, Java cannot read memory Python may free or move");
                assertThrows(IllegalStateException.class, buf::segment);
                assertFalse(buf.isOpen());
                s.exec("data.extend(b'more')");
                assertEquals(10L, s.eval("len(data)"));
            }
        }
    }

    @Test
    void bytesAreReadOnly(Interpreter py) {
        try (PythonObject bytes = py.toPython(new byte[] {1, 2, 3}); PythonBuffer buf = bytes.buffer()) {
            assertTrue(buf.readOnly());
            assertTrue(buf.segment().isReadOnly());
            assertEquals(2, buf.segment().get(ValueLayout.JAVA_BYTE, 1));
            assertThrows(IllegalArgumentException.class, () -> buf.segment().set(ValueLayout.JAVA_BYTE, 0, (byte) 9));
            PythonException e = assertThrows(PythonException.class, () -> bytes.buffer(true));
            assertEquals("BufferError", e.typeName());
            assertThrows(PythonException.class, () -> py.toPython(42).buffer());
        }
    }

    @Test
    void anArrayOfDoublesIsSharedAndConverts(Interpreter py) {
        try (PythonScope s = py.newScope()) {
            s.exec("import array\nvalues = array.array('d', [0.5, 1.5, 2.5])");
            try (PythonObject values = s.get("values", PythonObject.class); PythonBuffer buf = values.buffer(true)) {
                assertEquals("d", buf.format());
                assertEquals(8, buf.itemSize());
                assertEquals(1, buf.ndim());
                assertTrue(buf.contiguous());
                assertEquals(1.5, buf.segment().getAtIndex(ValueLayout.JAVA_DOUBLE, 1));
                buf.segment().setAtIndex(ValueLayout.JAVA_DOUBLE, 2, 42.0);
                assertEquals(42.0, s.eval("values[2]"));
                assertArrayEquals(new double[] {0.5, 1.5, 42.0}, values.as(double[].class));
            }
            assertArrayEquals(new int[] {1, -2, 3}, s.eval("array.array('i', [1, -2, 3])", int[].class));
            assertArrayEquals(new long[] {7, 8}, s.eval("array.array('q', [7, 8])", long[].class));
            assertArrayEquals(new float[] {0.25f}, s.eval("array.array('f', [0.25])", float[].class));
            assertArrayEquals(new short[] {-5}, s.eval("array.array('h', [-5])", short[].class));
            assertArrayEquals(new byte[] {-1, 2}, s.eval("array.array('b', [-1, 2])", byte[].class));
            ConversionException wrong = assertThrows(ConversionException.class,
                    () -> s.eval("array.array('i', [1])", long[].class));
            assertTrue(wrong.getMessage().contains("'i'"), wrong.getMessage());
            assertThrows(ConversionException.class, () -> s.eval("[1.0, 2.0]", double[].class));
        }
    }

    @Test
    void stridedAndMultiDimensionalViewsCopyInCOrderAndShowTheirLayout(Interpreter py) {
        try (PythonScope s = py.newScope()) {
            s.exec("import array\nbase = array.array('q', range(10))\nback = memoryview(base)[::-2]\n"
                    + "grid = memoryview(array.array('d', range(6))).cast('B').cast('d', shape=[2, 3])");
            assertArrayEquals(new long[] {9, 7, 5, 3, 1}, s.eval("back", long[].class));
            try (PythonObject back = s.get("back", PythonObject.class); PythonBuffer buf = back.buffer()) {
                assertArrayEquals(new long[] {-16}, buf.strides());
                assertFalse(buf.contiguous());
                assertEquals(9L, buf.segment().get(ValueLayout.JAVA_LONG, buf.offset()));
                assertEquals(7L, buf.segment().get(ValueLayout.JAVA_LONG, buf.offset() - 16));
            }
            assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, s.eval("grid", double[].class));
            try (PythonObject grid = s.get("grid", PythonObject.class); PythonBuffer buf = grid.as(PythonBuffer.class)) {
                assertArrayEquals(new long[] {2, 3}, buf.shape());
                assertArrayEquals(new long[] {24, 8}, buf.strides());
                assertEquals(48, buf.length());
            }
        }
    }

    @Test
    void aSegmentLentToPythonIsAWritableMemoryview(Interpreter py) {
        try (Arena arena = Arena.ofShared(); PythonScope s = py.newScope()) {
            MemorySegment memory = arena.allocate(16);
            SharedSegment shared = py.share(memory);
            {
                assertFalse(shared.readOnly());
                try (PythonObject exporter = shared.exporter()) {
                    s.set("x", exporter);
                }
                s.exec("mv = memoryview(x)\nmv[0] = 7\nhead = mv[2:4]");
                assertEquals(7, memory.get(ValueLayout.JAVA_BYTE, 0), "Python wrote the Java memory");
                memory.set(ValueLayout.JAVA_BYTE, 3, (byte) 99);
                assertEquals(99L, s.eval("head[1]"), "Python reads what Java wrote");
                assertEquals(16L, s.eval("mv.nbytes"));
                assertEquals(false, s.eval("mv.readonly"));
                assertEquals(1L, shared.exports());
                s.exec("mv.release()");
                IllegalStateException held = assertThrows(IllegalStateException.class, shared::close);
                assertTrue(held.getMessage().contains("1 buffer"), held.getMessage());
                assertTrue(shared.isOpen(), "a refused close keeps the loan");
                s.exec("del head");
                assertEquals(0L, shared.exports());
                try (PythonObject view = shared.memoryView()) {
                    assertEquals(16L, view.size());
                }
                shared.close();
                assertFalse(shared.isOpen());
                PythonException revoked = assertThrows(PythonException.class, () -> s.exec("memoryview(x)"));
                assertEquals("BufferError", revoked.typeName());
                assertThrows(IllegalStateException.class, shared::memoryView);
            }
        }
    }

    @Test
    void aReadOnlySegmentStaysReadOnlyAndAClosedArenaIsRefused(Interpreter py) {
        try (PythonScope s = py.newScope()) {
            Arena arena = Arena.ofShared();
            MemorySegment memory = arena.allocate(8);
            try (SharedSegment shared = py.share(memory.asReadOnly())) {
                assertTrue(shared.readOnly());
                try (PythonObject exporter = shared.exporter()) {
                    s.set("ro", exporter);
                }
                assertEquals(true, s.eval("memoryview(ro).readonly"));
                PythonException e = assertThrows(PythonException.class, () -> s.exec("memoryview(ro)[0] = 1"));
                assertEquals("TypeError", e.typeName());
                arena.close();
                PythonException gone = assertThrows(PythonException.class, () -> s.exec("memoryview(ro)"));
                assertEquals("BufferError", gone.typeName());
                assertTrue(gone.getMessage().contains("arena"), gone.getMessage());
            }
            assertThrows(IllegalArgumentException.class, () -> py.share(MemorySegment.ofArray(new byte[4])));
        }
    }

    @Test
    void zeroDimensionalBuffersAndIndexObjectsConvertAsNumbers(Interpreter py) {
        try (PythonScope s = py.newScope()) {
            s.exec("import array\n"
                    + "scalar = memoryview(array.array('d', [2.5])).cast('B').cast('d', shape=[])\n"
                    + "flag = memoryview(bytes([1])).cast('?', shape=[])\n"
                    + "class Seven:\n    def __index__(self):\n        return 7\n");
            assertEquals(2.5, s.eval("scalar"));
            assertEquals(Boolean.TRUE, s.eval("flag"));
            assertEquals(2.5f, s.eval("scalar", float.class));
            assertEquals(7L, s.eval("Seven()", Long.class));
            assertEquals(7, s.eval("Seven()", int.class));
            assertEquals(7.0, s.eval("Seven()", Double.class));
            assertInstanceOf(PythonObject.class, s.eval("Seven()"), "the default conversion keeps other objects");
            assertThrows(ConversionException.class, () -> s.eval("object()", Long.class));
        }
    }
}
