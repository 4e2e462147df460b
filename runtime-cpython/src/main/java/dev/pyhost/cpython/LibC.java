package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_LONG;
import static dev.pyhost.cpython.Downcalls.C_POINTER;
import static dev.pyhost.cpython.NativeFunction.addressOf;
import static dev.pyhost.cpython.NativeFunction.pointer;

import dev.pyhost.api.NativeAccessException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;

/**
 * The C library functions PyHost needs ({@code dlopen}, {@code getenv}, {@code isatty}, signals). Laid out as
 * generated bindings are: each function has a holder class whose static-final {@link NativeFunction} is looked up
 * when the function is first called, so start-up pays only for what it calls, and every call goes through
 * {@link Downcalls#failure}.
 */
public final class LibC {
    /** {@code RTLD_NOW | RTLD_GLOBAL}: C extension modules resolve their symbols against libpython. */
    private static final int RTLD_NOW_GLOBAL = 0x2 | 0x100;
    /** {@code SIGINT}. */
    public static final int SIGINT = 2;

    private LibC() {
    }

    private static NativeFunction function(String name, FunctionDescriptor descriptor) {
        return NativeFunction.of(name, Downcalls.LINKER.defaultLookup().find(name).orElse(MemorySegment.NULL),
                descriptor, "The C library has no function '" + name + "'");
    }

    private static final class dlopen {
        static final NativeFunction FUNCTION = function("dlopen", FunctionDescriptor.of(C_POINTER, C_POINTER, C_INT));
    }

    private static final class dlerror {
        static final NativeFunction FUNCTION = function("dlerror", FunctionDescriptor.of(C_POINTER));
    }

    private static final class dlsym {
        static final NativeFunction FUNCTION = function("dlsym", FunctionDescriptor.of(C_POINTER, C_POINTER,
                C_POINTER));
    }

    private static final class getenv {
        static final NativeFunction FUNCTION = function("getenv", FunctionDescriptor.of(C_POINTER, C_POINTER));
    }

