package dev.pyhost.api.spi;

import dev.pyhost.api.RunOutcome;

/**
 * Runs main code as {@code python} runs it: errors are printed as {@code PyErr_Print} prints them,
 * {@code SystemExit} becomes {@link RunOutcome.Exited}, and nothing ever ends the process. What an
 * {@link ExecutionMode} builds on; the lifecycle manager does the rest of {@code pymain_run_python} (the importer
 * probe, {@code sys.path[0]}, the banner, the inspect REPL).
 */
public interface MainRunner {
    /**
     * Runs a command in {@code __main__}, as {@code -c} does.
     *
     * @param source the source
     * @return the outcome
     */
    RunOutcome runCommand(String source);

    /**
     * Runs a module as {@code __main__}, as {@code -m} does ({@code sys.argv[0]} becomes the module's file).
     *
     * @param module the module name
     * @return the outcome
     */
    RunOutcome runModule(String module);

    /**
     * Runs a path as {@code python PATH} does: a directory or zip file through its {@code __main__} module, a
     * script or {@code .pyc} file in {@code __main__} (skipping its first line under {@code -x}).
     *
     * @param path the absolute path
     * @return the outcome; {@link RunOutcome.Failed} with status 2 when it cannot be opened
     */
    RunOutcome runPath(String path);

    /**
     * Runs standard input: as one program when it is not interactive, else as CPython's basic interactive loop.
     *
     * @return the outcome
     */
    RunOutcome runStdin();

    /**
     * Sets inspect mode (while it is on, {@code SystemExit} is printed as a traceback instead of ending the run).
     *
     * @param inspect the flag
     */
    void setInspect(boolean inspect);
}
