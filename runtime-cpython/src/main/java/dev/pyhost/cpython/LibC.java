package dev.pyhost.cpython;

import dev.pyhost.api.NativeAccessException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.function.Supplier;

/**
 * The C library functions PyHost needs ({@code dlopen}, {@code getenv}, {@code isatty}, signals), each
 * bound lazily on first use so that start-up pays only for what it calls.
 */
@SuppressWarnings("restricted") // this module is the one place that calls native code
public final class LibC {
    static final Linker LINKER = Linker.nativeLinker();
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    static final java.lang.foreign.AddressLayout PTR = ValueLayout.ADDRESS;

    /** {@code RTLD_NOW | RTLD_GLOBAL}: C extension modules resolve their symbols against libpython. */
    private static final int RTLD_NOW_GLOBAL = 0x2 | 0x100;
    /** {@code SIGINT}. */
    public static final int SIGINT = 2;

    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final Lazy DLOPEN = libc("dlopen", FunctionDescriptor.of(PTR, PTR, INT));
    private static final Lazy DLERROR = libc("dlerror", FunctionDescriptor.of(PTR));
    private static final Lazy DLSYM = libc("dlsym", FunctionDescriptor.of(PTR, PTR, PTR));
    private static final Lazy GETENV = libc("getenv", FunctionDescriptor.of(PTR, PTR));
    private static final Lazy SETENV = libc("setenv", FunctionDescriptor.of(INT, PTR, PTR, INT));
    private static final Lazy ISATTY = libc("isatty", FunctionDescriptor.of(INT, INT));
    private static final Lazy GETPID = libc("getpid", FunctionDescriptor.of(INT));
    private static final Lazy KILL = libc("kill", FunctionDescriptor.of(INT, INT, INT));
    private static final Lazy SIGNAL = libc("signal", FunctionDescriptor.of(PTR, INT, PTR));
    private static final Lazy FFLUSH = libc("fflush", FunctionDescriptor.of(INT, PTR));

    private LibC() {
    }

    /** A downcall handle created on first use. */
    static final class Lazy {
        private final String name;
        private final Supplier<MethodHandle> factory;
        private volatile MethodHandle handle;

        Lazy(String name, Supplier<MethodHandle> factory) {
            this.name = name;
            this.factory = factory;
        }

        MethodHandle get() {
            MethodHandle h = handle;
            if (h == null) {
                synchronized (this) {
                    h = handle;
                    if (h == null) {
                        h = factory.get();
                        handle = h;
                    }
                }
            }
            return h;
        }

        String name() {
            return name;
        }
    }

    private static Lazy libc(String name, FunctionDescriptor fd) {
        return new Lazy(name, () -> LINKER.downcallHandle(LIBC.find(name).orElseThrow(
                () -> new NativeAccessException("The C library has no function '" + name + "'")), fd));
    }

    static RuntimeException rethrow(String what, Throwable t) {
        if (t instanceof IllegalCallerException e) {
            return nativeAccessDenied(e);
        }
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new NativeAccessException("Native call " + what + " failed: " + t, t);
    }

    /**
     * Loads a shared library with {@code RTLD_NOW | RTLD_GLOBAL}.
     *
     * @param path the library
     * @return its handle
     * @throws NativeAccessException with {@code dlerror()}'s text when it cannot be loaded
     */
    static MemorySegment dlopen(String path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment handle = (MemorySegment) DLOPEN.get().invokeExact(arena.allocateFrom(path), RTLD_NOW_GLOBAL);
            if (handle.address() == 0) {
                MemorySegment err = (MemorySegment) DLERROR.get().invokeExact();
                String text = err.address() == 0 ? "unknown error" : err.reinterpret(Long.MAX_VALUE).getString(0);
                throw new NativeAccessException("Cannot load " + path + ": " + text);
            }
            return handle;
        } catch (IllegalCallerException e) {
            throw nativeAccessDenied(e);
        } catch (Throwable t) {
            throw rethrow("dlopen", t);
        }
    }

    static NativeAccessException nativeAccessDenied(Throwable cause) {
        return new NativeAccessException("The JVM denies native access to PyHost. Start java with "
                + "--enable-native-access=ALL-UNNAMED (class path) or --enable-native-access=dev.pyhost.cpython "
                + "(module path), or add 'Enable-Native-Access: ALL-UNNAMED' to the manifest of an executable jar.",
                cause);
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
            return (MemorySegment) DLSYM.get().invokeExact(library, arena.allocateFrom(name));
        } catch (Throwable t) {
            throw rethrow("dlsym", t);
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
            MemorySegment v = (MemorySegment) GETENV.get().invokeExact(arena.allocateFrom(name));
            return v.address() == 0 ? null : v.reinterpret(Long.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            throw rethrow("getenv", t);
        }
    }

    static void setenv(String name, String value) {
        try (Arena arena = Arena.ofConfined()) {
            int rc = (int) SETENV.get().invokeExact(arena.allocateFrom(name), arena.allocateFrom(value), 1);
            if (rc != 0) {
                throw new NativeAccessException("setenv(" + name + ") failed");
            }
        } catch (Throwable t) {
            throw rethrow("setenv", t);
        }
    }

    static boolean isatty(int fd) {
        try {
            return (int) ISATTY.get().invokeExact(fd) == 1;
        } catch (Throwable t) {
            throw rethrow("isatty", t);
        }
    }

    /** Flushes every C stdio stream ({@code fflush(NULL)}): CPython prints help and version through C stdio. */
    public static void flushCStdio() {
        try {
            int ignored = (int) FFLUSH.get().invokeExact(MemorySegment.NULL);
            assert ignored >= -1;
        } catch (Throwable t) {
            throw rethrow("fflush", t);
        }
    }

    /**
     * Sets a signal's disposition to {@code SIG_DFL}.
     *
     * @param signal the signal number
     */
    public static void defaultDisposition(int signal) {
        try {
            MemorySegment ignored = (MemorySegment) SIGNAL.get().invokeExact(signal, MemorySegment.NULL);
            assert ignored != null;
        } catch (Throwable t) {
            throw rethrow("signal", t);
        }
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
     * @param signal the signal number
     */
    public static void dieBy(int signal) {
        try {
            MemorySegment ignored = (MemorySegment) SIGNAL.get().invokeExact(signal, MemorySegment.NULL);
            assert ignored != null;
            int pid = (int) GETPID.get().invokeExact();
            int rc = (int) KILL.get().invokeExact(pid, signal);
            assert rc >= -1;
        } catch (Throwable t) {
            throw rethrow("kill", t);
        }
    }
}
