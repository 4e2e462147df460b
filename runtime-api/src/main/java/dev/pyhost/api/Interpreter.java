package dev.pyhost.api;

import dev.pyhost.api.spi.ValueConverter;
import java.nio.file.Path;
import java.util.List;

/**
 * A live CPython interpreter. Its methods may be called from any Java thread, virtual threads included, and run
 * on the calling thread: each platform thread gets its own Python thread state the first time it calls (kept while
 * the thread lives), a virtual thread runs on its carrier's, pinned to that carrier for the duration of the call, so
 * a thread state never moves between operating-system threads. The GIL is held only for the duration of a call;
 * Java code that Python calls back ({@link PythonCallable}) runs with the GIL released. Programs run as
 * {@code __main__} ({@link #runFile}, {@link #runModule}) run on the interpreter's main thread, as {@code python}
 * runs them. After the runtime is finalized every method throws {@link LifecycleException}.
 *
 * <p>The methods that run code or read names ({@link #exec}, {@link #eval}, {@link #set}, {@link #get},
 * {@link #call}, {@link #compile}) act on the {@linkplain #mainScope() main scope}, the globals of
 * {@code __main__}. Values are converted as the README's conversion table says.
 */
public interface Interpreter {
    /** {@return the CPython version} */
    PythonVersion version();

    /** {@return the globals of {@code __main__}} */
    PythonScope mainScope();

    /**
     * Creates a scope of its own: a fresh globals dict holding only {@code __builtins__}, owned by the caller.
     *
     * @return the scope
     */
    PythonScope newScope();

    /**
     * Imports a module ({@code import name}).
     *
     * @param name a module name, dotted for a submodule
     * @return a new handle to the module
     * @throws PythonException when the import raises
     */
    PythonObject importModule(String name);

    /**
     * Converts a Java value to a Python object.
     *
     * @param value a Java value (see the conversion table)
     * @return a new handle to the Python object
     * @throws ConversionException when the value has no Python counterpart
     */
    PythonObject toPython(Object value);

    /**
     * Lends a native segment to Python without a copy (see {@link SharedSegment} for the lifetime rules).
     *
     * @param segment a native segment
     * @return the loan; close it before the segment's arena
     * @throws IllegalArgumentException when the segment is not native (a heap segment has no fixed address)
     */
    SharedSegment share(java.lang.foreign.MemorySegment segment);

    /**
     * Adds a converter, asked before the ones found when the runtime started and before the built-in rules.
     *
     * @param converter the converter
     */
    void addConverter(ValueConverter<?> converter);

    /**
     * Runs statements in the main scope.
     *
     * @param source Python source
     * @throws PythonException when the code raises (including {@code SystemExit})
     */
    default void exec(String source) {
        mainScope().exec(source);
    }

    /**
     * Evaluates an expression in the main scope with the default conversion.
     *
     * @param expression a Python expression
     * @return the converted value
     * @throws PythonException when evaluation raises
     */
    default Object eval(String expression) {
        return mainScope().eval(expression);
    }

    /**
     * Evaluates an expression in the main scope and converts its value.
     *
     * @param expression a Python expression
     * @param type the Java type wanted
     * @param <T> that type
     * @return the converted value
     * @throws PythonException when evaluation raises
     * @throws ConversionException when the value cannot become {@code type}
     */
    default <T> T eval(String expression, Class<T> type) {
        return mainScope().eval(expression, type);
    }

    /**
     * Binds a name in the main scope to a Java value, converted.
     *
     * @param name the name
     * @param value the value
     */
    default void set(String name, Object value) {
        mainScope().set(name, value);
    }

    /**
     * Reads a name of the main scope with the default conversion.
     *
     * @param name the name
     * @return the converted value
     * @throws PythonException {@code NameError} when it is not bound
     */
    default Object get(String name) {
        return mainScope().get(name);
    }

    /**
     * Reads a name of the main scope and converts it.
     *
     * @param name the name
     * @param type the Java type wanted ({@code PythonObject.class} for a handle)
     * @param <T> that type
     * @return the converted value
     * @throws PythonException {@code NameError} when it is not bound
     * @throws ConversionException when the value cannot become {@code type}
     */
    default <T> T get(String name, Class<T> type) {
        return mainScope().get(name, type);
    }

    /**
     * Calls what a name of the main scope refers to (optionally followed by {@code .attribute}s).
     *
     * @param callable the name
     * @param args Java values, converted
     * @return the result with the default conversion
     * @throws PythonException when the lookup or the call raises
     */
    default Object call(String callable, Object... args) {
        return mainScope().call(callable, args);
    }

