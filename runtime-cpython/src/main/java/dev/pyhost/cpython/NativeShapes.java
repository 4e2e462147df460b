package dev.pyhost.cpython;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Creates every downcall handle of this module through a few canonical shapes, because each distinct shape costs
 * the linker a generated class and a native stub (milliseconds each at start-up, before the JIT has compiled the
 * linker), while a shape it has seen costs almost nothing. A C function whose parameters are all {@code int},
 * {@code long} or pointers, at most {@value #MAX_REGISTER_ARGUMENTS} of them, and whose result is one of those,
 * {@code void} or a struct, is linked as a function of six {@code long} parameters (returning a {@code long}, or
 * the same struct), so that the whole binding needs two linker shapes; that handle is adapted, once per declared
 * signature, to the declared type, and each function binds its address to the adapted handle. The adaptation:
 * the parameters the function lacks get values it never reads, an {@code int} is widened to a {@code long}, a
 * pointer passed as its address, a {@code long} result narrowed to an {@code int}, dropped for {@code void}, or
 * wrapped as a zero-length segment for a pointer, as the linker itself returns it.
 *
 * <p>This is exact on the 64-bit Linux ABIs (x86-64 System V, AArch64 AAPCS64): those arguments travel in the
 * same general-purpose registers whatever their C integer type, a callee reads only the low 32 bits of an
 * {@code int} argument, and a caller of a function returning {@code int} only the low 32 bits of the result
 * register; the arity bound keeps every argument in a register, and registers a callee does not read as
 * parameters are scratch registers that a caller may leave holding anything. Anything else (floating point,
 * struct arguments, more arguments, another operating system) is linked as declared.
 */
public final class NativeShapes {
    /** The most arguments adapted: all of them travel in registers on both ABIs (x86-64 has six). */
    public static final int MAX_REGISTER_ARGUMENTS = 6;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final boolean CANONICAL = canonicalPlatform(System.getProperty("os.name", ""),
            System.getProperty("os.arch", ""));
    private static final MethodHandle ADDRESS_OF;
    private static final MethodHandle SEGMENT_OF;
    /** Per declared signature, the adapted handle that still takes the function's address first. */
    private static final ConcurrentMap<FunctionDescriptor, MethodHandle> ADAPTED = new ConcurrentHashMap<>();

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            ADDRESS_OF = lookup.findStatic(NativeShapes.class, "addressOf",
                    MethodType.methodType(long.class, MemorySegment.class));
            SEGMENT_OF = lookup.findStatic(MemorySegment.class, "ofAddress",
                    MethodType.methodType(MemorySegment.class, long.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private NativeShapes() {
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
     * A downcall handle of exactly the type {@link Linker#downcallHandle(MemorySegment, FunctionDescriptor,
     * Linker.Option...)} would give, through a canonical shape where that is exact.
     *
     * @param function the function's address
     * @param descriptor its C signature
     * @return the handle
     * @throws IllegalCallerException when the JVM denies native access to this module
     */
    @SuppressWarnings("restricted") // the one place that links functions
    public static MethodHandle downcall(MemorySegment function, FunctionDescriptor descriptor) {
        if (!CANONICAL || !adaptable(descriptor)) {
            return LINKER.downcallHandle(function, descriptor);
        }
        MethodHandle adapted = ADAPTED.get(descriptor);
        if (adapted == null) {
            // outside computeIfAbsent: linking may throw, and two threads racing get equivalent handles
            adapted = adapt(LINKER.downcallHandle(canonical(descriptor)), descriptor);
            MethodHandle raced = ADAPTED.putIfAbsent(descriptor, adapted);
            adapted = raced == null ? adapted : raced;
        }
        return MethodHandles.insertArguments(adapted, 0, function);
    }

    /**
     * Links the canonical shapes ahead of use, the costly part of a first downcall (the linker generates a class
     * and a native stub per shape, before the JIT has compiled the linker), so that a thread with other work can
     * leave it to another one. Linking the same shape at the same time waits for this instead of repeating it.
     * Does nothing where the shapes are not used; a JVM that denies native access fails later, where it is
     * reported.
     */
    @SuppressWarnings("restricted") // links no function: calling the result would need an address
    public static void prepare() {
        if (!CANONICAL) {
            return;
        }
        try {
            LINKER.downcallHandle(canonical(FunctionDescriptor.of(ValueLayout.JAVA_LONG)));
            LINKER.downcallHandle(canonical(FunctionDescriptor.of(PyStatusCheck.LAYOUT)));
        } catch (IllegalCallerException e) {
            // native access is denied: the first real downcall says so, with the flag to add
        }
    }

    /**
     * Whether a signature is linked through a canonical shape.
     *
     * @param descriptor the C signature
     * @return {@code true} for integer and pointer parameters (at most six) and an integer, pointer, struct or no
     *         result
     */
    static boolean adaptable(FunctionDescriptor descriptor) {
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
        return result == null || result instanceof GroupLayout || integral(result);
    }

    /**
     * The canonical shape of an adaptable signature: six {@code long} parameters, a {@code long} result (or the
     * same struct).
     *
     * @param descriptor the C signature
     * @return the shape the linker links
     */
    static FunctionDescriptor canonical(FunctionDescriptor descriptor) {
        MemoryLayout[] longs = new MemoryLayout[MAX_REGISTER_ARGUMENTS];
        Arrays.fill(longs, ValueLayout.JAVA_LONG);
        MemoryLayout result = descriptor.returnLayout().orElse(null);
        return FunctionDescriptor.of(result instanceof GroupLayout ? result : ValueLayout.JAVA_LONG, longs);
    }

    private static boolean integral(MemoryLayout layout) {
        return layout instanceof AddressLayout || layout instanceof ValueLayout.OfInt
                || layout instanceof ValueLayout.OfLong;
    }

    private static MethodHandle adapt(MethodHandle linked, FunctionDescriptor descriptor) {
        List<MemoryLayout> arguments = descriptor.argumentLayouts();
        boolean struct = descriptor.returnLayout().orElse(null) instanceof GroupLayout;
        int first = struct ? 2 : 1; // after the function's address, and the allocator of a struct result
        MethodHandle[] filters = new MethodHandle[arguments.size()];
        for (int i = 0; i < filters.length; i++) {
            if (arguments.get(i) instanceof AddressLayout) {
                filters[i] = ADDRESS_OF;
            }
        }
        // The registers of parameters the function does not have carry copies of its first argument (or zeros):
        // a callee never reads them, and a caller may leave anything there.
        MethodHandle full = linked;
        int declared = arguments.size();
        if (declared == 0) {
            Object[] zeros = new Object[MAX_REGISTER_ARGUMENTS];
            Arrays.fill(zeros, 0L);
            full = MethodHandles.insertArguments(linked, first, zeros);
        } else if (declared < MAX_REGISTER_ARGUMENTS) {
            int[] reorder = new int[first + MAX_REGISTER_ARGUMENTS];
            for (int i = 0; i < reorder.length; i++) {
                reorder[i] = i < first + declared ? i : first;
            }
            full = MethodHandles.permuteArguments(linked, linked.type().dropParameterTypes(first + declared,
                    first + MAX_REGISTER_ARGUMENTS), reorder);
        }
        MethodHandle h = MethodHandles.filterArguments(full, first, filters);
        if (descriptor.returnLayout().orElse(null) instanceof AddressLayout) {
            h = MethodHandles.filterReturnValue(h, SEGMENT_OF);
        }
        // int parameters widen to long, a long result narrows to int or is dropped for void
        return MethodHandles.explicitCastArguments(h,
                Downcalls.downcallType(descriptor).insertParameterTypes(0, MemorySegment.class));
    }

    /**
     * A pointer argument's address, with the linker's own checks: a heap segment has no address to pass, and a
     * segment whose arena is closed must not be passed.
     *
     * @param segment the argument
     * @return its address
     * @throws IllegalArgumentException for a heap segment
     * @throws IllegalStateException when its arena is closed
     */
    private static long addressOf(MemorySegment segment) {
        if (!segment.isNative()) {
            throw new IllegalArgumentException("Heap segment not allowed: " + segment);
        }
        if (!segment.scope().isAlive()) {
            throw new IllegalStateException("Already closed");
        }
        return segment.address();
    }
}
