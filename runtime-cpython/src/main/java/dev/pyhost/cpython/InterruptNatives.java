package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_LONG;
import static dev.pyhost.cpython.Downcalls.C_POINTER;
import static dev.pyhost.cpython.NativeFunction.addressOf;
import static dev.pyhost.cpython.NativeFunction.pointer;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The C functions that cancellation needs, laid out as {@link LibC} and {@link CApi}: the C library's pipes, polling
 * and thread-directed signals, and CPython's {@code PyThreadState_SetAsyncExc}, thread ids and exception types.
 * Each function is looked up on first use.
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

    private static NativeFunction libc(String name, FunctionDescriptor descriptor) {
        return NativeFunction.of(name, Downcalls.LINKER.defaultLookup().find(name).orElse(MemorySegment.NULL),
                descriptor, "The C library has no function '" + name + "'");
    }

    private static final class pipe2 {
        static final NativeFunction FUNCTION = libc("pipe2", FunctionDescriptor.of(C_INT, C_POINTER, C_INT));
    }

    private static final class poll {
        static final NativeFunction FUNCTION = libc("poll", FunctionDescriptor.of(C_INT, C_POINTER, C_LONG, C_INT));
    }

    private static final class read {
        static final NativeFunction FUNCTION = libc("read", FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_LONG));
    }

    private static final class write {
        static final NativeFunction FUNCTION = libc("write", FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_LONG));
    }

    private static final class close {
        static final NativeFunction FUNCTION = libc("close", FunctionDescriptor.of(C_INT, C_INT));
    }

    private static final class pthread_self {
        static final NativeFunction FUNCTION = libc("pthread_self", FunctionDescriptor.of(C_LONG));
    }

    private static final class pthread_kill {
        static final NativeFunction FUNCTION = libc("pthread_kill", FunctionDescriptor.of(C_INT, C_LONG, C_INT));
    }

    private static final class sigrtmax {
        static final NativeFunction FUNCTION = libc("__libc_current_sigrtmax", FunctionDescriptor.of(C_INT));
    }

    private static final class PyThreadState_SetAsyncExc {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyThreadState_SetAsyncExc",
                FunctionDescriptor.of(C_INT, C_LONG, C_POINTER));
    }

    private static final class PyThread_get_thread_ident {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyThread_get_thread_ident",
                FunctionDescriptor.of(C_LONG));
    }

    private static final class PyErr_NewException {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyErr_NewException",
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
            int rc = (int) pipe2.FUNCTION.call(addressOf(fds), flags);
            return rc == 0 ? new int[] {fds.getAtIndex(ValueLayout.JAVA_INT, 0), fds.getAtIndex(ValueLayout.JAVA_INT, 1)}
                    : null;
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
        return (int) poll.FUNCTION.call(addressOf(pollfd), 1L, -1);
    }

    /** {@return what {@code read(fd, buffer, size)} returned} */
    static long read(int fd, MemorySegment buffer) {
        return read.FUNCTION.call(fd, addressOf(buffer), buffer.byteSize());
    }

    /** {@return what {@code write(fd, buffer, size)} returned} */
    static long write(int fd, MemorySegment buffer) {
        return write.FUNCTION.call(fd, addressOf(buffer), buffer.byteSize());
    }

    /** Closes a descriptor; a failure is ignored (there is nothing to do about it). */
    static void close(int fd) {
        int ignored = (int) close.FUNCTION.call(fd);
        assert ignored >= -1;
    }

    /** {@return {@code pthread_self()} of the calling thread} */
    static long pthreadSelf() {
        return pthread_self.FUNCTION.call();
    }

    /** {@return what {@code pthread_kill(thread, signum)} returned (0, or an error number)} */
    static int pthreadKill(long thread, int signum) {
        return (int) pthread_kill.FUNCTION.call(thread, signum);
    }

    /** {@return {@code SIGRTMAX} as the C library reports it} */
    static int sigrtmax() {
        return (int) sigrtmax.FUNCTION.call();
    }

    /** {@code int PyThreadState_SetAsyncExc(unsigned long id, PyObject *exc)}: with the GIL held. */
    static int PyThreadState_SetAsyncExc(long id, MemorySegment exc) {
        return (int) PyThreadState_SetAsyncExc.FUNCTION.call(id, addressOf(exc));
    }

    /** {@code unsigned long PyThread_get_thread_ident(void)}: the id {@code PyThreadState_SetAsyncExc} takes. */
    static long PyThread_get_thread_ident() {
        return PyThread_get_thread_ident.FUNCTION.call();
    }

    /** {@code PyObject *PyErr_NewException(const char *name, PyObject *base, PyObject *dict)}: with the GIL. */
    static MemorySegment PyErr_NewException(MemorySegment name, MemorySegment base, MemorySegment dict) {
        return pointer(PyErr_NewException.FUNCTION.call(addressOf(name), addressOf(base), addressOf(dict)));
    }
}
