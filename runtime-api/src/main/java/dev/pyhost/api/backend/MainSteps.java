package dev.pyhost.api.backend;

import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.spi.InteractiveBackend;
import java.util.Optional;

/**
 * The steps of CPython's {@code pymain_run_python}, each with CPython's exact behaviour: errors are printed as
 * {@code PyErr_Print} prints them, {@code SystemExit} is decoded, and nothing ever ends the process. The
 * lifecycle manager drives them; execution modes see only the narrow {@link dev.pyhost.api.spi.MainRunner}.
 */
public interface MainSteps {
    /**
     * The importer probe: whether {@code sys.path_hooks} accept the path (a directory or a zip file).
     *
     * @param path the absolute path of the main file
     * @return the path to use as {@code sys.path[0]} and run {@code __main__} from, or empty for a plain file
     */
    Optional<String> importerPath(String path);

    /**
     * Inserts an entry at the front of {@code sys.path}.
     *
     * @param entry the entry
     */
    void prependSysPath(String entry);

    /** Imports {@code readline} and {@code rlcompleter}, ignoring import errors. */
    void importReadline();

    /** Prints the version banner on standard error, as the interactive {@code python} does. */
    void printHeader();

    /**
     * Runs a command in {@code __main__}, as {@code -c} does.
     *
     * @param source the source
     * @return the outcome
     */
    RunOutcome runCommand(String source);

    /**
     * Runs a module as {@code __main__} through {@code runpy._run_module_as_main}.
     *
     * @param module the module name ({@code __main__} for directories and zip files)
     * @param setArgv0 whether {@code sys.argv[0]} becomes the module's file
     * @return the outcome
     */
    RunOutcome runModule(String module, boolean setArgv0);

    /**
     * Runs a script file (source or {@code .pyc}) in {@code __main__}.
     *
     * @param path the absolute path
     * @param skipFirstLine {@code -x}
     * @return the outcome; {@link RunOutcome.Failed} with status 2 when it cannot be opened
     */
    RunOutcome runFile(String path, boolean skipFirstLine);

    /**
     * Runs standard input: as one program when it is not interactive, else as CPython's interactive loop
     * (after {@code PYTHONSTARTUP} and {@code sys.__interactivehook__}).
     *
     * @return the outcome
     */
    RunOutcome runStdin();

    /**
     * Enters CPython's basic interactive loop after the main code, as inspect mode does.
     *
     * @return the outcome of the loop
     */
    RunOutcome runInspectLoop();

    /**
     * Re-reads {@code PYTHONINSPECT} from the live process environment, as CPython does after the main code.
     *
     * @return whether inspect mode was requested
     */
    boolean inspectRequestedByEnvironment();

    /**
     * Sets inspect mode (while it is on, {@code SystemExit} is printed as a traceback instead of ending the run).
     *
     * @param inspect the flag
     */
    void setInspect(boolean inspect);

    /** {@return the operations a terminal front end (a REPL) needs} */
    InteractiveBackend interactive();

    /**
     * {@return whether the interpreter records an unhandled {@code KeyboardInterrupt}, as CPython's flag that
     * {@code Py_RunMain} reads; callable before and after finalization, from any thread}
     */
    boolean unhandledKeyboardInterrupt();
}
