package dev.pyhost.api;

import java.nio.file.Path;

/**
 * A live CPython interpreter. Its methods may be called from any Java thread, virtual threads included:
 * the calls run on the interpreter's own platform thread, so a Python thread state never moves between
 * operating-system threads. After the runtime is closed every method throws {@link IllegalStateException}.
 *
 * <p>Values returned by {@link #eval(String)} are converted to Java: {@code None} to {@code null},
 * {@code bool} to {@link Boolean}, {@code int} to {@link Long} (or {@link java.math.BigInteger} when it does not
 * fit), {@code float} to {@link Double}, {@code str} to {@link String}, {@code bytes} to {@code byte[]},
 * {@code list} and {@code tuple} to unmodifiable {@link java.util.List}s and {@code dict} to an unmodifiable,
 * insertion-ordered {@link java.util.Map}. Any other type fails with a {@link PythonException} of type
 * {@code TypeError}.
 */
public interface Interpreter {
    /** {@return the CPython version} */
    PythonVersion version();

    /**
     * Runs statements in the namespace of {@code __main__}.
     *
     * @param source Python source
     * @throws PythonException when the code raises (including {@code SystemExit})
     */
    void exec(String source);

    /**
     * Evaluates an expression in the namespace of {@code __main__} and converts its value.
     *
     * @param expression a Python expression
     * @return the converted value
     * @throws PythonException when evaluation raises or the value cannot be converted
     */
    Object eval(String expression);

    /**
     * Runs a script, a directory or a zip file as {@code __main__} ({@code runpy.run_path}).
     *
     * @param file the path
     * @return how it ended; {@code SystemExit} becomes {@link RunOutcome.Exited}
     */
    RunOutcome runFile(Path file);

    /**
     * Runs a module as {@code __main__} ({@code runpy.run_module} with {@code alter_sys}).
     *
     * @param module the module name
     * @return how it ended
     */
    RunOutcome runModule(String module);

    /** {@return whether the interpreter can still be used} */
    boolean isOpen();
}
