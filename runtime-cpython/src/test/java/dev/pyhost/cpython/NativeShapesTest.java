package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_LONG;
import static dev.pyhost.cpython.Downcalls.C_POINTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Functions linked through the canonical shapes behave as linked as declared: real C library functions, called
 * with values that would show a lost sign, a truncated result or a wrong register.
 */
class NativeShapesTest {
    private static MethodHandle libc(String name, FunctionDescriptor descriptor) {
        return NativeShapes.downcall(Downcalls.LINKER.defaultLookup().find(name).orElseThrow(), descriptor);
    }

    @Test
    void intArgumentsKeepTheirSignAndIntResultsAreNarrowed() throws Throwable {
        MethodHandle abs = libc("abs", FunctionDescriptor.of(C_INT, C_INT));
        assertEquals(7, (int) abs.invokeExact(-7));
        assertEquals(Integer.MAX_VALUE, (int) abs.invokeExact(-Integer.MAX_VALUE));
        MethodHandle atoi = libc("atoi", FunctionDescriptor.of(C_INT, C_POINTER));
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(-5, (int) atoi.invokeExact(arena.allocateFrom("-5")));
        }
        MethodHandle labs = libc("labs", FunctionDescriptor.of(C_LONG, C_LONG));
        assertEquals(1L << 40, (long) labs.invokeExact(-(1L << 40)));
    }

    @Test
    void pointersGoAsAddressesAndComeBackAsZeroLengthSegments() throws Throwable {
        MethodHandle memchr = libc("memchr", FunctionDescriptor.of(C_POINTER, C_POINTER, C_INT, C_LONG));
        MethodHandle strtol = libc("strtol", FunctionDescriptor.of(C_LONG, C_POINTER, C_POINTER, C_INT));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocateFrom("-123 zz");
            MemorySegment found = (MemorySegment) memchr.invokeExact(text, (int) 'z', 7L);
            assertEquals(text.address() + 5, found.address());
            assertEquals(0, found.byteSize(), "as the linker returns a pointer without a target layout");
            MemorySegment none = (MemorySegment) memchr.invokeExact(text, (int) 'q', 7L);
            assertEquals(0, none.address());

            MemorySegment end = arena.allocate(C_POINTER);
            assertEquals(-123L, (long) strtol.invokeExact(text, end, 10));
            assertEquals(text.address() + 4, end.get(C_POINTER, 0).address());
            assertEquals(-0x7fL, (long) strtol.invokeExact(arena.allocateFrom("-7f"), MemorySegment.NULL, 16));
        }
    }

    @Test
    void aVoidFunctionIsCalled() throws Throwable {
        MethodHandle srand = libc("srand", FunctionDescriptor.ofVoid(C_INT));
        MethodHandle rand = libc("rand", FunctionDescriptor.of(C_INT));
        srand.invokeExact(42);
        int first = (int) rand.invokeExact();
        srand.invokeExact(42);
        assertEquals(first, (int) rand.invokeExact(), "the same seed reached srand twice");
    }

    @Test
    void theLinkersOwnChecksOnPointerArgumentsHold() {
        MethodHandle strlen = libc("strlen", FunctionDescriptor.of(C_LONG, C_POINTER));
        MemorySegment heap = MemorySegment.ofArray(new byte[] {'a', 0});
        assertThrows(IllegalArgumentException.class, () -> {
            long ignored = (long) strlen.invokeExact(heap);
        });
        MemorySegment closed;
        try (Arena arena = Arena.ofConfined()) {
            closed = arena.allocateFrom("abc");
        }
        MemorySegment gone = closed;
        assertThrows(IllegalStateException.class, () -> {
            long ignored = (long) strlen.invokeExact(gone);
        });
    }

    @Test
    void handlesHaveTheLinkersTypeAndFewShapes() {
        List<FunctionDescriptor> declared = List.of(
                FunctionDescriptor.of(C_INT),
                FunctionDescriptor.of(C_POINTER),
                FunctionDescriptor.ofVoid(C_POINTER),
                FunctionDescriptor.ofVoid(C_INT),
                FunctionDescriptor.of(C_POINTER, C_LONG),
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER),
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER),
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_INT, C_POINTER, C_POINTER, C_POINTER),
                FunctionDescriptor.of(PyStatusCheck.LAYOUT, C_POINTER),
                FunctionDescriptor.of(PyStatusCheck.LAYOUT, C_POINTER, C_LONG, C_POINTER));
        MemorySegment getpid = Downcalls.LINKER.defaultLookup().find("getpid").orElseThrow();
        for (FunctionDescriptor d : declared) {
            assertTrue(NativeShapes.adaptable(d), d.toString());
            assertEquals(Downcalls.downcallType(d), NativeShapes.downcall(getpid, d).type(), d.toString());
        }
        Set<FunctionDescriptor> shapes = declared.stream().map(NativeShapes::canonical).collect(Collectors.toSet());
        assertEquals(2, shapes.size(), shapes.toString()); // one with a long result, one with the struct
    }

    @Test
    void floatingPointManyArgumentsAndOtherPlatformsAreLinkedAsDeclared() {
        assertFalse(NativeShapes.adaptable(FunctionDescriptor.of(ValueLayout.JAVA_DOUBLE, C_POINTER)));
        assertFalse(NativeShapes.adaptable(FunctionDescriptor.ofVoid(ValueLayout.JAVA_DOUBLE)));
        assertFalse(NativeShapes.adaptable(FunctionDescriptor.ofVoid(C_LONG, C_LONG, C_LONG, C_LONG, C_LONG, C_LONG,
                C_LONG)));
        assertTrue(NativeShapes.canonicalPlatform("Linux", "amd64"));
        assertTrue(NativeShapes.canonicalPlatform("Linux", "aarch64"));
        assertFalse(NativeShapes.canonicalPlatform("Mac OS X", "aarch64"));
        assertFalse(NativeShapes.canonicalPlatform("Windows 11", "amd64"));
    }
}
