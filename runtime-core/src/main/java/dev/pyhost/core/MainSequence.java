package dev.pyhost.core;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.ProviderException;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.backend.MainSteps;
import dev.pyhost.api.backend.ResolvedSettings;
import dev.pyhost.api.backend.StartupTrace;
import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.api.spi.InteractiveBackend;
import dev.pyhost.api.spi.InteractiveMode;
import dev.pyhost.api.spi.MainContext;
import dev.pyhost.api.spi.MainRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The body of CPython's {@code pymain_run_python}, in Java: the importer probe, {@code readline}, the first
 * {@code sys.path} entry, the banner, the choice of execution mode, and the inspect-mode REPL after it (run by an
 * {@link InteractiveMode} when standard input is a terminal and one applies, else by the basic loop).
 */
final class MainSequence {
    /** What the body produced: the outcome of the mode and the status before finalization. */
    record Result(RunOutcome outcome, int status) {
    }

    private MainSequence() {
    }

    static Result run(RuntimeConfig config, ResolvedSettings settings, Interpreter interpreter, MainSteps steps,
            Plugins<ExecutionMode> modes, Path cwd) {
        Optional<String> importerPath = settings.runFilename().flatMap(steps::importerPath);
        if (!settings.isolated() && !(!settings.inspect() && settings.runsCode()) && settings.stdinIsTerminal()) {
            steps.importReadline();
        }
        if (importerPath.isPresent()) {
            steps.prependSysPath(importerPath.get());
        } else if (!settings.safePath()) {
            SysPath0.compute(settings.argv(), cwd).ifPresent(steps::prependSysPath);
        }
        if (!settings.quiet()
                && (settings.verbose() > 0 || (!settings.runsCode() && settings.stdinIsInteractive()))) {
            steps.printHeader();
        }
        MainContext context = new Context(config, settings, interpreter, new Runner(steps, settings, importerPath),
                steps, importerPath);
        ExecutionMode mode = modes.ordered().stream()
                .filter(m -> m.appliesTo(context))
                .findFirst()
                .orElseThrow(() -> new ProviderException("No execution mode applies to this run. Candidates:\n"
                        + modes.describe(m -> m.id() + " (order " + m.order() + ")")));
        StartupTrace.mark("execution mode chosen", mode.id());
        RunOutcome outcome = mode.run(context);
        if (outcome == null) {
            throw new ProviderException("Execution mode '" + mode.id() + "' returned no outcome");
        }
        if (outcome instanceof RunOutcome.Exited && !mode.replMayFollowSystemExit()) {
            return new Result(outcome, outcome.status());
        }
        boolean inspect = settings.inspect() || steps.inspectRequestedByEnvironment();
        if (inspect && settings.stdinIsInteractive() && settings.runsCode()) {
            steps.setInspect(false);
            RunOutcome repl = inspectOnTerminal(modes, context).orElseGet(steps::runInspectLoop);
            return new Result(outcome, repl.status());
        }
        return new Result(outcome, outcome.status());
    }

    /**
     * The inspect REPL on a terminal: the first {@link InteractiveMode}, by order, that accepts this run; none when
     * standard input is not a terminal (the basic loop keeps CPython's exact behaviour there) or the mode declines.
     */
    private static Optional<RunOutcome> inspectOnTerminal(Plugins<ExecutionMode> modes, MainContext context) {
        if (!context.stdinIsTerminal()) {
            return Optional.empty();
        }
        Optional<InteractiveMode> terminal = modes.ordered().stream()
                .filter(InteractiveMode.class::isInstance)
                .map(InteractiveMode.class::cast)
                .filter(m -> m.inspectAppliesTo(context))
                .findFirst();
        Log.LOG.log(System.Logger.Level.DEBUG, "inspect REPL: {0}", terminal.map(ExecutionMode::id).orElse("basic loop"));
        if (terminal.isEmpty()) {
            return Optional.empty();
        }
        Optional<RunOutcome> repl = terminal.get().inspect(context);
        if (repl == null) {
            throw new ProviderException("Execution mode '" + terminal.get().id() + "' returned no inspect outcome");
        }
        return repl;
    }

    /** The narrow runner of the modes over the steps of the backend. */
    private record Runner(MainSteps steps, ResolvedSettings settings, Optional<String> importerPath)
            implements MainRunner {
        @Override
        public RunOutcome runCommand(String source) {
            return steps.runCommand(source);
        }

        @Override
        public RunOutcome runModule(String module) {
            return steps.runModule(module, true);
        }

        @Override
        public RunOutcome runPath(String path) {
            if (importerPath.isPresent() && importerPath.get().equals(path)) {
                return steps.runModule("__main__", false);
            }
            return steps.runFile(path, settings.skipSourceFirstLine());
        }

        @Override
        public RunOutcome runStdin() {
            return steps.runStdin();
        }

        @Override
        public void setInspect(boolean inspect) {
            steps.setInspect(inspect);
        }
    }

    private record Context(RuntimeConfig config, ResolvedSettings settings, Interpreter interpreter, MainRunner runner,
            MainSteps steps, Optional<String> directoryOrZip) implements MainContext {
        @Override
        public Optional<String> command() {
            return settings.runCommand();
        }

        @Override
        public Optional<String> module() {
            return settings.runModule();
        }

        @Override
        public Optional<String> file() {
            return directoryOrZip.isPresent() ? Optional.empty() : settings.runFilename();
        }

        @Override
        public List<String> argv() {
            return settings.argv();
        }

        @Override
        public boolean runsCode() {
            return settings.runsCode();
        }

        @Override
        public boolean stdinIsTerminal() {
            return settings.stdinIsTerminal();
        }

        @Override
        public boolean useEnvironment() {
            return settings.useEnvironment();
        }

        @Override
        public InteractiveBackend interactive() {
            return steps.interactive();
        }
    }

    /** Holds the logger, created on first use: creating one starts the JDK's logging back end. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(MainSequence.class.getName());
    }
}
