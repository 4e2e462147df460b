package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_LONG;
import static dev.pyhost.cpython.Downcalls.C_POINTER;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The C functions that cancellation needs, laid out as {@link LibC} and {@link CApi}: the C library's pipes, polling
 * and thread-directed signals, and CPython's {@code PyThreadState_SetAsyncExc}, thread ids and exception types.
 * Each handle is created on first use.
 */
final class InterruptNatives {
    /** {@code O_NONBLOCK} on Linux. */
    static final int O_NONBLOCK = 04000;
    /** {@code O_CLOEXEC} on Linux. */
    static final int O_CLOEXEC = 02000000;
    /** {@code POLLIN}. */
    static final short POLLIN = 1;

    private InterruptNatives() {
    }

    private static MethodHandle libc(String name, FunctionDescriptor descriptor) {
        return Downcalls.bind(Downcalls.LINKER.defaultLookup().find(name).orElse(MemorySegment.NULL), descriptor,
                "The C library has no function '" + name + "'");
    }

    private static final class pipe2 {
        static final MethodHandle HANDLE = libc("pipe2", FunctionDescriptor.of(C_INT, C_POINTER, C_INT));
    }

    private static final class poll {
        static final MethodHandle HANDLE = libc("poll", FunctionDescriptor.of(C_INT, C_POINTER, C_LONG, C_INT));
    }

    private static final class read {
        static final MethodHandle HANDLE = libc("read", FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_LONG));
    }

    private static final class write {
        static final MethodHandle HANDLE = libc("write", FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_LONG));
    }

    private static final class close {
        static final MethodHandle HANDLE = libc("close", FunctionDescriptor.of(C_INT, C_INT));
    }

    private static final class pthread_self {
        static final MethodHandle HANDLE = libc("pthread_self", FunctionDescriptor.of(C_LONG));
    }

    private static final class pthread_kill {
        static final MethodHandle HANDLE = libc("pthread_kill", FunctionDescriptor.of(C_INT, C_LONG, C_INT));
    }

    private static final class sigrtmax {
        static final MethodHandle HANDLE = libc("__libc_current_sigrtmax", FunctionDescriptor.of(C_INT));
    }

    private static final class PyThreadState_SetAsyncExc {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyThreadState_SetAsyncExc",
                FunctionDescriptor.of(C_INT, C_LONG, C_POINTER));
    }

    private static final class PyThread_get_thread_ident {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyThread_get_thread_ident",
                FunctionDescriptor.of(C_LONG));
    }

    private static final class PyErr_NewException {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyErr_NewException",
                FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_POINTER));
    }

    /**
     * {@code pipe2(fds, flags)}.
     *
     * @param flags {@code O_*} flags for both ends
     * @return the read end and the write end, or {@code null} when it failed
     */
    static int[] pipe(int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);
            int rc = (int) pipe2.HANDLE.invokeExact(fds, flags);
            return rc == 0 ? new int[] {fds.getAtIndex(ValueLayout.JAVA_INT, 0), fds.getAtIndex(ValueLayout.JAVA_INT, 1)}
                    : null;
        } catch (Throwable t) {
            throw Downcalls.failure("pipe2", t);
        }
    }

    /**
     * Waits until a descriptor is readable ({@code poll} with one {@code struct pollfd}).
     *
     * @param fd the descriptor
     * @param pollfd 8 bytes of scratch memory
     * @return what {@code poll} returned
     */
    static int pollIn(int fd, MemorySegment pollfd) {
        pollfd.set(ValueLayout.JAVA_INT, 0, fd);
        pollfd.set(ValueLayout.JAVA_SHORT, 4, POLLIN);
        pollfd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
        try {
            return (int) poll.HANDLE.invokeExact(pollfd, 1L, -1);
        } catch (Throwable t) {
            throw Downcalls.failure("poll", t);
        }
    }

    /** {@return what {@code read(fd, buffer, size)} returned} */
    static long read(int fd, MemorySegment buffer) {
        try {
            return (long) read.HANDLE.invokeExact(fd, buffer, buffer.byteSize());
        } catch (Throwable t) {
            throw Downcalls.failure("read", t);
        }
    }

    /** {@return what {@code write(fd, buffer, size)} returned} */
    static long write(int fd, MemorySegment buffer) {
        try {
            return (long) write.HANDLE.invokeExact(fd, buffer, buffer.byteSize());
        } catch (Throwable t) {
            throw Downcalls.failure("write", t);
        }
    }

    /** Closes a descriptor; a failure is ignored (there is nothing to do about it). */
    static void close(int fd) {
        try {
            int ignored = (int) close.HANDLE.invokeExact(fd);
            assert ignored >= -1;
        } catch (Throwable t) {
            throw Downcalls.failure("close", t);
        }
    }

    /** {@return {@code pthread_self()} of the calling thread} */
    static long pthreadSelf() {
        try {
            return (long) pthread_self.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw Downcalls.failure("pthread_self", t);
        }
    }

    /** {@return what {@code pthread_kill(thread, signum)} returned (0, or an error number)} */
    static int pthreadKill(long thread, int signum) {
        try {
            return (int) pthread_kill.HANDLE.invokeExact(thread, signum);
        } catch (Throwable t) {
            throw Downcalls.failure("pthread_kill", t);
        }
    }

    /** {@return {@code SIGRTMAX} as the C library reports it} */
    static int sigrtmax() {
        try {
            return (int) sigrtmax.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw Downcalls.failure("__libc_current_sigrtmax", t);
        }
    }

    /** {@code int PyThreadState_SetAsyncExc(unsigned long id, PyObject *exc)}: with the GIL held. */
    static int PyThreadState_SetAsyncExc(long id, MemorySegment exc) {
        try {
            return (int) PyThreadState_SetAsyncExc.HANDLE.invokeExact(id, exc);
        } catch (Throwable t) {
            throw Downcalls.failure("PyThreadState_SetAsyncExc", t);
        }
    }

    /** {@code unsigned long PyThread_get_thread_ident(void)}: the id {@code PyThreadState_SetAsyncExc} takes. */
    static long PyThread_get_thread_ident() {
        try {
            return (long) PyThread_get_thread_ident.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw Downcalls.failure("PyThread_get_thread_ident", t);
        }
    }

    /** {@code PyObject *PyErr_NewException(const char *name, PyObject *base, PyObject *dict)}: with the GIL. */
    static MemorySegment PyErr_NewException(MemorySegment name, MemorySegment base, MemorySegment dict) {
        try {
            return (MemorySegment) PyErr_NewException.HANDLE.invokeExact(name, base, dict);
        } catch (Throwable t) {
            throw Downcalls.failure("PyErr_NewException", t);
        }
    }
}
