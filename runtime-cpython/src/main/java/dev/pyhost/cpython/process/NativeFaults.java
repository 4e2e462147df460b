package dev.pyhost.cpython.process;

import dev.pyhost.cpython.NativeFunction;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;

/**
 * What a fault in native code (a {@code SIGSEGV}, {@code SIGBUS}, {@code SIGFPE} or {@code SIGILL} that is not the
 * JVM's own) does in a launcher, when the JDK's signal-chaining library {@code libjsig} is preloaded (as
 * {@code bin/pyhost} does).
 *
 * <p>With {@code libjsig}, the JVM's handler stays installed for those signals whatever Python does
 * ({@code faulthandler.enable()}, {@code signal.signal}): the handlers installed later are recorded by
 * {@code libjsig}, and the JVM calls the recorded one for every such signal it does not use itself. Without a
 * recorded handler, the JVM writes its fatal-error report and aborts ({@code SIGABRT}); {@link #endLikePython()}
 * records one that ends the process by the signal, as an uncaught fault ends {@code python}.
 *
 * <p>The recorded handler must be a native function (an upcall must never run as a signal handler) that ends the
 * process by the signal it receives. HotSpot calls a chained handler installed without {@code SA_NODEFER} with that
 * signal blocked and the handler's own mask applied ({@code signals_posix.cpp}, {@code call_chained_handler}); a
 * memory fault inside the handler while {@code SIGSEGV} is blocked makes the kernel reset {@code SIGSEGV} to its
 * default action and deliver it: the process dies by {@code SIGSEGV} at once, for a real fault and for a signal sent
 * with {@code raise} or {@code kill} alike. The handler is the C library's {@code strlen}, which reads the string
 * at its argument's address, here the signal number: an address in the never-mapped first page. Its mask blocks
 * {@code SIGSEGV}. Python's {@code faulthandler}, when enabled, is recorded in front of it, prints its report, puts
 * this handler back and raises the signal again, so it ends the same way.
 *
 * <p>Limit: {@code SIGFPE}, {@code SIGBUS} and {@code SIGILL} end the process by {@code SIGSEGV} too (status 139
 * where {@code python} gives 136, 135 or 132), for a real fault and a raised signal alike. No exact way is known
 * without JNI, a C compiler or machine code of PyHost's own. What was looked at (JDK 25, glibc 2.36, Linux):
 * <ul>
 * <li>HotSpot's {@code JVM_HANDLE_XXX_SIGNAL} treats a signal sent with {@code kill}, {@code raise} or
 * {@code pthread_kill} ({@code si_code} {@code SI_USER}, {@code SI_TKILL}) as it treats a fault: what it does not
 * use itself goes to the chained handler, as {@code (*handler)(sig)} (or {@code (sig, siginfo, context)} with
 * {@code SA_SIGINFO}), under the handler's own mask plus the signal, then returns as handled; a chained
 * {@code SIG_DFL} is its fatal error, {@code SIG_IGN} returns at once (a real fault then repeats forever).</li>
 * <li>The kernel ends the process by the signal of a synchronous fault that is blocked or ignored
 * ({@code force_sig_fault}: the disposition is reset to the default). A real fault is executed again after the
 * handlers return; a raised signal is not. So the chained handler must itself end the process by the signal
 * ({@code signal(sig, SIG_DFL); raise(sig)}, what Python's {@code faulthandler} does, which with {@code libjsig}
 * only records {@code SIG_DFL} and raises into the JVM again), or make the kernel do it.</li>
 * <li>The C library has no one-argument function that sets the default action and raises, or that faults with
 * the signal it is given: {@code raise}/{@code gsignal} only loop through the JVM's handler; {@code sighold},
 * {@code sigrelse} change a mask that HotSpot and {@code sigreturn} restore; functions reading their argument as
 * an address fault by {@code SIGSEGV} (this class's {@code strlen}); no address makes {@code SIGBUS} or
 * {@code SIGILL}, and no integer makes a division fault.</li>
 * <li>{@code sigignore(sig)} (glibc exports it and calls its internal {@code __sigaction}, which {@code libjsig}
 * does not see) sets {@code SIG_IGN} in the kernel. Measured with it as the chained handler of {@code SIGFPE} and
 * {@code SIGBUS} (CPython 3.13): {@code faulthandler._sigfpe()} (a real division by zero on 3.10-3.14) ended by
 * {@code SIGFPE} (136) and a {@code SIGBUS} from a truncated {@code mmap} by {@code SIGBUS} (135), as in python;
 * but {@code signal.raise_signal(SIGFPE)} and {@code os.kill(os.getpid(), SIGFPE)} (or {@code SIGBUS}) let the
 * program run on to status 0 (python: 136, 135), with the JVM's handler gone and the signal ignored in the
 * kernel: a later division by zero in Java code compiled by C1 (implicit checks, not a product flag) would end
 * the process instead of throwing {@code ArithmeticException}, and a {@code SIGBUS} of a truncated mapped file
 * would no longer be the JVM's {@code InternalError}. Not used: it leaves a signal the JVM needs ignored.</li>
 * <li>Handing {@code SIGFPE} back to the kernel's default (out of {@code libjsig}'s set) would be exact, but the
 * JVM needs it for Java's integer division by zero, and {@code -XX:-ImplicitDiv0Checks} is not available in a
 * product JDK 25; {@code SIGBUS} is the JVM's for mapped files and safe memory reads.</li>
 * </ul>
 * The current handler ends every such fault at once, by {@code SIGSEGV}, and never leaves a signal ignored.
 * ({@code faulthandler._sigbus()} and {@code _sigill()} no longer exist on 3.10-3.14.)
 *
 * <p>{@code libjsig} also takes over every signal the JVM installed while it started, {@code SIGPIPE},
 * {@code SIGXFSZ} and {@code SIGQUIT} included, and only records what the program sets for them, so that
 * {@code signal.signal(SIGPIPE, SIG_DFL)} would no longer let a broken pipe end the program and an ignored
 * {@code SIGPIPE} would not be inherited by {@code os.exec*}. {@link #endLikePython()} gives {@code libjsig} back
 * only the four fault signals.
 */
