package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_LONG;
import static dev.pyhost.cpython.Downcalls.C_POINTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.NativeAccessException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.invoke.MethodHandle;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The binding's shared rules: handles that cannot be made fail when called, and the one failure translation. */
class DowncallsTest {
    private static final List<FunctionDescriptor> DESCRIPTORS = List.of(
            FunctionDescriptor.ofVoid(),
            FunctionDescriptor.ofVoid(C_POINTER),
            FunctionDescriptor.of(C_INT),
            FunctionDescriptor.of(C_POINTER, C_POINTER, C_LONG, C_POINTER),
            FunctionDescriptor.of(PyStatusCheck.LAYOUT, C_POINTER),
            FunctionDescriptor.of(PyStatusCheck.LAYOUT, C_POINTER, C_LONG, C_POINTER));

    /** A real function's address: binding is all these tests do with it, it is never called. */
    private static final MemorySegment SOME_FUNCTION =
            Downcalls.LINKER.defaultLookup().find("getpid").orElseThrow();

    @Test
    void aMissingFunctionGetsAHandleOfTheLinkersTypeThatThrowsWhenCalled() throws Throwable {
        for (FunctionDescriptor fd : DESCRIPTORS) {
            MethodHandle real = Downcalls.bind(SOME_FUNCTION, fd, "unused");
            MethodHandle missing = Downcalls.bind(MemorySegment.NULL, fd, "libx has no function 'f'");
            assertEquals(real.type(), missing.type(), fd.toString());
            assertEquals(real.type(), Downcalls.downcallType(fd), fd.toString());
            Object[] args = new Object[missing.type().parameterCount()];
            for (int i = 0; i < args.length; i++) {
                Class<?> p = missing.type().parameterType(i);
                args[i] = p == int.class ? 0 : p == long.class ? 0L
                        : p == SegmentAllocator.class ? Arena.global() : MemorySegment.NULL;
            }
            NativeAccessException first = assertThrows(NativeAccessException.class,
                    () -> missing.invokeWithArguments(args));
            NativeAccessException second = assertThrows(NativeAccessException.class,
                    () -> missing.invokeWithArguments(args));
            assertEquals("libx has no function 'f'", first.getMessage());
            assertEquals(first.getMessage(), second.getMessage());
            assertNotSame(first, second, "each call gets its own exception and stack trace");
        }
    }

    @Test
    void aStructReturnTakesTheAllocatorFirst() {
        assertEquals(SegmentAllocator.class,
                Downcalls.downcallType(FunctionDescriptor.of(PyStatusCheck.LAYOUT, C_POINTER)).parameterType(0));
        assertEquals(MemorySegment.class, Downcalls.downcallType(FunctionDescriptor.of(C_POINTER, C_POINTER))
                .parameterType(0));
    }

    @Test
    void failuresAreTranslatedInOnePlace() {
        IllegalStateException runtime = new IllegalStateException("x");
        assertSame(runtime, Downcalls.failure("f", runtime));
        NativeAccessException nae = new NativeAccessException("y");
        assertSame(nae, Downcalls.failure("f", nae));

        IllegalCallerException denied = new IllegalCallerException("denied");
        RuntimeException explained = Downcalls.failure("f", denied);
        assertTrue(explained instanceof NativeAccessException, explained.toString());
        assertTrue(explained.getMessage().contains("--enable-native-access=ALL-UNNAMED"), explained.getMessage());
        assertSame(denied, explained.getCause());

        StackOverflowError error = new StackOverflowError();
        assertSame(error, assertThrows(StackOverflowError.class, () -> Downcalls.failure("f", error)));

        IOException checked = new IOException("z");
        RuntimeException wrapped = Downcalls.failure("f", checked);
        assertTrue(wrapped instanceof NativeAccessException, wrapped.toString());
        assertTrue(wrapped.getMessage().contains("Native call f failed"), wrapped.getMessage());
        assertSame(checked, wrapped.getCause());
    }

    @Test
    void cStrings() {
        assertNull(Downcalls.string(MemorySegment.NULL));
        try (Arena arena = Arena.ofConfined()) {
            assertEquals("héllo", Downcalls.string(arena.allocateFrom("héllo")));
        }
    }
}
