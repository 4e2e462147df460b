package dev.pyhost.cpython;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.List;

/**
 * The two canonical shapes through which {@link NativeFunction} calls every C function of this module whose
 * parameters are all {@code int}, {@code long} or pointers, at most {@value #MAX_REGISTER_ARGUMENTS} of them, and
 * whose result is one of those, {@code void} or a {@code PyStatus}: {@code long f(long, long, long, long, long,
 * long)}, and the same six parameters with a {@code PyStatus} result. Each shape is one downcall handle taking the
 * function's address first, linked once per process and held in a static-final field, so that binding a function
 * is a symbol lookup and nothing else, and every call of a shape has the same exact type. Each distinct linked or
 * adapted shape costs the JVM generated classes and the linker a native stub (together around a millisecond each
 * at start-up, when the code that spins them still runs interpreted).
 *
 * <p>The canonical path is chosen where it is exact: the 64-bit Linux ABIs (x86-64 System V, AArch64 AAPCS64).
 * There, integer and pointer arguments travel in the same general-purpose registers whatever their C integer
 * type, a callee reads only the low 32 bits of an {@code int} argument, and a caller of a function returning
 * {@code int} only the low 32 bits of the result register; the arity bound keeps every argument in a register,
 * and registers a callee does not read as parameters are scratch registers that a caller may leave holding
 * anything (here zeros). A {@code PyStatus} result travels the same way whatever the parameters (in memory, its
 * address in a register the parameters do not use). Anything else (floating point, struct arguments, more
 * arguments) is linked as declared, and on other platforms every function is linked as declared and adapted to
 * the canonical call, so that the C function still gets exactly its declared signature.
 */
public final class NativeShapes {
    /** The most arguments of a canonical call: all of them travel in registers on both ABIs (x86-64 has six). */
    public static final int MAX_REGISTER_ARGUMENTS = 6;

    /** Whether this platform calls through the canonical shapes (see the class comment). */
    static final boolean CANONICAL = canonicalPlatform(System.getProperty("os.name", ""),
            System.getProperty("os.arch", ""));

    private static final Linker LINKER = Linker.nativeLinker();

    private NativeShapes() {
    }

    /**
     * A shape as the linker linked it: its handle, or, when the JVM denies native access, {@code null} and the
     * refusal (which each call then explains).
     *
     * @param handle the downcall handle, taking the function's address first, or {@code null}
     * @param denied why there is none, or {@code null}
     */
    record Linked(MethodHandle handle, IllegalCallerException denied) {
        /** {@return the shape linked, or the refusal recorded} */
        static Linked of(FunctionDescriptor shape) {
            try {
                return new Linked(link(shape), null);
            } catch (IllegalCallerException e) {
                return new Linked(null, e);
            }
        }
    }

    /**
     * The shape {@code long f(long x6)}, taking the function's address first: type {@code (MemorySegment, long,
     * long, long, long, long, long)long}. Its own holder, so that the first call links it, or waits for
     * {@link #prepare()} linking it.
     */
    static final class Longs {
        static final Linked SHAPE = Linked.of(FunctionDescriptor.of(ValueLayout.JAVA_LONG, sixLongs()));

        private Longs() {
        }
    }

    /**
     * The shape {@code PyStatus f(long x6)}, taking the function's address, then the allocator of the result:
     * type {@code (MemorySegment, SegmentAllocator, long, long, long, long, long, long)MemorySegment}.
     */
    static final class Status {
        static final Linked SHAPE = Linked.of(FunctionDescriptor.of(PyStatusCheck.LAYOUT, sixLongs()));

        private Status() {
        }
    }