@SuppressWarnings("restricted") // binding the C library and libjsig is what this class is for
public final class NativeFaults {
    private static final int SIGILL = 4;
    private static final int SIGBUS = 7;
    private static final int SIGFPE = 8;
    private static final int SIGSEGV = 11;
    private static final int[] FAULTS = {SIGILL, SIGBUS, SIGFPE, SIGSEGV};
    /** glibc's {@code struct sigaction} (x86-64, AArch64): handler, 128-byte mask, flags, restorer. */
    private static final long SIGACTION_SIZE = 152;
    private static final long MASK_OFFSET = 8;
    private static final FunctionDescriptor VOID = FunctionDescriptor.ofVoid();
    private static final FunctionDescriptor SIGACTION = FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS);
    private static final FunctionDescriptor GET_ACTION = FunctionDescriptor.of(ValueLayout.ADDRESS,
            ValueLayout.JAVA_INT);

    private NativeFaults() {
    }

    /** What {@link #endLikePython()} did. */
    public enum Outcome {
        /** {@code libjsig} is not loaded: the JVM's fatal-error handling applies, nothing was changed. */
        NO_LIBJSIG,
        /** A native fault now ends the process by {@code SIGSEGV}, Python's {@code faulthandler} first. */
        INSTALLED,
        /** {@code libjsig} is loaded but did not take the handler as expected; the JVM's handling applies. */
        REFUSED
    }

    /**
     * Makes a native fault end the process as it ends {@code python} (see the class comment): for launchers, before
     * CPython starts (so that {@code -X faulthandler} chains to it), while no other thread installs signal handlers.
     * Does nothing without {@code libjsig}.
     *
     * @return what was done
     */
    public static Outcome endLikePython() {
        MemorySegment begin = Posix.globalSymbol("JVM_begin_signal_setting");
        MemorySegment end = Posix.globalSymbol("JVM_end_signal_setting");
        MemorySegment getAction = Posix.globalSymbol("JVM_get_signal_action");
        MemorySegment sigaction = Posix.globalSymbol("sigaction"); // libjsig's, first in the global scope
        if (begin.address() == 0 || end.address() == 0 || getAction.address() == 0 || sigaction.address() == 0) {
            return Outcome.NO_LIBJSIG;
        }
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup libc = SymbolLookup.libraryLookup("libc.so.6", arena); // its own symbols, not libjsig's
            MemorySegment strlen = libc.find("strlen").orElse(MemorySegment.NULL);
            MemorySegment realSigaction = libc.find("sigaction").orElse(MemorySegment.NULL);
            if (strlen.address() == 0 || realSigaction.address() == 0) {
                return Outcome.REFUSED;
            }
            NativeFunction kernelAction = NativeFunction.of("sigaction", realSigaction, SIGACTION, "unused");
            NativeFunction beginCall = NativeFunction.of("JVM_begin_signal_setting", begin, VOID, "unused");
            NativeFunction endCall = NativeFunction.of("JVM_end_signal_setting", end, VOID, "unused");
            NativeFunction setAction = NativeFunction.of("sigaction", sigaction, SIGACTION, "unused");
            NativeFunction recorded = NativeFunction.of("JVM_get_signal_action", getAction, GET_ACTION, "unused");
            MemorySegment[] jvmActions = new MemorySegment[FAULTS.length];
            for (int i = 0; i < FAULTS.length; i++) {
                jvmActions[i] = arena.allocate(SIGACTION_SIZE, 8);
                if ((int) kernelAction.call(FAULTS[i], 0L, jvmActions[i].address()) != 0) {
                    return Outcome.REFUSED;
                }
            }
            // Begin empties libjsig's set of the JVM's signals; an installation made while it is open puts a signal
            // back in the set: here the JVM's own handler again, for the four fault signals only.
            beginCall.call();
            try {
                for (int i = 0; i < FAULTS.length; i++) {
                    int rc = (int) setAction.call(FAULTS[i], jvmActions[i].address(), 0L);
                    assert rc >= -1;
                }
            } finally {
                endCall.call();
            }
            MemorySegment handler = arena.allocate(SIGACTION_SIZE, 8);
            handler.set(ValueLayout.ADDRESS, 0, strlen);
            handler.set(ValueLayout.JAVA_LONG, MASK_OFFSET, 1L << (SIGSEGV - 1));
            for (int signal : FAULTS) {
                int rc = (int) setAction.call(signal, handler.address(), 0L);
                MemorySegment action = NativeFunction.pointer(recorded.call(signal));
                if (rc != 0 || action.address() == 0
                        || action.reinterpret(8).get(ValueLayout.ADDRESS, 0).address() != strlen.address()) {
                    return Outcome.REFUSED;
                }
            }
            MemorySegment pipe = NativeFunction.pointer(recorded.call(13)); // SIGPIPE: no longer libjsig's
            return pipe.address() == 0 ? Outcome.INSTALLED : Outcome.REFUSED;
        } catch (Throwable t) {
            if (t instanceof Error e) {
                throw e;
            }
            return Outcome.REFUSED;
        }
    }
}