    /**
     * Compiles source once to run in the main scope.
     *
     * @param source an expression or statements
     * @return the compiled code, owned by the caller
     * @throws PythonException {@code SyntaxError} when it does not compile
     */
    default PythonCode compile(String source) {
        return mainScope().compile(source);
    }

    /**
     * Runs a script, a directory or a zip file as {@code __main__} on the interpreter's main thread, as
     * {@code python file args...} would: {@code sys.argv} is the path followed by {@code argv}, and
     * {@code sys.path[0]} the script's directory (the directory or zip file itself), both restored afterwards.
     *
     * @param file the path
     * @param argv the further arguments
     * @return how it ended; {@code SystemExit} becomes {@link RunOutcome.Exited}
     */
    RunOutcome runFile(Path file, List<String> argv);

    /**
     * Runs a script with no arguments.
     *
     * @param file the path
     * @return how it ended
     * @see #runFile(Path, List)
     */
    default RunOutcome runFile(Path file) {
        return runFile(file, List.of());
    }

    /**
     * Runs a module as {@code __main__} on the interpreter's main thread, as {@code python -m module args...}
     * would: {@code sys.argv} is the module's file followed by {@code argv}, and {@code sys.path[0]} the working
     * directory, both restored afterwards.
     *
     * @param module the module name
     * @param argv the further arguments
     * @return how it ended
     */
    RunOutcome runModule(String module, List<String> argv);

    /**
     * Runs a module with no arguments.
     *
     * @param module the module name
     * @return how it ended
     * @see #runModule(String, List)
     */
    default RunOutcome runModule(String module) {
        return runModule(module, List.of());
    }

    /** {@return whether the interpreter can still be used} */
    boolean isOpen();

    /**
     * Interrupts the Python code that runs now, as Ctrl-C interrupts {@code python}: it raises
     * {@code KeyboardInterrupt} in the main code ({@code runMain}, {@link #runFile}, {@link #runModule}) and in
     * every call that runs now on another Java thread; each caller sees a {@link PythonException} of type
     * {@code KeyboardInterrupt}, unless the Python code handles it. Code that does not run now is not affected.
     *
     * <p>Where it is raised, and when:
     * <ul>
     * <li>Main code: by a Python signal handler that PyHost installs for {@code SIGRTMAX - 2}, after sending that
     *     signal to the interpreter's main thread; so a blocking system call there ({@code time.sleep}, a read, a
     *     lock wait, {@code select}) fails with {@code EINTR}, CPython checks for signals, and the exception is
     *     raised at once.</li>
     * <li>Calls on other threads: through {@code PyThreadState_SetAsyncExc}, at the next bytecode boundary. A
     *     blocking call on those threads is not cut short (CPython runs signal handlers on its main thread only);
     *     the exception is raised when the call returns.</li>
     * <li>Never cut short: C code that holds the GIL and does not check for signals (a long computation inside an
     *     extension), a blocking call that retries on {@code EINTR} without checking for signals, and Java code
     *     that Python called (it sees nothing; the exception is raised when it returns to Python).</li>
     * </ul>
     *
     * @return how many runs were interrupted (the main code counts as one, each call on another thread as one)
     * @throws LifecycleException after finalization
     */
    int interrupt();

    /**
     * Runs work with a deadline: Python code that runs for this thread's calls inside {@code work} (including
     * {@link #runFile} and {@link #runModule}, which run on the interpreter's main thread) gets
     * {@code pyhost.Timeout}, a subclass of {@code KeyboardInterrupt}, raised once the deadline passed; the call
     * then throws a {@link PythonException} of that type (unless Python code handles it). It is raised as
     * {@link #interrupt()} raises on threads other than the main thread: at the next bytecode boundary, within
     * about 20 ms of the deadline, and a blocking call is not cut short. A call still waiting for the main thread
     * at the deadline does not run. Nested deadlines: the earliest applies. Calls made by other threads are not
     * affected.
     *
     * <p>A Java {@link Thread#interrupt()} of a caller is honoured the same way, without a deadline: Python code
     * running for an interrupted thread gets {@code KeyboardInterrupt}; the thread's interrupt status stays set.
     *
     * @param timeout the time allowed from now, positive
     * @param work the calls to make
     * @param <T> the result of work
     * @return what work returned
     * @throws ConfigurationException when the timeout is zero or negative
     */
    <T> T withTimeout(java.time.Duration timeout, java.util.function.Supplier<T> work);
}
