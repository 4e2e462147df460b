package dev.pyhost.cpython;

import dev.pyhost.api.NativeAccessException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.invoke.MethodHandle;
import java.util.Objects;

/**
 * A C function with integer and pointer parameters (at most {@value NativeShapes#MAX_REGISTER_ARGUMENTS}) and an
 * integer, pointer, {@code PyStatus} or no result, called through one of the two {@link NativeShapes canonical
 * shapes}: binding one is a symbol lookup, nothing is linked or adapted per function. Arguments and results are
 * {@code long}s: an {@code int} argument is passed as it widens, a pointer as {@link #addressOf its address}; an
 * {@code int} result is the {@code long}'s low half ({@code (int)} narrows it), a pointer result becomes a segment
 * through {@link #pointer}, a {@code void} function's result is meaningless. A {@code PyStatus} function is called
 * through {@code callStruct}, with the allocator of its result.
 *
 * <p>The shared handles are static-final fields and this is a record (its fields are trusted as final), so
 * a call through a static-final {@code NativeFunction} compiles to the native call itself, its checks folded
 * away.
 *
 * <p>A function that cannot be called (the library lacks the symbol, or the JVM denies native access) throws a
 * {@link NativeAccessException} saying why at each call, never when it is bound; whatever else a call throws goes
 * through {@link Downcalls#failure}.
 *
 * @param name the C function's name, as failures name it
 * @param symbol its address ({@link MemorySegment#NULL} when unavailable)
 * @param arity how many parameters it declares
 * @param struct whether it returns a {@code PyStatus} (then it is called through {@code callStruct})
 * @param declared where the canonical shapes are not exact: the function linked as declared and adapted to the
 *        canonical call's type (see {@link NativeShapes#declared}); {@code null} on the canonical path
 * @param unavailable why the function cannot be called, or {@code null} when it can
 * @param cause what made it unavailable, or {@code null}
 */
