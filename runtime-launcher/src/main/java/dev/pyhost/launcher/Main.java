package dev.pyhost.launcher;

import dev.pyhost.api.ExitStatus;
import dev.pyhost.api.InitializationException;
import dev.pyhost.api.PyHostException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.StandardStreams;
import dev.pyhost.api.backend.StartupTrace;
import dev.pyhost.cpython.process.NativeFaults;
import dev.pyhost.cpython.process.ProcessServices;
import dev.pyhost.embedded.EmbeddedCPython;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
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
    /**
     * The property that keeps the JVM's fatal-error report (and {@code SIGABRT}) for native faults, instead of
     * ending by the signal as {@code python} does: {@code PYHOST_JAVA_OPTS=-Dpyhost.launcher.jvmFaultReports=true}.
     */
    static final String JVM_FAULT_REPORTS = "pyhost.launcher.jvmFaultReports";
    /** The name the JDK gives the thread that runs its {@code SIGTERM} handler (which starts the shutdown). */
    private static final String SIGTERM_HANDLER_THREAD = "SIGTERM handler";

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
        StartupTrace.mark("launcher main");
        ProcessServices.prepareNativeCallsInBackground();
        Thread.setDefaultUncaughtExceptionHandler((thread, t) -> report(t, " in thread '" + thread.getName() + "'"));
        Runtime.getRuntime().addShutdownHook(new Thread(Main::onShutdown, "pyhost-shutdown"));
        int status;
        try {
            status = run(ProcessServices.arguments(args), ScriptHandover.from(System.getProperties()));
        } catch (Throwable t) {
            status = internalError(t);
        }
        exiting = true;
        System.exit(status);
    }

    /**
     * Any failure the launcher did not expect ends it with status 1 and one message, never a stack trace: the
     * plug-in that threw, when a plug-in's own code did, else a defect of PyHost to report.
     *
     * @param t the failure
     * @return the exit status, 1
     */
    static int internalError(Throwable t) {
        report(t, "");
        return 1;
    }

    private static void report(Throwable t, String where) {
        try {
            System.out.flush();
            System.err.println("pyhost: " + describe(t, where, pluginPath(System.getenv("PYHOST_CLASSPATH"))));
            System.err.flush();
        } catch (Throwable ignored) {
            // nothing more can be said
        }
    }

    /**
     * Words an unexpected failure.
     *
     * @param t the failure
     * @param where where it happened ({@code ""}, or {@code " in thread 'name'"})
     * @param plugins the plug-in jars and folders, as absolute normalized paths
     * @return the message, without the {@code pyhost: } prefix
     */
    static String describe(Throwable t, String where, Set<Path> plugins) {
        String what = t + (t.getCause() == null ? "" : " (caused by " + t.getCause() + ")");
        if (t instanceof OutOfMemoryError) {
            return "the JVM ran out of memory" + where + ": " + what + ". Under an address-space limit (ulimit -v), "
                    + "PyHost's JVM needs about 420 MB on top of what the Python program uses.";
        }
        return pluginFrame(t, plugins)
                .map(frame -> "a plug-in failed" + where + ": " + what + ", thrown by " + frame
                        + "; fix or remove that plug-in")
                .orElse("internal error" + where + ": " + what
                        + "; please report it with the command line that caused it");
    }

    /** {@return the entries of {@code PYHOST_CLASSPATH}, as absolute normalized paths} */
    static Set<Path> pluginPath(String classPath) {
        Set<Path> entries = new HashSet<>();
        if (classPath != null) {
            for (String entry : classPath.split(":")) {
                if (!entry.isEmpty()) {
                    try {
                        entries.add(Path.of(entry).toAbsolutePath().normalize());
                    } catch (RuntimeException e) {
                        // an entry that is no path holds no plug-in
                    }
                }
            }
        }
        return entries;
    }

    /** The first frame, from where it was thrown outwards, of the failure or its causes that a plug-in's class runs. */
    private static Optional<String> pluginFrame(Throwable t, Set<Path> plugins) {
        if (plugins.isEmpty()) {
            return Optional.empty();
        }
        Set<Throwable> seen = new HashSet<>();
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            for (StackTraceElement frame : c.getStackTrace()) {
                Optional<Path> origin = origin(frame.getClassName());
                if (origin.isPresent() && plugins.contains(origin.get())) {
                    return Optional.of(frame.getClassName() + "." + frame.getMethodName() + " (" + origin.get() + ")");
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> origin(String className) {
        try {
            CodeSource source = Class.forName(className, false, Main.class.getClassLoader()).getProtectionDomain()
                    .getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            return Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath().normalize());
        } catch (ClassNotFoundException | LinkageError | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The JVM is shutting down although the launcher did not exit. When {@code SIGTERM} started it (the JVM keeps
     * that signal so that Java code can react), this process must end as {@code python} would: it dies by the
     * signal without finalizing Python, so it runs the Java exit handlers only, then dies by the same signal. Any
     * other cause ({@code System.exit} from a plug-in) keeps the status it asked for.
     */
    private static void onShutdown() {
        if (exiting || !startedBySigterm()) {
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

    /** {@return whether the JDK's {@code SIGTERM} handler is the one shutting the JVM down} */
    private static boolean startedBySigterm() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(SIGTERM_HANDLER_THREAD));
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
        StartupTrace.mark("command line read");
        ExitStatus status;
        try {
            PythonRuntime.Builder builder = PythonRuntime.builder(config)
                    .onJvmShutdown(PythonRuntime.JvmShutdown.NOTHING).standardStreams(StandardStreams.inherit());
            // Java work first (plug-ins, the embedded CPython's check) while the link-ahead thread prepares the
            // native linker on another core; the first native call comes after it, right before CPython starts.
            PythonInstallation python = builder.locate();
            prepareProcess(handover);
            try (PythonRuntime runtime = builder.installation(python).start()) {
                current = runtime;
                if (!handover.closedDescriptors().isEmpty()) {
                    closeStandardStreams(runtime, handover.closedDescriptors());
                }
                StartupTrace.mark("runtime ready");
                status = runtime.runMain();
                StartupTrace.mark("main ran and finalized");
            }
        } catch (InitializationException e) {
            ProcessServices.flushStdio();
            System.err.println(e.fatalErrorText());
            System.err.println("Python runtime state: " + runtimeState());
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
     * Puts the process back in the state {@code bin/pyhost} found it in, as far as the JVM changed it: the
     * environment variables kept from the JVM, the signal dispositions the process inherited, and (unless the JVM's
     * own reports are asked for) native faults ending the process as they end {@code python}.
     *
     * @param handover what the script observed
     */
    private static void prepareProcess(ScriptHandover handover) {
        ProcessServices.restoreEnvironment(handover.movedEnvironment(), ScriptHandover.SAVED_PREFIX);
        ProcessServices.inheritSignalDispositions(handover.quitIgnored());
        if (!Boolean.getBoolean(JVM_FAULT_REPORTS)) {
            NativeFaults.endLikePython(); // without libjsig (java started by hand) the JVM's reports stay
        }
    }

    /** The state CPython's own fatal-error report would name; CPython refused the configuration, so at most so far. */
    private static String runtimeState() {
        try {
            return ProcessServices.pythonRuntimeState().orElse("preinitialized");
        } catch (RuntimeException e) {
            return "preinitialized";
        }
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
            code.append(", ");
        }
        return code.toString();
    }
}
