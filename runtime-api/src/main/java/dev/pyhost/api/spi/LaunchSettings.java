package dev.pyhost.api.spi;

import java.util.List;
import java.util.Optional;

/**
 * The settings that decide how the main module runs, as CPython resolved them (after parsing the command line
 * and reading the environment): the inputs of {@code pymain_run_python}.
 *
 * @param runCommand {@code -c}
 * @param runModule {@code -m}
 * @param runFilename the script, directory or zip (absolute, as CPython makes it)
 * @param argv {@code sys.argv} as configured
 * @param programName the program name used in messages such as {@code can't open file}
 * @param inspect {@code -i} or {@code PYTHONINSPECT}
 * @param interactive {@code -i}: standard input counts as interactive
 * @param quiet {@code -q}
 * @param verbose {@code -v} count
 * @param siteImport whether {@code site} was imported
 * @param isolated {@code -I}
 * @param safePath {@code -P} (on 3.10, the same as isolated)
 * @param useEnvironment whether {@code PYTHON*} variables are read
 * @param skipSourceFirstLine {@code -x}
 * @param stdinIsTerminal whether file descriptor 0 is a terminal
 */
public record LaunchSettings(
        Optional<String> runCommand,
        Optional<String> runModule,
        Optional<String> runFilename,
        List<String> argv,
        String programName,
        boolean inspect,
        boolean interactive,
        boolean quiet,
        int verbose,
        boolean siteImport,
        boolean isolated,
        boolean safePath,
        boolean useEnvironment,
        boolean skipSourceFirstLine,
        boolean stdinIsTerminal) {

    /** Copies the list. */
    public LaunchSettings {
        argv = List.copyOf(argv);
    }

    /** {@return whether any main code is configured ({@code config_run_code})} */
    public boolean runsCode() {
        return runCommand.isPresent() || runModule.isPresent() || runFilename.isPresent();
    }

    /** {@return {@code isatty(0) || interactive}, CPython's {@code stdin_is_interactive}} */
    public boolean stdinIsInteractive() {
        return stdinIsTerminal || interactive;
    }
}
