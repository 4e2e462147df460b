package dev.pyhost.cpython;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Gives the interpreter's main thread the signal mask the process started with, when a launcher asks for it.
 *
 * <p>{@code python}'s main thread is the process's first thread, so a process-directed signal that Python code
 * waits for ({@code signal.sigwait}, {@code sigtimedwait}) or blocks ({@code pthread_sigmask}) reaches it. In a JVM
 * the kernel may hand the signal to any thread that does not block it. {@code bin/pyhost} therefore starts the JVM
 * with the signals that Python code may use and the JVM does not need ({@code SIGALRM}, {@code SIGUSR1},
 * {@code SIGCHLD}, the real-time signals...) blocked, which every JVM thread inherits, and names the mask the
 * process started with in the system property {@value #PROPERTY} (hexadecimal, as {@code SigBlk} in
 * {@code /proc/PID/status}). Before main code runs, the interpreter's main thread takes that mask (keeping unblocked
 * the signals HotSpot needs on every thread: {@code SIGSEGV}, {@code SIGBUS}, {@code SIGFPE}, {@code SIGILL},
 * {@code SIGTRAP} and {@code SIGUSR2}); the threads Python code starts inherit it, as in {@code python}.
 *
 * <p>Limit: a Java thread that Java code starts from the interpreter's main thread while Python code runs inherits
 * that mask too, and may then take such a signal.
 */
@SuppressWarnings("restricted") // one C library call
final class MainThreadSignals {
    /** The system property holding the process's original signal mask. */
    static final String PROPERTY = "pyhost.launcher.signalMask";
    private static final long JVM_NEEDS = bit(4) | bit(5) | bit(7) | bit(8) | bit(11) | bit(12);
    private static final int SIG_SETMASK = 2;
    /** glibc's {@code sigset_t}: 1,024 bits. */
    private static final long SIGSET_SIZE = 128;

    private MainThreadSignals() {
    }

    private static long bit(int signal) {
        return 1L << (signal - 1);
    }

    /**
     * On the interpreter's main thread, before main code: applies the mask named by {@value #PROPERTY}, if any.
     * Without the property (an embedding), nothing changes.
     */
    static void forMainCode() {
        String hex = System.getProperty(PROPERTY);
        if (hex == null || hex.isEmpty()) {
            return;
        }
        long mask;
        try {
            mask = Long.parseUnsignedLong(hex, 16) & ~JVM_NEEDS;
        } catch (NumberFormatException e) {
            return;
        }
        MemorySegment function = Linker.nativeLinker().defaultLookup().find("pthread_sigmask")
                .orElse(MemorySegment.NULL);
        if (function.address() == 0) {
            return;
        }
        NativeFunction sigmask = NativeFunction.of("pthread_sigmask", function, FunctionDescriptor.of(
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS), "unused");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment set = arena.allocate(SIGSET_SIZE, 8);
            set.set(ValueLayout.JAVA_LONG, 0, mask);
            int rc = (int) sigmask.call(SIG_SETMASK, set.address(), 0L);
            assert rc >= 0;
        } catch (Throwable t) {
            if (t instanceof Error e) {
                throw e;
            }
            // the mask stays as it was: signals may reach another thread, as before
        }
    }
}