    /**
     * Whether the canonical shapes are exact on a platform.
     *
     * @param os the {@code os.name} property
     * @param arch the {@code os.arch} property
     * @return {@code true} on 64-bit Linux on x86-64 or AArch64
     */
    static boolean canonicalPlatform(String os, String arch) {
        return os.equals("Linux") && (arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"));
    }

    /**
     * Links the canonical shapes ahead of use, the costly part of a first downcall (the linker generates classes
     * and a native stub per shape, before the JIT has compiled the linker), so that a thread with other work can
     * leave it to another one. A first call at the same time waits for this (class initialization) instead of
     * repeating it. Does nothing where the shapes are not used; a JVM that denies native access fails later, at
     * the first call, where it is reported.
     */
    public static void prepare() {
        if (CANONICAL) {
            // reading the holders initializes them: both shapes are linked here, on this thread
            Linked longs = Longs.SHAPE;
            Linked status = Status.SHAPE;
            assert longs != null && status != null;
        }
    }

    /**
     * Whether a C function can be called through a canonical shape (on a platform where they are exact).
     *
     * @param descriptor its C signature
     * @return {@code true} for integer and pointer parameters (at most six) and an integer, pointer,
     *         {@code PyStatus} or no result
     */
    static boolean fits(FunctionDescriptor descriptor) {
        List<MemoryLayout> arguments = descriptor.argumentLayouts();
        if (arguments.size() > MAX_REGISTER_ARGUMENTS) {
            return false;
        }
        for (MemoryLayout a : arguments) {
            if (!integral(a)) {
                return false;
            }
        }
        MemoryLayout result = descriptor.returnLayout().orElse(null);
        return result == null || integral(result) || isStatus(result);
    }

    /**
     * Whether a result layout is {@code PyStatus}, the one struct result of the canonical shapes.
     *
     * @param layout a return layout
     * @return whether it is {@link PyStatusCheck#LAYOUT}'s struct
     */
    static boolean isStatus(MemoryLayout layout) {
        return layout instanceof GroupLayout && layout.equals(PyStatusCheck.LAYOUT);
    }

    private static boolean integral(MemoryLayout layout) {
        return layout instanceof AddressLayout || layout instanceof ValueLayout.OfInt
                || layout instanceof ValueLayout.OfLong;
    }

    private static MemoryLayout[] sixLongs() {
        MemoryLayout[] longs = new MemoryLayout[MAX_REGISTER_ARGUMENTS];
        Arrays.fill(longs, ValueLayout.JAVA_LONG);
        return longs;
    }

    @SuppressWarnings("restricted") // links no function: calling the result needs an address
    private static MethodHandle link(FunctionDescriptor shape) {
        return LINKER.downcallHandle(shape);
    }

    /**
     * The declared linking of a function, adapted to the type of the canonical call, for platforms where the
     * canonical shapes are not exact (and for the tests of that path): the C function gets exactly its declared
     * signature, the adaptation only converts Java values.
     *
     * @param function the function's address
     * @param descriptor its C signature, one that {@link #fits}
     * @return a handle of type {@code (long x6)long}, or {@code (SegmentAllocator, long x6)MemorySegment} for a
     *         {@code PyStatus} result
     * @throws IllegalCallerException when the JVM denies native access to this module
     */
    @SuppressWarnings("restricted") // links the function as declared
    static MethodHandle declared(MemorySegment function, FunctionDescriptor descriptor) {
        MethodHandle h = LINKER.downcallHandle(function, descriptor);
        List<MemoryLayout> arguments = descriptor.argumentLayouts();
        boolean status = descriptor.returnLayout().isPresent() && isStatus(descriptor.returnLayout().get());
        int first = status ? 1 : 0; // after the allocator of a struct result
        MethodHandle[] filters = new MethodHandle[arguments.size()];
        for (int i = 0; i < filters.length; i++) {
            if (arguments.get(i) instanceof AddressLayout) {
                filters[i] = Declared.SEGMENT_OF;
            }
        }
        h = MethodHandles.filterArguments(h, first, filters);
        if (descriptor.returnLayout().orElse(null) instanceof AddressLayout) {
            h = MethodHandles.filterReturnValue(h, Declared.ADDRESS_OF);
        }
        Class<?>[] extra = new Class<?>[MAX_REGISTER_ARGUMENTS - arguments.size()];
        Arrays.fill(extra, long.class);
        h = MethodHandles.dropArguments(h, first + arguments.size(), extra);
        Class<?>[] longs = new Class<?>[MAX_REGISTER_ARGUMENTS];
        Arrays.fill(longs, long.class);
        MethodType canonical = MethodType.methodType(long.class, longs);
        if (status) {
            canonical = canonical.changeReturnType(MemorySegment.class).insertParameterTypes(0,
                    SegmentAllocator.class);
        }
        // int parameters narrow from long, an int result widens to long, no result becomes 0
        return MethodHandles.explicitCastArguments(h, canonical);
    }

    /** Method handles of the declared path, looked up only on a platform (or in a test) that takes it. */
    private static final class Declared {
        static final MethodHandle SEGMENT_OF;
        static final MethodHandle ADDRESS_OF;

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                SEGMENT_OF = lookup.findStatic(MemorySegment.class, "ofAddress",
                        MethodType.methodType(MemorySegment.class, long.class));
                ADDRESS_OF = lookup.findVirtual(MemorySegment.class, "address", MethodType.methodType(long.class));
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private Declared() {
        }
    }
}
