package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_LONG;
import static dev.pyhost.cpython.Downcalls.C_POINTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which signatures take the canonical shapes, on which platforms, and the shapes' exact types. */
class NativeShapesTest {
    @Test
    void integerAndPointerSignaturesOfUpToSixArgumentsFit() {
        List<FunctionDescriptor> fitting = List.of(
                FunctionDescriptor.of(C_INT),
                FunctionDescriptor.of(C_POINTER),
                FunctionDescriptor.ofVoid(),
                FunctionDescriptor.ofVoid(C_INT),
                FunctionDescriptor.of(C_POINTER, C_LONG),
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_INT, C_POINTER, C_POINTER, C_POINTER),
                FunctionDescriptor.of(PyStatusCheck.LAYOUT, C_POINTER),
                FunctionDescriptor.of(PyStatusCheck.LAYOUT, C_POINTER, C_LONG, C_POINTER));
        for (FunctionDescriptor d : fitting) {
            assertTrue(NativeShapes.fits(d), d.toString());
        }
    }

    @Test
    void floatingPointCharsMoreArgumentsAndOtherStructsDoNotFit() {
        assertFalse(NativeShapes.fits(FunctionDescriptor.of(ValueLayout.JAVA_DOUBLE, C_POINTER)));
        assertFalse(NativeShapes.fits(FunctionDescriptor.ofVoid(ValueLayout.JAVA_DOUBLE)));
        assertFalse(NativeShapes.fits(FunctionDescriptor.of(C_INT, C_POINTER, ValueLayout.JAVA_BYTE)));
        assertFalse(NativeShapes.fits(FunctionDescriptor.ofVoid(C_LONG, C_LONG, C_LONG, C_LONG, C_LONG, C_LONG,
                C_LONG)));
        assertFalse(NativeShapes.fits(FunctionDescriptor.of(MemoryLayout.structLayout(C_LONG, C_LONG))));
        assertFalse(NativeShapes.fits(FunctionDescriptor.ofVoid(MemoryLayout.structLayout(C_LONG, C_LONG))));
    }

    @Test
    void onlyTheSixtyFourBitLinuxAbisAreCanonical() {
        assertTrue(NativeShapes.canonicalPlatform("Linux", "amd64"));
        assertTrue(NativeShapes.canonicalPlatform("Linux", "aarch64"));
        assertFalse(NativeShapes.canonicalPlatform("Linux", "riscv64"));
        assertFalse(NativeShapes.canonicalPlatform("Mac OS X", "aarch64"));
        assertFalse(NativeShapes.canonicalPlatform("Windows 11", "amd64"));
    }

    @Test
    void theTwoShapesAreLinkedOnceWithTheFunctionsAddressFirst() {
        NativeShapes.prepare();
        assertTrue(NativeShapes.CANONICAL, "these tests run on 64-bit Linux");
        assertNull(NativeShapes.Longs.SHAPE.denied());
        assertNotNull(NativeShapes.Longs.SHAPE.handle());
        assertEquals(MethodType.methodType(long.class, MemorySegment.class, long.class, long.class, long.class,
                long.class, long.class, long.class), NativeShapes.Longs.SHAPE.handle().type());
        assertEquals(MethodType.methodType(MemorySegment.class, MemorySegment.class, SegmentAllocator.class,
                long.class, long.class, long.class, long.class, long.class, long.class),
                NativeShapes.Status.SHAPE.handle().type());
    }

    @Test
    void theDeclaredPathHasTheCanonicalCallsType() {
        MemorySegment getpid = Downcalls.LINKER.defaultLookup().find("getpid").orElseThrow();
        MethodType longs = MethodType.methodType(long.class, long.class, long.class, long.class, long.class,
                long.class, long.class);
        for (FunctionDescriptor d : List.of(FunctionDescriptor.of(C_INT), FunctionDescriptor.ofVoid(C_POINTER),
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_INT, C_LONG))) {
            assertEquals(longs, NativeShapes.declared(getpid, d).type(), d.toString());
        }
        assertEquals(longs.changeReturnType(MemorySegment.class).insertParameterTypes(0, SegmentAllocator.class),
                NativeShapes.declared(getpid, FunctionDescriptor.of(PyStatusCheck.LAYOUT, C_POINTER)).type());
    }
}
