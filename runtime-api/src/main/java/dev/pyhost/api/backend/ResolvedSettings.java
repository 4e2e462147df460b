package dev.pyhost.api.backend;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings that decide how the main module runs, as CPython resolved them after parsing the command line
 * and reading the environment: the inputs of {@code pymain_run_python}. Built with {@link #builder()}.
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
public record ResolvedSettings(
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

    /** Copies the list and checks that nothing is missing. */
    public ResolvedSettings {
        Objects.requireNonNull(runCommand, "runCommand");
        Objects.requireNonNull(runModule, "runModule");
        Objects.requireNonNull(runFilename, "runFilename");
        argv = List.copyOf(argv);
        Objects.requireNonNull(programName, "programName");
    }

    /** {@return a builder with the values of a plain {@code python3} without arguments and without a terminal} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return whether any main code is configured ({@code config_run_code})} */
    public boolean runsCode() {
        return runCommand.isPresent() || runModule.isPresent() || runFilename.isPresent();
    }

    /** {@return {@code isatty(0) || interactive}, CPython's {@code stdin_is_interactive}} */
    public boolean stdinIsInteractive() {
        return stdinIsTerminal || interactive;
    }

    /** Builds {@link ResolvedSettings}; each setter names its {@code PyConfig} field. */
    public static final class Builder {
        private String runCommand;
        private String runModule;
        private String runFilename;
        private List<String> argv = List.of("");
        private String programName = "python3";
        private boolean inspect;
        private boolean interactive;
        private boolean quiet;
        private int verbose;
        private boolean siteImport = true;
        private boolean isolated;
        private boolean safePath;
        private boolean useEnvironment = true;
        private boolean skipSourceFirstLine;
        private boolean stdinIsTerminal;

        private Builder() {
        }

        /**
         * Sets {@code run_command}.
         *
         * @param v the command, or {@code null}
         * @return this builder
         */
        public Builder runCommand(String v) {
            runCommand = v;
            return this;
        }

        /**
         * Sets {@code run_module}.
         *
         * @param v the module, or {@code null}
         * @return this builder
         */
        public Builder runModule(String v) {
            runModule = v;
            return this;
        }

        /**
         * Sets {@code run_filename}.
         *
         * @param v the path, or {@code null}
         * @return this builder
         */
        public Builder runFilename(String v) {
            runFilename = v;
            return this;
        }

        /**
         * Sets {@code argv}.
         *
         * @param v the arguments
         * @return this builder
         */
        public Builder argv(List<String> v) {
            argv = v;
            return this;
        }

        /**
         * Sets {@code program_name}.
         *
         * @param v the name
         * @return this builder
         */
        public Builder programName(String v) {
            programName = v;
            return this;
        }

        /**
         * Sets {@code inspect}.
         *
         * @param v the flag
         * @return this builder
         */
        public Builder inspect(boolean v) {
            inspect = v;
            return this;
        }

        /**
         * Sets {@code interactive}.
         *
         * @param v the flag
         * @return this builder
         */
        public Builder interactive(boolean v) {
            interactive = v;
            return this;
        }

        /**
         * Sets {@code quiet}.
         *
         * @param v the flag
         * @return this builder
         */
        public Builder quiet(boolean v) {
            quiet = v;
            return this;
        }

        /**
         * Sets {@code verbose}.
         *
         * @param v the count
         * @return this builder
         */
        public Builder verbose(int v) {
            verbose = v;
            return this;
        }

        /**
         * Sets {@code site_import}.
         *
         * @param v the flag
         * @return this builder
         */
        public Builder siteImport(boolean v) {
            siteImport = v;
            return this;
        }

        /**
         * Sets {@code isolated}.
         *
         * @param v the flag
         * @return this builder
         */
        public Builder isolated(boolean v) {
            isolated = v;
            return this;
        }

        /**
         * Sets {@code safe_path}.
         *
         * @param v the flag
         * @return this builder
         */
        public Builder safePath(boolean v) {
            safePath = v;
            return this;
        }

        /**
         * Sets {@code use_environment}.
         *
         * @param v the flag
         * @return this builder
         */
        public Builder useEnvironment(boolean v) {
            useEnvironment = v;
            return this;
        }

        /**
         * Sets {@code skip_source_first_line}.
         *
         * @param v the flag
         * @return this builder
         */
        public Builder skipSourceFirstLine(boolean v) {
            skipSourceFirstLine = v;
            return this;
        }

        /**
         * Sets whether file descriptor 0 is a terminal.
         *
         * @param v the flag
         * @return this builder
         */
        public Builder stdinIsTerminal(boolean v) {
            stdinIsTerminal = v;
            return this;
        }

        /** {@return the settings} */
        public ResolvedSettings build() {
            return new ResolvedSettings(Optional.ofNullable(runCommand), Optional.ofNullable(runModule),
                    Optional.ofNullable(runFilename), argv, programName, inspect, interactive, quiet, verbose,
                    siteImport, isolated, safePath, useEnvironment, skipSourceFirstLine, stdinIsTerminal);
        }
    }
}