public record NativeFunction(String name, MemorySegment symbol, int arity, boolean struct, MethodHandle declared,
        String unavailable, Throwable cause) {
    /**
     * Validates the parts.
     *
     * @param name the C function's name
     * @param symbol its address
     * @param arity its parameter count
     * @param struct whether it returns a {@code PyStatus}
     * @param declared the declared handle, or {@code null} on the canonical path
     * @param unavailable why it cannot be called, or {@code null}
     * @param cause what made it unavailable, or {@code null}
     */
    public NativeFunction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(symbol, "symbol");
        if (arity < 0 || arity > NativeShapes.MAX_REGISTER_ARGUMENTS) {
            throw new IllegalArgumentException(name + ": " + arity + " parameters");
        }
    }

    /**
     * Binds a C function; never throws for a missing symbol or a denied native access (the calls do).
     *
     * @param name the C function's name
     * @param symbol its address, or {@link MemorySegment#NULL} when the library lacks it
     * @param descriptor its C signature: integer and pointer parameters (at most six), and an integer, pointer,
     *        {@code PyStatus} or no result
     * @param missing what a call says when the symbol is absent, e.g. "CPython 3.12 (path) has no function 'x'"
     * @return the function
     * @throws IllegalArgumentException when the signature does not fit the canonical shapes (a PyHost defect:
     *         link such a function with {@link Downcalls#bind})
     */
    public static NativeFunction of(String name, MemorySegment symbol, FunctionDescriptor descriptor,
            String missing) {
        return of(name, symbol, descriptor, missing, NativeShapes.CANONICAL);
    }

    /**
     * Binds a C function, through the canonical shapes or, where they are not exact, as declared.
     *
     * @param name the C function's name
     * @param symbol its address, or {@link MemorySegment#NULL}
     * @param descriptor its C signature
     * @param missing what a call says when the symbol is absent
     * @param canonical whether to call through the canonical shapes
     * @return the function
     */
    static NativeFunction of(String name, MemorySegment symbol, FunctionDescriptor descriptor, String missing,
            boolean canonical) {
        if (!NativeShapes.fits(descriptor)) {
            throw new IllegalArgumentException(name + " " + descriptor + " does not fit the canonical shapes");
        }
        int arity = descriptor.argumentLayouts().size();
        boolean struct = descriptor.returnLayout().isPresent()
                && NativeShapes.isStatus(descriptor.returnLayout().get());
        if (symbol.address() == 0) {
            return new NativeFunction(name, MemorySegment.NULL, arity, struct, null, missing, null);
        }
        if (canonical) {
            return new NativeFunction(name, symbol, arity, struct, null, null, null);
        }
        try {
            return new NativeFunction(name, symbol, arity, struct, NativeShapes.declared(symbol, descriptor), null,
                    null);
        } catch (IllegalCallerException e) {
            return new NativeFunction(name, symbol, arity, struct, null, Downcalls.nativeAccessDenied(e).getMessage(),
                    e);
        }
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
    public static long addressOf(MemorySegment segment) {
        if (!segment.isNative()) {
            throw new IllegalArgumentException("Heap segment not allowed: " + segment);
        }
        if (!segment.scope().isAlive()) {
            throw new IllegalStateException("Already closed");
        }
        return segment.address();
    }

    /**
     * A pointer result as the linker returns one without a target layout: a zero-length segment.
     *
     * @param address the result
     * @return the segment ({@link MemorySegment#NULL} for 0)
     */
    public static MemorySegment pointer(long address) {
        return MemorySegment.ofAddress(address);
    }

    /**
     * Calls a function of no parameters.
     *
     * @return its result
     */
    public long call() {
        return invoke(0, 0L, 0L, 0L, 0L, 0L, 0L);
    }

    /**
     * Calls a function of one parameter.
     *
     * @param a0 the argument
     * @return its result
     */
    public long call(long a0) {
        return invoke(1, a0, 0L, 0L, 0L, 0L, 0L);
    }

    /**
     * Calls a function of two parameters.
     *
     * @param a0 the first argument
     * @param a1 the second
     * @return its result
     */
    public long call(long a0, long a1) {
        return invoke(2, a0, a1, 0L, 0L, 0L, 0L);
    }

    /**
     * Calls a function of three parameters.
     *
     * @param a0 the first argument
     * @param a1 the second
     * @param a2 the third
     * @return its result
     */
    public long call(long a0, long a1, long a2) {
        return invoke(3, a0, a1, a2, 0L, 0L, 0L);
    }

    /**
     * Calls a function of four parameters.
     *
     * @param a0 the first argument
     * @param a1 the second
     * @param a2 the third
     * @param a3 the fourth
     * @return its result
     */
    public long call(long a0, long a1, long a2, long a3) {
        return invoke(4, a0, a1, a2, a3, 0L, 0L);
    }

    /**
     * Calls a function of five parameters.
     *
     * @param a0 the first argument
     * @param a1 the second
     * @param a2 the third
     * @param a3 the fourth
     * @param a4 the fifth
     * @return its result
     */
    public long call(long a0, long a1, long a2, long a3, long a4) {
        return invoke(5, a0, a1, a2, a3, a4, 0L);
    }

    /**
     * Calls a function of six parameters.
     *
     * @param a0 the first argument
     * @param a1 the second
     * @param a2 the third
     * @param a3 the fourth
     * @param a4 the fifth
     * @param a5 the sixth
     * @return its result
     */
    public long call(long a0, long a1, long a2, long a3, long a4, long a5) {
        return invoke(6, a0, a1, a2, a3, a4, a5);
    }

    /**
     * Calls a {@code PyStatus} function of one parameter.
     *
     * @param allocator where the result goes
     * @param a0 the argument
     * @return the {@code PyStatus}
     */
    public MemorySegment callStruct(SegmentAllocator allocator, long a0) {
        return invokeStruct(1, allocator, a0, 0L, 0L);
    }

    /**
     * Calls a {@code PyStatus} function of two parameters.
     *
     * @param allocator where the result goes
     * @param a0 the first argument
     * @param a1 the second
     * @return the {@code PyStatus}
     */
    public MemorySegment callStruct(SegmentAllocator allocator, long a0, long a1) {
        return invokeStruct(2, allocator, a0, a1, 0L);
    }

    /**
     * Calls a {@code PyStatus} function of three parameters.
     *
     * @param allocator where the result goes
     * @param a0 the first argument
     * @param a1 the second
     * @param a2 the third
     * @return the {@code PyStatus}
     */
    public MemorySegment callStruct(SegmentAllocator allocator, long a0, long a1, long a2) {
        return invokeStruct(3, allocator, a0, a1, a2);
    }

    private long invoke(int n, long a0, long a1, long a2, long a3, long a4, long a5) {
        if (unavailable != null || n != arity || struct) {
            throw refused(n, false);
        }
        try {
            if (declared != null) {
                return (long) declared.invokeExact(a0, a1, a2, a3, a4, a5);
            }
            NativeShapes.Linked shape = NativeShapes.Longs.SHAPE; // a constant record: the check folds away
            if (shape.handle() == null) {
                throw Downcalls.nativeAccessDenied(shape.denied());
            }
            return (long) shape.handle().invokeExact(symbol, a0, a1, a2, a3, a4, a5);
        } catch (Throwable t) {
            throw Downcalls.failure(name, t);
        }
    }

    private MemorySegment invokeStruct(int n, SegmentAllocator allocator, long a0, long a1, long a2) {
        if (unavailable != null || n != arity || !struct) {
            throw refused(n, true);
        }
        try {
            if (declared != null) {
                return (MemorySegment) declared.invokeExact(allocator, a0, a1, a2, 0L, 0L, 0L);
            }
            NativeShapes.Linked shape = NativeShapes.Status.SHAPE;
            if (shape.handle() == null) {
                throw Downcalls.nativeAccessDenied(shape.denied());
            }
            return (MemorySegment) shape.handle().invokeExact(symbol, allocator, a0, a1, a2, 0L, 0L, 0L);
        } catch (Throwable t) {
            throw Downcalls.failure(name, t);
        }
    }

    private RuntimeException refused(int n, boolean asStruct) {
        if (unavailable != null) {
            return new NativeAccessException(unavailable, cause);
        }
        return new IllegalStateException("C function " + name + " takes " + arity + " arguments"
                + (struct ? " and returns a PyStatus" : "") + ", called with " + n
                + (asStruct ? " for a PyStatus" : ""));
    }
}
