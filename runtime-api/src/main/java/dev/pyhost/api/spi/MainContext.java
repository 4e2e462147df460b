package dev.pyhost.api.spi;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.RuntimeConfig;
import java.util.List;
import java.util.Optional;

/**
 * What an {@link ExecutionMode} sees of the run it is asked about: what is to run, as CPython resolved it from the
 * configuration, the command line and the environment; the interpreter; and the {@link MainRunner} that runs
 * code with CPython's semantics.
 */
public interface MainContext {
    /** {@return the configuration the runtime was started with} */
    RuntimeConfig config();

    /** {@return the command given with {@code -c}} */
    Optional<String> command();

    /** {@return the module given with {@code -m}} */
    Optional<String> module();

    /** {@return the script to run, when the main file is a plain file (absolute)} */
    Optional<String> file();

    /** {@return the directory or zip file holding {@code __main__.py}, when the main file is one (absolute)} */
    Optional<String> directoryOrZip();

    /** {@return {@code sys.argv}} */
    List<String> argv();

    /** {@return whether any main code is configured: a command, a module or a file} */
    boolean runsCode();

    /** {@return whether file descriptor 0 is a terminal} */
    boolean stdinIsTerminal();

    /** {@return whether {@code PYTHON*} variables are read (not {@code -E} or {@code -I})} */
    boolean useEnvironment();

    /** {@return the interpreter} */
    Interpreter interpreter();

    /** {@return the runner that runs code as {@code python} would} */
    MainRunner runner();

    /** {@return the Python side of an interactive front end, for modes that are one} */
    InteractiveBackend interactive();
}
