package dev.pyhost.cpython.process;

import dev.pyhost.cpython.LibC;
import dev.pyhost.cpython.SurrogateUtf8;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Process-level services a {@code python}-compatible launcher needs, beyond the runtime itself. */
public final class ProcessServices {
    private ProcessServices() {
    }

    /**
     * Recovers the program arguments as the bytes the operating system passed, decoded as UTF-8 with
     * {@code surrogateescape} (so an undecodable byte survives and reaches CPython unchanged). The JVM decodes
     * {@code main}'s arguments with replacement characters; {@code /proc/self/cmdline} still has the bytes.
     *
     * @param args the arguments {@code main} received
     * @return the same arguments, undecodable bytes preserved where the platform allows
     */
    public static List<String> arguments(String[] args) {
        try {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc/self/cmdline"));
            List<String> all = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < cmdline.length; i++) {
                if (cmdline[i] == 0) {
                    all.add(SurrogateUtf8.decodeEscape(Arrays.copyOfRange(cmdline, start, i)));
                    start = i + 1;
                }
            }
            if (all.size() < args.length) {
                return List.of(args);
            }
            List<String> tail = all.subList(all.size() - args.length, all.size());
            for (int i = 0; i < args.length; i++) {
                String raw = tail.get(i);
                boolean escaped = raw.chars().anyMatch(c -> c >= 0xDC80 && c <= 0xDCFF);
                if (!escaped && !raw.equals(args[i])) {
                    return List.of(args);
                }
            }
            return List.copyOf(tail);
        } catch (IOException | RuntimeException e) {
            return List.of(args);
        }
    }

    /**
     * Gives {@code SIGINT} back its default disposition, so that CPython installs its own handler at
     * initialization (it only does so over {@code SIG_DFL}) and Ctrl-C raises {@code KeyboardInterrupt} in
     * Python, as in {@code python}, instead of starting a JVM shutdown. For launchers; an application that
     * relies on the JVM's own Ctrl-C handling should not call it.
     */
    public static void handSigintToPython() {
        LibC.defaultDisposition(LibC.SIGINT);
    }

    /**
     * Gives {@code SIGHUP} and {@code SIGQUIT} back their default dispositions, as a {@code python} process has
     * them (the JVM would otherwise turn them into a shutdown and a thread dump). For launchers.
     */
    public static void defaultHangupAndQuit() {
        LibC.defaultDisposition(1);
        LibC.defaultDisposition(3);
    }

    /**
     * Ends the process by a signal with its default disposition, as if the signal had not been caught.
     * Returns only if the process survived it.
     *
     * @param signal the signal number, for example 15 for {@code SIGTERM}
     */
    public static void dieBy(int signal) {
        LibC.dieBy(signal);
    }

    /** Flushes C stdio, where CPython's parser prints help, version and usage text. */
    public static void flushStdio() {
        LibC.flushCStdio();
    }

    /**
     * Ends the process by {@code SIGINT} with the default disposition, as CPython does after an unhandled
     * {@code KeyboardInterrupt}. Returns only if the process survived the signal.
     */
    public static void dieBySigint() {
        LibC.dieBySigint();
    }
}
