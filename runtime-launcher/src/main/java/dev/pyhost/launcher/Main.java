package dev.pyhost.launcher;

import dev.pyhost.api.ExitStatus;
import dev.pyhost.api.InitializationException;
import dev.pyhost.api.PyHostException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.cpython.process.ProcessServices;
import dev.pyhost.embedded.EmbeddedCPython;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code pyhost ARGS...} behaves as {@code python3 ARGS...} of the selected CPython: CPython parses the command
 * line, PyHost runs the main module with {@code Py_RunMain}'s rules, and the process exits with the status
 * CPython would give (dying by {@code SIGINT} after an unhandled {@code KeyboardInterrupt}).
 */
public final class Main {
    /** The launcher's own option: unpack and verify the embedded CPython, then exit. */
    static final String PREPARE = "--pyhost-prepare";
    private static final int SIGTERM = 15;

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
            status = run(ProcessServices.arguments(args));
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

    private static volatile boolean exiting;
    private static volatile PythonRuntime current;

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
     * @return the exit status
     */
    static int run(List<String> args) {
        if (args.size() == 1 && args.getFirst().equals(PREPARE)) {
            return prepare();
        }
        RuntimeConfig config = RuntimeConfig.commandLine(args);
        ExitStatus status;
        try {
            ProcessServices.handSigintToPython();
            ProcessServices.defaultHangupAndQuit();
        } catch (PyHostException e) {
            System.err.println("pyhost: " + e.getMessage());
            return 1;
        }
        try (PythonRuntime runtime = PythonRuntime.builder(config).onJvmShutdown(PythonRuntime.JvmShutdown.NOTHING)
                .start()) {
            current = runtime;
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
}
