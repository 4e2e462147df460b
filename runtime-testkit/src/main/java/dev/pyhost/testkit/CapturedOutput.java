package dev.pyhost.testkit;

import java.util.List;

/**
 * What Python code of the current test wrote to {@code sys.stdout} and {@code sys.stderr}, as a parameter that
 * {@link PyHostExtension} resolves. Capturing starts when the parameter is resolved (before the test body runs)
 * and ends after the test method; the streams are replaced for that time by text streams with the same encoding
 * and error handler that keep what is written (their {@code buffer} takes bytes too).
 *
 * <p>What is captured: everything written through {@code sys.stdout} and {@code sys.stderr}: {@code print},
 * tracebacks printed by PyHost's {@code runMain} and by {@code traceback}, warnings, {@code logging} handlers
 * created while capturing. With a {@link RuntimeLifecycle#PER_METHOD} runtime, what was written until the runtime
 * finalized (including Python's {@code atexit} callbacks) stays readable after {@code runMain()} returns.
 *
 * <p>What is not: writes to file descriptors 1 and 2 that bypass {@code sys.stdout} ({@code os.write(1, ...)},
 * C extensions, child processes, {@code faulthandler}), streams saved before capturing began (such as a
 * {@code logging.StreamHandler} made earlier, or {@code sys.__stdout__}), and Java's {@code System.out}. Code that
 * asks {@code sys.stdout.fileno()} gets {@code io.UnsupportedOperation}. For the exact bytes a process writes, run
 * it as a process ({@link dev.pyhost.testkit.differential.ChildProcess}).
 */
public interface CapturedOutput {
    /** {@return the text written to {@code sys.stdout} so far} */
    String stdout();

    /** {@return the text written to {@code sys.stderr} so far} */
    String stderr();

    /** {@return {@link #stdout()} split into lines, without their line ends} */
    default List<String> stdoutLines() {
        return stdout().lines().toList();
    }

    /** {@return {@link #stderr()} split into lines, without their line ends} */
    default List<String> stderrLines() {
        return stderr().lines().toList();
    }

    /** Forgets what was captured so far; capturing goes on. */
    void clear();
}
