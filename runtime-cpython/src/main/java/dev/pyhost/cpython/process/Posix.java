package dev.pyhost.cpython.process;

import dev.pyhost.api.NativeAccessException;
import dev.pyhost.cpython.NativeFunction;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The C library functions the launcher's process services call, called through the canonical shapes of
 * {@link NativeFunction} (binding one is a symbol lookup). Kept apart from the binding's own C library class:
 * these are process-wide operations that only a launcher should perform.
 */
@SuppressWarnings("restricted") // the process services are native calls by nature
final class Posix {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final AddressLayout PTR = ValueLayout.ADDRESS;
    /** {@code SIG_IGN} as a handler address. */
    static final MemorySegment SIG_IGN = MemorySegment.ofAddress(1);
    /** {@code SIG_DFL} as a handler address. */
    static final MemorySegment SIG_DFL = MemorySegment.NULL;
    /** glibc's {@code RTLD_DEFAULT}: look a symbol up in the global scope. */
    private static final MemorySegment RTLD_DEFAULT = MemorySegment.NULL;

    private static final NativeFunction SIGNAL = libc("signal", FunctionDescriptor.of(PTR, INT, PTR));
    private static final NativeFunction GETPID = libc("getpid", FunctionDescriptor.of(INT));
    private static final NativeFunction KILL = libc("kill", FunctionDescriptor.of(INT, INT, INT));
    private static final NativeFunction FFLUSH = libc("fflush", FunctionDescriptor.of(INT, PTR));
    private static final NativeFunction GETENV = libc("getenv", FunctionDescriptor.of(PTR, PTR));
    private static final NativeFunction SETENV = libc("setenv", FunctionDescriptor.of(INT, PTR, PTR, INT));
    private static final NativeFunction UNSETENV = libc("unsetenv", FunctionDescriptor.of(INT, PTR));
    private static final NativeFunction DLSYM = libc("dlsym", FunctionDescriptor.of(PTR, PTR, PTR));

    private Posix() {
    }

    /** A C library function: a symbol lookup, nothing is linked (a missing one fails when called). */
    private static NativeFunction libc(String name, FunctionDescriptor descriptor) {
        return NativeFunction.of(name, LINKER.defaultLookup().find(name).orElse(MemorySegment.NULL), descriptor,
                "The C library has no function '" + name + "'");
    }

    private static NativeAccessException nativeAccessDenied(IllegalCallerException e) {
        return new NativeAccessException("The JVM denies native access to PyHost. Start java with "
                + "--enable-native-access=ALL-UNNAMED (class path) or --enable-native-access=dev.pyhost.cpython "
                + "(module path).", e);
    }

    private static RuntimeException failed(String what, Throwable t) {
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
     * Sets a signal's disposition.
     *
     * @param signal the signal number
     * @param handler {@link #SIG_DFL} or {@link #SIG_IGN}
     * @return the previous disposition
     */
    static MemorySegment signal(int signal, MemorySegment handler) {
        try {
            return NativeFunction.pointer(SIGNAL.call(signal, handler.address()));
        } catch (Throwable t) {
            throw failed("signal", t);
        }
    }

    /**
     * Sends a signal to this process.
     *
     * @param signal the signal number
     */
    static void raise(int signal) {
        try {
            int pid = (int) GETPID.call();
            int rc = (int) KILL.call(pid, signal);
            assert rc >= -1;
        } catch (Throwable t) {
            throw failed("kill", t);
        }
    }

    /** Flushes every C stdio stream ({@code fflush(NULL)}). */
    static void flushAll() {
        try {
            int rc = (int) FFLUSH.call(0L);
            assert rc >= -1;
        } catch (Throwable t) {
            throw failed("fflush", t);
        }
    }

    /**
     * Moves a variable of the C environment to another name, its value byte for byte, or removes the target when
     * the source is absent.
     *
     * @param from the variable holding the value, removed afterwards
     * @param to the variable to set
     */
    static void moveVariable(String from, String to) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment source = arena.allocateFrom(from);
            MemorySegment target = arena.allocateFrom(to);
            MemorySegment value = NativeFunction.pointer(GETENV.call(source.address()));
            int rc;
            if (value.address() == 0) {
                rc = (int) UNSETENV.call(target.address());
            } else {
                // setenv copies the value before unsetenv below frees the string it points into
                rc = (int) SETENV.call(target.address(), value.address(), 1);
                if (rc == 0) {
                    rc = (int) UNSETENV.call(source.address());
                }
            }
            if (rc != 0) {
                throw new NativeAccessException("Cannot restore the environment variable " + to);
            }
        } catch (Throwable t) {
            throw failed("setenv", t);
        }
    }

    /**
     * Looks a symbol up among the libraries loaded with {@code RTLD_GLOBAL} (libpython is).
     *
     * @param name the symbol
     * @return its address, or {@link MemorySegment#NULL}
     */
    static MemorySegment globalSymbol(String name) {
        try (Arena arena = Arena.ofConfined()) {
            return NativeFunction.pointer(DLSYM.call(RTLD_DEFAULT.address(), arena.allocateFrom(name).address()));
        } catch (Throwable t) {
            throw failed("dlsym", t);
        }
    }

    /**
     * Calls a C function that takes nothing and returns a string, such as {@code Py_GetVersion}.
     *
     * @param function its address
     * @return the string, or {@code null} for a null pointer
     */
    static String callStringFunction(MemorySegment function) {
        try {
            MemorySegment s = NativeFunction.pointer(NativeFunction.of("a string function", function,
                    FunctionDescriptor.of(PTR), "no string function").call());
            return s.address() == 0 ? null : s.reinterpret(4096).getString(0);
        } catch (Throwable t) {
            throw failed("a string function", t);
        }
    }
}