    private static final class setenv {
        static final NativeFunction FUNCTION = function("setenv",
                FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_INT));
    }

    private static final class isatty {
        static final NativeFunction FUNCTION = function("isatty", FunctionDescriptor.of(C_INT, C_INT));
    }

    private static final class getpid {
        static final NativeFunction FUNCTION = function("getpid", FunctionDescriptor.of(C_INT));
    }

    private static final class gettid {
        static final NativeFunction FUNCTION = function("gettid", FunctionDescriptor.of(C_INT));
    }

    private static final class bsearch {
        static final NativeFunction FUNCTION = function("bsearch",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_LONG, C_LONG, C_POINTER));
    }

    private static final class kill {
        static final NativeFunction FUNCTION = function("kill", FunctionDescriptor.of(C_INT, C_INT, C_INT));
    }

    private static final class signal {
        static final NativeFunction FUNCTION = function("signal", FunctionDescriptor.of(C_POINTER, C_INT, C_POINTER));
    }

    private static final class fflush {
        static final NativeFunction FUNCTION = function("fflush", FunctionDescriptor.of(C_INT, C_POINTER));
    }

    private static final class exit {
        static final NativeFunction FUNCTION = function("_exit", FunctionDescriptor.ofVoid(C_INT));
    }

    /**
     * Loads a shared library with {@code RTLD_NOW | RTLD_GLOBAL}.
     *
     * @param path the library
     * @return its handle
     * @throws NativeAccessException with {@code dlerror()}'s text when it cannot be loaded
     */
    static MemorySegment dlopen(String path) {
        MemorySegment handle;
        try (Arena arena = Arena.ofConfined()) {
            handle = pointer(dlopen.FUNCTION.call(addressOf(arena.allocateFrom(path)), RTLD_NOW_GLOBAL));
        }
        if (handle.address() == 0) {
            String error = dlerror();
            throw new NativeAccessException("Cannot load " + path + ": " + (error == null ? "unknown error" : error));
        }
        return handle;
    }

    private static String dlerror() {
        return Downcalls.string(pointer(dlerror.FUNCTION.call()));
    }

    /**
     * Looks a symbol up in a loaded library.
     *
     * @param library the handle from {@link #dlopen}
     * @param name the symbol
     * @return its address, or {@link MemorySegment#NULL}
     */
    static MemorySegment dlsym(MemorySegment library, String name) {
        try (Arena arena = Arena.ofConfined()) {
            return pointer(dlsym.FUNCTION.call(addressOf(library), addressOf(arena.allocateFrom(name))));
        }
    }

    /**
     * Reads the live C environment (which {@code os.environ} assignments update, unlike
     * {@link System#getenv}).
     *
     * @param name the variable
     * @return its value, or {@code null}
     */
    static String getenv(String name) {
        try (Arena arena = Arena.ofConfined()) {
            return Downcalls.string(pointer(getenv.FUNCTION.call(addressOf(arena.allocateFrom(name)))));
        }
    }

    /**
     * Sets a variable of the C environment, overwriting it.
     *
     * @param name the variable
     * @param value its value
     * @throws NativeAccessException when {@code setenv} fails
     */
    static void setenv(String name, String value) {
        int rc;
        try (Arena arena = Arena.ofConfined()) {
            rc = (int) setenv.FUNCTION.call(addressOf(arena.allocateFrom(name)), addressOf(arena.allocateFrom(value)),
                    1);
        }
        if (rc != 0) {
            throw new NativeAccessException("setenv(" + name + ") failed");
        }
    }

    /** {@return whether a file descriptor is a terminal} */
    static boolean isatty(int fd) {
        return (int) isatty.FUNCTION.call(fd) == 1;
    }

    /** Flushes every C stdio stream ({@code fflush(NULL)}): CPython prints help and version through C stdio. */
    public static void flushCStdio() {
        int ignored = (int) fflush.FUNCTION.call(0L);
        assert ignored >= -1;
    }

    /**
     * Sets a signal's disposition to {@code SIG_DFL}.
     *
     * @param signum the signal number
     */
    public static void defaultDisposition(int signum) {
        MemorySegment ignored = pointer(signal.FUNCTION.call(signum, 0L));
        assert ignored != null;
    }

    /**
     * Ends the process as CPython does after an unhandled {@code KeyboardInterrupt}: {@code SIGINT} with the
     * default disposition. Returns only if the process survives it.
     */
    public static void dieBySigint() {
        dieBy(SIGINT);
    }

    /**
     * Ends the process by a signal with its default disposition. Returns only if the process survives it.
     *
     * @param signum the signal number
     */
    public static void dieBy(int signum) {
        defaultDisposition(signum);
        int pid = (int) getpid.FUNCTION.call();
        int rc = (int) kill.FUNCTION.call(pid, signum);
        assert rc >= -1;
    }

    /** {@return this process's id, {@code pid_t getpid(void)}} */
    static int getpid() {
        return (int) getpid.FUNCTION.call();
    }

    /**
     * Ends the process at once with a status ({@code _exit}): no {@code atexit} functions, no JVM shutdown.
     *
     * @param status the exit status
     */
    static void exitNow(int status) {
        exit.FUNCTION.call(status);
    }

    /** {@return the calling thread's kernel id, {@code pid_t gettid(void)}} */
    static int gettid() {
        return (int) gettid.FUNCTION.call();
    }

    /**
     * {@code void *bsearch(const void *key, const void *base, size_t nmemb, size_t size, int (*compar)(...))}.
     *
     * @param key the key
     * @param base the array
     * @param count its number of elements
     * @param size the size of one
     * @param compare the comparison function
     * @return the element found, or NULL
     */
    static MemorySegment bsearch(MemorySegment key, MemorySegment base, long count, long size,
            MemorySegment compare) {
        return pointer(bsearch.FUNCTION.call(addressOf(key), addressOf(base), count, size, addressOf(compare)));
    }
}
