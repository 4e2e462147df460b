package dev.pyhost.launcher;

import dev.pyhost.api.ExitStatus;
import dev.pyhost.api.InitializationException;
import dev.pyhost.api.PyHostException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.cpython.process.ProcessServices;
import dev.pyhost.embedded.EmbeddedCPython;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code pyhost ARGS...} behaves as {@code python3 ARGS...} of the selected CPython: CPython parses the command
 * line, PyHost runs the main module with {@code Py_RunMain}'s rules, and the process exits with the status
 * CPython would give (dying by {@code SIGINT} after an unhandled {@code KeyboardInterrupt}).
 *
 * <p>{@code bin/pyhost} hands over what it saw before the JVM started (closed standard descriptors, an ignored
 * {@code SIGQUIT}, environment variables kept from the JVM) through {@link ScriptHandover}; the launcher puts
 * the process back in that state before CPython starts, so that Python sees what {@code python} would.
 */
public final class Main {
    /** The launcher's own option: unpack and verify the embedded CPython, then exit. */
    static final String PREPARE = "--pyhost-prepare";
    private static final int SIGTERM = 15;

    private static volatile boolean exiting;
    private static volatile PythonRuntime current;

    private Main() {
    }

    private static int prepare() {
        EmbeddedCPython payload = EmbeddedCPython.payload();
        try {
            Path jar = payload.jar().orElseThrow(() -> new PyHostException(
                    "the embedded CPython payload (" + payload.artifact() + ") is not on the class path"));
            PythonInstallation python = payload.prepare(jar, EmbeddedCPython.cacheRoot(System.getenv()));
            System.out.println(python.executable());
            return 0;
        } catch (PyHostException e) {
            System.err.println("pyhost: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Runs the launcher.
     *
     * @param args the {@code python} command line
     */
    public static void main(String[] args) {
        Thread onSignal = new Thread(Main::terminatedBySignal, "pyhost-sigterm");
        Runtime.getRuntime().addShutdownHook(onSignal);
        int status;
        try {
            ScriptHandover handover = ScriptHandover.from(System.getProperties());
            ProcessServices.restoreEnvironment(handover.movedEnvironment(), ScriptHandover.SAVED_PREFIX);
            status = run(ProcessServices.arguments(args), handover);
        } catch (Throwable t) {
            status = internalError(t);
        }
        exiting = true;
        System.exit(status);
    }

    /** Any failure the launcher did not expect ends it with status 1 and one message, never a stack trace. */
    static int internalError(Throwable t) {
        try {
            System.out.flush();
            System.err.println("pyhost: internal error: " + t
                    + (t.getCause() == null ? "" : " (caused by " + t.getCause() + ")")
                    + "; please report it with the command line that caused it");
            System.err.flush();
        } catch (Throwable ignored) {
            // nothing more can be said
        }
        return 1;
    }

    /**
     * The JVM is shutting down although the launcher did not exit: {@code SIGTERM} arrived (the JVM keeps that
     * signal so that Java code can react). A {@code python} process dies by it without finalizing Python, so this
     * one runs the Java exit handlers only, then dies by the same signal.
     */
    private static void terminatedBySignal() {
        if (exiting) {
            return;
        }
        PythonRuntime runtime = current;
        if (runtime != null) {
            runtime.abandon(new ExitStatus(128 + SIGTERM, false));
        }
        System.out.flush();
        System.err.flush();
        ProcessServices.dieBy(SIGTERM);
    }

    /**
     * Runs a command line and returns the process exit status (after ending the process by {@code SIGINT} when
     * CPython would).
     *
     * @param args the {@code python} arguments
     * @param handover what the script observed before the JVM started
     * @return the exit status
     */
    static int run(List<String> args, ScriptHandover handover) {
        if (args.size() == 1 && args.getFirst().equals(PREPARE)) {
            return prepare();
        }
        RuntimeConfig config = RuntimeConfig.commandLine(args);
        ExitStatus status;
        try {
            ProcessServices.inheritSignalDispositions(handover.quitIgnored());
        } catch (PyHostException e) {
            System.err.println("pyhost: " + e.getMessage());
            return 1;
        }
        try (PythonRuntime runtime = PythonRuntime.builder(config).onJvmShutdown(PythonRuntime.JvmShutdown.NOTHING)
                .start()) {
            current = runtime;
            if (!handover.closedDescriptors().isEmpty()) {
                closeStandardStreams(runtime, handover.closedDescriptors());
            }
            status = runtime.runMain();
        } catch (InitializationException e) {
            ProcessServices.flushStdio();
            System.err.println(e.fatalErrorText());
            System.err.println("Python runtime state: preinitialized");
            System.err.println();
            return 1;
        } catch (PyHostException e) {
            ProcessServices.flushStdio();
            System.err.println("pyhost: " + e.getMessage());
            return 1;
        }
        ProcessServices.flushStdio();
        if (status.killedBySigint()) {
            System.out.flush();
            System.err.flush();
            ProcessServices.dieBySigint();
        }
        return status.code();
    }

    /**
     * Puts the standard streams that were closed when {@code bin/pyhost} started back in that state, as
     * {@code python} has them: {@code sys.stdin}, {@code sys.stdout} or {@code sys.stderr} (and their
     * {@code __dunder__} originals) {@code None}, the descriptor closed. The script held the descriptor on
     * {@code /dev/null} until now, CPython initialized over it: it cannot be closed earlier, because the JDK puts
     * {@code /dev/null} back on any descriptor 0 to 2 that a Java stream it closes happened to use (and the
     * runtime's start opens files). Before closing, every jar of the class path is opened (the class loader
     * keeps a jar open from its first use: one opened later would take the descriptor for good), and Java's own
     * {@code System.out} or {@code System.err} is detached, so that nothing Java prints lands in a file the
     * program opens later on that number.
     */
    private static void closeStandardStreams(PythonRuntime runtime, Set<Integer> descriptors) {
        try {
            Enumeration<URL> manifests = Main.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
            while (manifests.hasMoreElements()) {
                manifests.nextElement();
            }
        } catch (IOException e) {
            // a jar that cannot be read is not kept open either
        }
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        if (descriptors.contains(1)) {
            System.out.flush();
            System.setOut(nowhere);
        }
        if (descriptors.contains(2)) {
            System.err.flush();
            System.setErr(nowhere);
        }
        runtime.interpreter().exec(detachStreams(descriptors));
    }

    /**
     * {@return one Python statement, binding no name in {@code __main__}, that sets the streams of these
     * descriptors to {@code None} and closes the descriptors}
     *
     * @param descriptors some of 0, 1 and 2
     */
    static String detachStreams(Set<Integer> descriptors) {
        List<String> names = List.of("stdin", "stdout", "stderr");
        StringBuilder code = new StringBuilder();
        for (int fd : new TreeSet<>(descriptors)) {
            String name = names.get(fd);
            code.append("__import__('sys').__setattr__('").append(name).append("', None), ")
                    .append("__import__('sys').__setattr__('__").append(name).append("__', None), ")
                    .append("__import__('posix').close(").append(fd).append(")");
            if (fd == 0) {
                // a program read from standard input (argv[0] '' or '-') is empty, as python reads it from a closed
                // descriptor; PyHost reads descriptor 0 itself and would fail on a closed one, so it stays on
                // /dev/null, which no empty program can tell apart
                code.append(" if __import__('sys').argv[0] not in ('', '-') else None");
            }
            code.append(", ");
        }
        return code.toString();
    }
}
