package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_LONG;
import static dev.pyhost.cpython.Downcalls.C_POINTER;
import static dev.pyhost.cpython.NativeFunction.addressOf;
import static dev.pyhost.cpython.NativeFunction.pointer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.NativeAccessException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * C functions called through the canonical shapes behave as linked as declared, and so do those called through
 * the declared path other platforms take: real C library functions, called with values that would show a lost
 * sign, a truncated result, a wrong register or a wrong argument order.
 */
class NativeFunctionTest {
    private static NativeFunction libc(String name, FunctionDescriptor descriptor, boolean canonical) {
        return NativeFunction.of(name, Downcalls.LINKER.defaultLookup().find(name).orElseThrow(), descriptor,
                "unused", canonical);
    }

    @ParameterizedTest(name = "canonical={0}")
    @ValueSource(booleans = {true, false})
    void intArgumentsKeepTheirSignAndIntResultsAreTheLowHalf(boolean canonical) {
        NativeFunction abs = libc("abs", FunctionDescriptor.of(C_INT, C_INT), canonical);
        assertEquals(7, (int) abs.call(-7));
        assertEquals(Integer.MAX_VALUE, (int) abs.call(-Integer.MAX_VALUE));
        assertEquals(7, (int) abs.call(0x7_ffff_fff9L), "an int parameter is the low half of its register");
        NativeFunction atoi = libc("atoi", FunctionDescriptor.of(C_INT, C_POINTER), canonical);
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(-5, (int) atoi.call(addressOf(arena.allocateFrom("-5"))));
            assertEquals(Integer.MIN_VALUE, (int) atoi.call(addressOf(arena.allocateFrom("-2147483648"))));
        }
        NativeFunction labs = libc("labs", FunctionDescriptor.of(C_LONG, C_LONG), canonical);
        assertEquals(1L << 40, labs.call(-(1L << 40)));
        assertEquals(Long.MAX_VALUE, labs.call(-Long.MAX_VALUE), "all 64 bits of a long travel both ways");
    }

    @ParameterizedTest(name = "canonical={0}")
    @ValueSource(booleans = {true, false})
    void pointersGoAsAddressesAndComeBackAsZeroLengthSegments(boolean canonical) {
        NativeFunction memchr = libc("memchr", FunctionDescriptor.of(C_POINTER, C_POINTER, C_INT, C_LONG),
                canonical);
        NativeFunction strtol = libc("strtol", FunctionDescriptor.of(C_LONG, C_POINTER, C_POINTER, C_INT),
                canonical);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocateFrom("-123 zz");
            MemorySegment found = pointer(memchr.call(addressOf(text), 'z', 7L));
            assertEquals(text.address() + 5, found.address());
            assertEquals(0, found.byteSize(), "as the linker returns a pointer without a target layout");
            assertEquals(MemorySegment.NULL, pointer(memchr.call(addressOf(text), 'q', 7L)));

            MemorySegment end = arena.allocate(C_POINTER);
            assertEquals(-123L, strtol.call(addressOf(text), addressOf(end), 10));
            assertEquals(text.address() + 4, end.get(C_POINTER, 0).address());
            assertEquals(-0x7fL, strtol.call(addressOf(arena.allocateFrom("-7f")), addressOf(MemorySegment.NULL),
                    16));
        }
    }

    @ParameterizedTest(name = "canonical={0}")
    @ValueSource(booleans = {true, false})
    @SuppressWarnings("restricted") // reads the mapped page
    void sixArgumentsArriveInOrder(boolean canonical) {
        // mmap's sixth argument, the file offset, picks which page of a memory file is mapped; its fifth is an int
        NativeFunction memfdCreate = libc("memfd_create", FunctionDescriptor.of(C_INT, C_POINTER, C_INT), canonical);
        NativeFunction pwrite = libc("pwrite", FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_LONG, C_LONG),
                canonical);
        NativeFunction mmap = libc("mmap", FunctionDescriptor.of(C_POINTER, C_POINTER, C_LONG, C_INT, C_INT, C_INT,
                C_LONG), canonical);
        NativeFunction munmap = libc("munmap", FunctionDescriptor.of(C_INT, C_POINTER, C_LONG), canonical);
        NativeFunction close = libc("close", FunctionDescriptor.of(C_INT, C_INT), canonical);
        long page = 4096;
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) memfdCreate.call(addressOf(arena.allocateFrom("pyhost-test")), 0);
            assertTrue(fd >= 0, "memfd_create: " + fd);
            try {
                assertEquals(1L, pwrite.call(fd, addressOf(arena.allocateFrom("A")), 1L, 0L));
                assertEquals(1L, pwrite.call(fd, addressOf(arena.allocateFrom("B")), 1L, 2 * page));
                long prot = 1; // PROT_READ
                long shared = 1; // MAP_SHARED
                long mapped = mmap.call(0L, page, (int) prot, (int) shared, fd, 2 * page);
                assertTrue(mapped != -1L && mapped != 0L, "mmap: " + mapped);
                assertEquals('B', MemorySegment.ofAddress(mapped).reinterpret(page).get(ValueLayout.JAVA_BYTE, 0));
                assertEquals(0, (int) munmap.call(mapped, page));
                assertEquals(-1L, mmap.call(0L, page, (int) prot, (int) shared, -1, 0L),
                        "an int argument of -1 (a bad descriptor) fails; a pointer result of MAP_FAILED");
            } finally {
                close.call(fd);
            }
        }
    }

    @ParameterizedTest(name = "canonical={0}")
    @ValueSource(booleans = {true, false})
    void aVoidFunctionIsCalled(boolean canonical) {
        NativeFunction srand = libc("srand", FunctionDescriptor.ofVoid(C_INT), canonical);
        NativeFunction rand = libc("rand", FunctionDescriptor.of(C_INT), canonical);
        srand.call(42);
        int first = (int) rand.call();
        srand.call(42);
        assertEquals(first, (int) rand.call(), "the same seed reached srand twice");
    }

    @Test
    void pointerArgumentsGetTheLinkersChecks() {
        assertThrows(IllegalArgumentException.class, () -> addressOf(MemorySegment.ofArray(new byte[] {'a', 0})));
        MemorySegment closed;
        try (Arena arena = Arena.ofConfined()) {
            closed = arena.allocateFrom("abc");
            assertEquals(closed.address(), addressOf(closed));
        }
        MemorySegment gone = closed;
        assertThrows(IllegalStateException.class, () -> addressOf(gone));
        assertEquals(0L, addressOf(MemorySegment.NULL));
    }

    @ParameterizedTest(name = "canonical={0}")
    @ValueSource(booleans = {true, false})
    void aMissingFunctionFailsAtEachCallNotWhenBound(boolean canonical) {
        NativeFunction missing = NativeFunction.of("f", MemorySegment.NULL,
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_LONG), "libx has no function 'f'", canonical);
        NativeAccessException first = assertThrows(NativeAccessException.class, () -> missing.call(1L, 2L));
        NativeAccessException second = assertThrows(NativeAccessException.class, () -> missing.call(1L, 2L));
        assertEquals("libx has no function 'f'", first.getMessage());
        assertEquals(first.getMessage(), second.getMessage());
        assertNotSame(first, second, "each call gets its own exception and stack trace");
        assertNull(first.getCause());

        NativeFunction status = NativeFunction.of("g", MemorySegment.NULL,
                FunctionDescriptor.of(PyStatusCheck.LAYOUT, C_POINTER), "libx has no function 'g'", canonical);
        assertEquals("libx has no function 'g'", assertThrows(NativeAccessException.class,
                () -> status.callStruct(Arena.global(), 0L)).getMessage());
    }

    @Test
    void aCallOfTheWrongShapeIsRefusedBeforeReachingC() {
        NativeFunction abs = libc("abs", FunctionDescriptor.of(C_INT, C_INT), true);
        IllegalStateException arity = assertThrows(IllegalStateException.class, () -> abs.call(1L, 2L));
        assertTrue(arity.getMessage().contains("abs takes 1 arguments"), arity.getMessage());
        assertThrows(IllegalStateException.class, () -> abs.callStruct(Arena.global(), 1L));
        NativeFunction status = libc("getpid", FunctionDescriptor.of(PyStatusCheck.LAYOUT, C_POINTER), true);
        assertThrows(IllegalStateException.class, () -> status.call(0L), "never called: getpid has no PyStatus");
    }

    @Test
    void signaturesOutsideTheShapesAreRefusedWhenBound() {
        MemorySegment sqrt = Downcalls.LINKER.defaultLookup().find("abs").orElseThrow();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NativeFunction.of("sqrt",
                sqrt, FunctionDescriptor.of(ValueLayout.JAVA_DOUBLE, ValueLayout.JAVA_DOUBLE), "unused"));
        assertTrue(e.getMessage().contains("sqrt"), e.getMessage());
    }
}
