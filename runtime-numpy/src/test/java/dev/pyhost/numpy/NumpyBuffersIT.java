package dev.pyhost.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.ConversionException;
import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonBuffer;
import dev.pyhost.api.PythonException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonObject;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.SharedSegment;
import dev.pyhost.embedded.EmbeddedCPython;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * numpy values crossing to Java on the embedded CPython 3.14 with the numpy add-on: scalars to Java numbers,
 * arrays to Java arrays (copies) and to segments (no copy), and Java segments to numpy arrays (no copy), each proved
 * shared by writing on one side and reading on the other.
 */
class NumpyBuffersIT {
    static PythonRuntime runtime;
    static Interpreter py;

    @BeforeAll
    static void start() throws Exception {
        Path cache = Files.createDirectories(Path.of("target", "numpy-it-cache")).toAbsolutePath();
        EmbeddedCPython payload = EmbeddedCPython.payload();
        PythonInstallation python = payload.prepare(payload.jar().orElseThrow(), cache, List.of(new NumpyAddOn()));
        runtime = PythonRuntime.builder(RuntimeConfig.builder().build()).installation(python).start();
        py = runtime.interpreter();
        py.exec("import numpy as np");
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void numpyScalarsBecomeJavaNumbersAndBooleans() {
        assertEquals(-5L, py.eval("np.int64(-5)"));
        assertEquals(200L, py.eval("np.uint8(200)"));
        assertEquals(new BigInteger("18446744073709551615"), py.eval("np.uint64(2**64 - 1)"));
        assertEquals(1.5, py.eval("np.float32(1.5)"));
        assertEquals(2.5, py.eval("np.float64(2.5)"));
        assertEquals(0.5, py.eval("np.float16(0.5)"));
        assertEquals(Boolean.TRUE, py.eval("np.bool_(True)"));
        assertEquals(7, py.eval("np.int32(7)", int.class));
        assertEquals(3L, py.eval("np.int16(3)", Long.class));
        assertEquals((byte) 100, py.eval("np.int8(100)", byte.class));
        assertEquals(0.25f, py.eval("np.float32(0.25)", float.class));
        assertEquals(9.0, py.eval("np.int64(9)", double.class));
        assertEquals(false, py.eval("np.bool_(False)", boolean.class));
        assertThrows(ConversionException.class, () -> py.eval("np.int64(2**40)", int.class));
        assertEquals(6.0, py.eval("np.arange(4.0).sum()"));
    }

    @Test
    void arraysCopyIntoJavaArraysInCOrder() {
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, py.eval("np.arange(6.0).reshape(2, 3)", double[].class));
        assertArrayEquals(new double[] {0, 3, 1, 4, 2, 5}, py.eval("np.arange(6.0).reshape(2, 3).T", double[].class));
        assertArrayEquals(new double[] {5, 3, 1}, py.eval("np.arange(6.0)[::-2]", double[].class));
        assertArrayEquals(new float[] {1.5f, 2.5f}, py.eval("np.array([1.5, 2.5], dtype=np.float32)", float[].class));
        assertArrayEquals(new long[] {-1, 1L << 40}, py.eval("np.array([-1, 2**40], dtype=np.int64)", long[].class));
        assertArrayEquals(new int[] {1, 2}, py.eval("np.array([1, 2], dtype=np.int32)", int[].class));
        assertArrayEquals(new short[] {-3}, py.eval("np.array([-3], dtype=np.int16)", short[].class));
        assertArrayEquals(new byte[] {(byte) 255, 1}, py.eval("np.array([255, 1], dtype=np.uint8)", byte[].class));
        assertArrayEquals(new boolean[] {true, false, true}, py.eval("np.array([1, 0, 2]) > 0", boolean[].class));
        ConversionException e = assertThrows(ConversionException.class, () -> py.eval("np.arange(3.0)", long[].class));
        assertTrue(e.getMessage().contains("astype"), e.getMessage());
    }

    @Test
    void anArraySeenFromJavaIsTheSameMemory() {
        py.exec("a = np.zeros((2, 3))");
        try (PythonObject a = py.get("a", PythonObject.class); PythonBuffer buf = a.buffer(true)) {
            assertEquals('d', buf.format().charAt(buf.format().length() - 1));
            assertArrayEquals(new long[] {2, 3}, buf.shape());
            assertArrayEquals(new long[] {24, 8}, buf.strides());
            buf.segment().setAtIndex(ValueLayout.JAVA_DOUBLE, 4, 3.5);
            assertEquals(3.5, py.eval("float(a[1, 1])"), "numpy reads what Java wrote");
            py.exec("a[0, 2] = 7");
            assertEquals(7.0, buf.segment().getAtIndex(ValueLayout.JAVA_DOUBLE, 2), "Java reads what numpy wrote");
            PythonException pinned = assertThrows(PythonException.class, () -> py.exec("a.resize(10)"));
            assertEquals("ValueError", pinned.typeName());
        }
    }

    @Test
    void aJavaSegmentIsANumpyArrayAndAnArrayCrossesToJavaAndBack() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment memory = arena.allocate(ValueLayout.JAVA_DOUBLE, 4);
            SharedSegment shared = py.share(memory);
            try (PythonObject exporter = shared.exporter()) {
                py.set("x", exporter);
            }
            py.exec("arr = np.frombuffer(x, dtype=np.float64)\narr[0] = 1.25");
            assertEquals(true, py.eval("bool(arr.flags.writeable)"));
            assertEquals(1.25, memory.getAtIndex(ValueLayout.JAVA_DOUBLE, 0), "Java reads what numpy wrote");
            memory.setAtIndex(ValueLayout.JAVA_DOUBLE, 3, -2.0);
            assertEquals(-2.0, py.eval("float(arr[3])"), "numpy reads what Java wrote");
            assertThrows(IllegalStateException.class, shared::close, "numpy still holds the memory");
            py.exec("del arr");
            shared.close();
            py.exec("del x");
        }

        py.exec("src = np.arange(4.0)");
        try (PythonObject src = py.get("src", PythonObject.class); PythonBuffer buf = src.buffer(true)) {
            SharedSegment back = py.share(buf.segment());
            try (PythonObject exporter = back.exporter()) {
                py.set("y", exporter);
            }
            py.exec("twin = np.frombuffer(y, dtype=np.float64)\ntwin[1] = 100.0");
            assertEquals(100.0, py.eval("float(src[1])"), "the array came back to Python as the same memory");
            py.exec("del twin, y");
            back.close();
        }
    }
}
