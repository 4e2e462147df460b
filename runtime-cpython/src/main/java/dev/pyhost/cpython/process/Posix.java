package dev.pyhost.cpython.process;

import dev.pyhost.api.NativeAccessException;
import dev.pyhost.cpython.NativeShapes;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The C library functions the launcher's process services call, each bound on first use, so that the common
 * path pays only for {@code signal}. Kept apart from the binding's own C library class: these are process-wide
 * operations that only a launcher should perform.
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

    private static final Function SIGNAL = new Function("signal", FunctionDescriptor.of(PTR, INT, PTR));
    private static final Function GETPID = new Function("getpid", FunctionDescriptor.of(INT));
    private static final Function KILL = new Function("kill", FunctionDescriptor.of(INT, INT, INT));
    private static final Function FFLUSH = new Function("fflush", FunctionDescriptor.of(INT, PTR));
    private static final Function GETENV = new Function("getenv", FunctionDescriptor.of(PTR, PTR));
    private static final Function SETENV = new Function("setenv", FunctionDescriptor.of(INT, PTR, PTR, INT));
    private static final Function UNSETENV = new Function("unsetenv", FunctionDescriptor.of(INT, PTR));
    private static final Function DLSYM = new Function("dlsym", FunctionDescriptor.of(PTR, PTR, PTR));

    private Posix() {
    }

    /** A C function, bound on first use; two threads racing to bind it get equivalent handles. */
    private static final class Function {
        private final String name;
        private final FunctionDescriptor descriptor;
        private volatile MethodHandle handle;

        Function(String name, FunctionDescriptor descriptor) {
            this.name = name;
            this.descriptor = descriptor;
        }

        MethodHandle get() {
            MethodHandle h = handle;
            if (h == null) {
                MemorySegment address = LINKER.defaultLookup().find(name).orElseThrow(
                        () -> new NativeAccessException("The C library has no function '" + name + "'"));
                try {
                    h = NativeShapes.downcall(address, descriptor);
                } catch (IllegalCallerException e) {
                    throw nativeAccessDenied(e);
                }
                handle = h;
            }
            return h;
        }
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
            return (MemorySegment) SIGNAL.get().invokeExact(signal, handler);
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
            int pid = (int) GETPID.get().invokeExact();
            int rc = (int) KILL.get().invokeExact(pid, signal);
            assert rc >= -1;
        } catch (Throwable t) {
            throw failed("kill", t);
        }
    }

    /** Flushes every C stdio stream ({@code fflush(NULL)}). */
    static void flushAll() {
        try {
            int rc = (int) FFLUSH.get().invokeExact(MemorySegment.NULL);
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
            MemorySegment value = (MemorySegment) GETENV.get().invokeExact(source);
            int rc;
            if (value.address() == 0) {
                rc = (int) UNSETENV.get().invokeExact(target);
            } else {
                // setenv copies the value before unsetenv below frees the string it points into
                rc = (int) SETENV.get().invokeExact(target, value, 1);
                if (rc == 0) {
                    rc = (int) UNSETENV.get().invokeExact(source);
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
            return (MemorySegment) DLSYM.get().invokeExact(RTLD_DEFAULT, arena.allocateFrom(name));
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
            MethodHandle h = NativeShapes.downcall(function, FunctionDescriptor.of(PTR));
            MemorySegment s = (MemorySegment) h.invokeExact();
            return s.address() == 0 ? null : s.reinterpret(4096).getString(0);
        } catch (Throwable t) {
            throw failed("a string function", t);
        }
    }
}
