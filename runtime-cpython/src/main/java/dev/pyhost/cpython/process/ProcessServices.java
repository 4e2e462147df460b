package dev.pyhost.cpython.process;

import dev.pyhost.cpython.NativeShapes;
import dev.pyhost.cpython.SurrogateUtf8;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** Process-level services a {@code python}-compatible launcher needs, beyond the runtime itself. */
public final class ProcessServices {
    private static final int SIGHUP = 1;
    private static final int SIGINT = 2;
    private static final int SIGQUIT = 3;

    private ProcessServices() {
    }

    /**
     * Starts linking the native call shapes on a daemon thread, once per process, so that the caller's own
     * start-up work (a launcher's, or locating the installation) and the JVM's first-use cost of native calls
     * overlap on a machine with more than one core. Optional: whatever is not ready yet when first needed is
     * linked (or waited for) then.
     */
    public static void prepareNativeCallsInBackground() {
        if (LINK_AHEAD_STARTED.compareAndSet(false, true)) {
            Thread.ofPlatform().name("pyhost-link-ahead").daemon(true).start(NativeShapes::prepare);
        }
    }

    private static final AtomicBoolean LINK_AHEAD_STARTED = new AtomicBoolean();

    /**
     * Recovers the program arguments as the bytes the operating system passed, decoded as UTF-8 with
     * {@code surrogateescape}, so that they reach CPython byte for byte and CPython decodes them by its own rules
     * (locale, UTF-8 mode). The JVM decodes {@code main}'s arguments with its platform charset
     * ({@code sun.jnu.encoding}), replacing what it cannot decode; {@code /proc/self/cmdline} still has the bytes.
     * Its last {@code args.length} entries are taken only if the JVM's own decoding of each gives {@code args}
     * back (it would not after an {@code @argfile}, for example); otherwise {@code args} are returned as they are.
     *
     * @param args the arguments {@code main} received
     * @return the same arguments, undecodable bytes preserved where the platform allows
     */
    public static List<String> arguments(String[] args) {
        try {
            return fromCommandLine(args, Files.readAllBytes(Path.of("/proc/self/cmdline")),
                    platformCharset(System.getProperty("sun.jnu.encoding")));
        } catch (IOException | RuntimeException e) {
            return List.of(args);
        }
    }

    /**
     * Matches the arguments {@code main} received against a raw command line ({@code NUL}-terminated entries).
     *
     * @param args the arguments as the JVM decoded them
     * @param cmdline the raw command line of the process
     * @param platform the charset the JVM decoded them with, or {@code null} when unknown
     * @return the raw arguments decoded as UTF-8 with {@code surrogateescape}, or {@code args} when they do not
     *     match
     */
    static List<String> fromCommandLine(String[] args, byte[] cmdline, Charset platform) {
        List<byte[]> all = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                all.add(Arrays.copyOfRange(cmdline, start, i));
                start = i + 1;
            }
        }
        if (all.size() < args.length) {
            return List.of(args);
        }
        List<byte[]> tail = all.subList(all.size() - args.length, all.size());
        List<String> result = new ArrayList<>(args.length);
        for (int i = 0; i < args.length; i++) {
            byte[] raw = tail.get(i);
            String escaped = SurrogateUtf8.decodeEscape(raw);
            boolean same = escaped.equals(args[i]) || (platform != null && new String(raw, platform).equals(args[i]));
            if (!same) {
                return List.of(args);
            }
            result.add(escaped);
        }
        return List.copyOf(result);
    }

    private static Charset platformCharset(String name) {
        try {
            return name == null ? null : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Gives {@code SIGINT} back its default disposition, so that CPython installs its own handler at
     * initialization (it only does so over {@code SIG_DFL}) and Ctrl-C raises {@code KeyboardInterrupt} in
     * Python, as in {@code python}, instead of starting a JVM shutdown. For launchers; an application that
     * relies on the JVM's own Ctrl-C handling should not call it.
     */
    public static void handSigintToPython() {
        Posix.signal(SIGINT, Posix.SIG_DFL);
    }

    /**
     * Gives {@code SIGHUP}, {@code SIGINT} and {@code SIGQUIT} the dispositions a {@code python} process started
     * in place of this one would have: ignored if they were ignored when the process started ({@code nohup}, a
     * background job of a non-interactive shell), else the default, which CPython then replaces by its own
     * handler for {@code SIGINT}. The JVM keeps an inherited {@code SIG_IGN} for {@code SIGHUP} and
     * {@code SIGINT} (this method reads it back), but installs its own {@code SIGQUIT} handler whatever was
     * inherited, so only the caller can tell whether {@code SIGQUIT} was ignored. For launchers.
     *
     * @param quitIgnoredAtStart whether {@code SIGQUIT} was ignored when the process started
     */
    public static void inheritSignalDispositions(boolean quitIgnoredAtStart) {
        for (int signal : new int[] {SIGHUP, SIGINT}) {
            // ignored first: while the previous disposition is read back, the signal cannot end the process
            MemorySegment previous = Posix.signal(signal, Posix.SIG_IGN);
            if (previous.address() != Posix.SIG_IGN.address()) {
                Posix.signal(signal, Posix.SIG_DFL);
            }
        }
        Posix.signal(SIGQUIT, quitIgnoredAtStart ? Posix.SIG_IGN : Posix.SIG_DFL);
    }

    /**
     * Puts back environment variables that the launcher's script moved aside so that the JVM would not read them
     * ({@code JAVA_TOOL_OPTIONS} and the like) or set for the JVM alone ({@code MALLOC_ARENA_MAX}): for each name,
     * the value saved in {@code prefix + name} is restored byte for byte and the saved copy removed, or, when
     * nothing was saved, the variable is removed. Only the C environment changes, which CPython's
     * {@code os.environ} is built from; call it before the runtime starts.
     *
     * @param names the variables to restore
     * @param prefix the prefix of the variables holding the saved values
     */
    public static void restoreEnvironment(Collection<String> names, String prefix) {
        for (String name : names) {
            Posix.moveVariable(prefix + name, name);
        }
    }

    /**
     * Reads the state of the loaded CPython runtime, as its fatal-error report names it ({@code Python runtime
     * state: ...}): {@code preinitializing}, {@code preinitialized}, {@code core initialized}, {@code initialized},
     * {@code finalizing (tstate=0x...)} or {@code unknown}.
     *
     * @return the state, or empty when no supported libpython is loaded in the process
     */
    public static Optional<String> pythonRuntimeState() {
        return RuntimeState.read();
    }

    /**
     * Ends the process by a signal with its default disposition, as if the signal had not been caught.
     * Returns only if the process survived it.
     *
     * @param signal the signal number, for example 15 for {@code SIGTERM}
     */
    public static void dieBy(int signal) {
        Posix.signal(signal, Posix.SIG_DFL);
        Posix.raise(signal);
    }

    /** Flushes C stdio, where CPython's parser prints help, version and usage text. */
    public static void flushStdio() {
        Posix.flushAll();
    }

    /**
     * Ends the process by {@code SIGINT} with the default disposition, as CPython does after an unhandled
     * {@code KeyboardInterrupt}. Returns only if the process survived the signal.
     */
    public static void dieBySigint() {
        dieBy(SIGINT);
    }
}
