package dev.pyhost.tests.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pyhost.api.PythonBuffer;
import dev.pyhost.api.PythonObject;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.SharedSegment;
import dev.pyhost.testkit.PyHostTest;
import dev.pyhost.testkit.RuntimeLifecycle;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/**
 * Buffers and loans that outlive their runtime, against real CPython (3.10-3.14 with the other object suites): a
 * buffer still open at finalization is closed before {@code Py_FinalizeEx}, so Java cannot read memory the
 * interpreter tears down; a loan still in force needs no revoking once no Python object is left.
 */
@PyHostTest(lifecycle = RuntimeLifecycle.PER_METHOD)
class BufferLifetimeIT {

    @Test
    void aBufferStillOpenAtFinalizationIsClosedFirst(PythonRuntime runtime) {
        PythonBuffer buf;
        try (PythonObject data = runtime.interpreter().eval("bytearray(b'xyz')", PythonObject.class)) {
            buf = data.buffer(true);
        }
        MemorySegment segment = buf.segment();
        assertEquals('y', (char) segment.get(ValueLayout.JAVA_BYTE, 1), "the buffer keeps the bytearray alive");
        runtime.close();
        assertFalse(buf.isOpen());
        assertThrows(IllegalStateException.class, () -> segment.get(ValueLayout.JAVA_BYTE, 1));
        buf.close(); // idempotent after finalization
    }

    @Test
    void aLoanInForceAtFinalizationEndsWithIt(PythonRuntime runtime) {
        try (Arena arena = Arena.ofConfined()) {
            SharedSegment shared = runtime.interpreter().share(arena.allocate(4));
            try (PythonObject x = shared.exporter()) {
                runtime.interpreter().set("kept", x);
            }
            runtime.interpreter().exec("view = memoryview(kept)");
            assertEquals(1L, shared.exports());
            runtime.close();
            assertFalse(shared.isOpen());
            assertEquals(0L, shared.exports());
            shared.close(); // no Python object is left to hold the memory
        }
    }
}
