package dev.pyhost.core;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.ProviderException;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.api.spi.InteractiveMode;
import dev.pyhost.api.spi.LaunchSettings;
import dev.pyhost.api.spi.MainContext;
import dev.pyhost.api.spi.MainRunner;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The body of CPython's {@code pymain_run_python}, in Java: the importer probe, {@code readline}, the first
 * {@code sys.path} entry, the banner, the choice of execution mode, and the inspect-mode REPL after it (run by an
 * {@link InteractiveMode} when standard input is a terminal and one applies, else by the basic loop).
 */
final class MainSequence {
    private static final System.Logger LOG = System.getLogger(MainSequence.class.getName());

    /** What the body produced: the outcome of the mode and the status before finalization. */
    record Result(RunOutcome outcome, int status) {
    }

    private MainSequence() {
    }

    static Result run(RuntimeConfig config, LaunchSettings settings, Interpreter interpreter, MainRunner runner,
            Plugins<ExecutionMode> modes, Path cwd) {
        Optional<String> importerPath = settings.runFilename().flatMap(runner::importerPath);
        if (!settings.isolated() && !(!settings.inspect() && settings.runsCode()) && settings.stdinIsTerminal()) {
            runner.importReadline();
        }
        if (importerPath.isPresent()) {
            runner.prependSysPath(importerPath.get());
        } else if (!settings.safePath()) {
            SysPath0.compute(settings.argv(), cwd).ifPresent(runner::prependSysPath);
        }
        if (!settings.quiet()
                && (settings.verbose() > 0 || (!settings.runsCode() && settings.stdinIsInteractive()))) {
            runner.printHeader();
        }
        MainContext context = new Context(config, settings, interpreter, runner, importerPath);
        ExecutionMode mode = modes.ordered().stream()
                .filter(m -> m.appliesTo(context))
                .findFirst()
                .orElseThrow(() -> new ProviderException("No execution mode applies to this run. Candidates:\n"
                        + modes.describe(m -> m.id() + " (order " + m.order() + ")")));
        LOG.log(System.Logger.Level.DEBUG, "running the main module with mode {0}", mode.id());
        RunOutcome outcome = mode.run(context);
        if (outcome == null) {
            throw new ProviderException("Execution mode '" + mode.id() + "' returned no outcome");
        }
        int status = bodyStatus(outcome);
        if (outcome instanceof RunOutcome.Exited && !mode.replMayFollowSystemExit()) {
            return new Result(outcome, status);
        }
        boolean inspect = settings.inspect() || runner.inspectRequestedByEnvironment();
        if (inspect && settings.stdinIsInteractive() && settings.runsCode()) {
            runner.setInspect(false);
            Optional<InteractiveMode> terminal = inspectMode(modes, context);
            LOG.log(System.Logger.Level.DEBUG, "inspect REPL: {0}",
                    terminal.map(ExecutionMode::id).orElse("basic loop"));
            RunOutcome repl = terminal.isPresent() ? terminal.get().inspect(context) : runner.runInspectLoop();
            if (repl == null) {
                throw new ProviderException(
                        "Execution mode '" + terminal.get().id() + "' returned no inspect outcome");
            }
            return new Result(outcome, bodyStatus(repl));
        }
        return new Result(outcome, status);
    }

    /**
     * The front end of the inspect REPL on a terminal: the first {@link InteractiveMode}, by order, that accepts
     * this run; none when standard input is not a terminal (the basic loop keeps CPython's exact behaviour there).
     */
    private static Optional<InteractiveMode> inspectMode(Plugins<ExecutionMode> modes, MainContext context) {
        if (!context.settings().stdinIsTerminal()) {
            return Optional.empty();
        }
        return modes.ordered().stream()
                .filter(InteractiveMode.class::isInstance)
                .map(InteractiveMode.class::cast)
                .filter(m -> m.inspectAppliesTo(context))
                .findFirst();
    }

    /** The status a runner reports: a printed exception or interrupt is 1, as in {@code pymain_run_command}. */
    static int bodyStatus(RunOutcome outcome) {
        return switch (outcome) {
            case RunOutcome.Interrupted _ -> 1;
            default -> outcome.status();
        };
    }

    private record Context(RuntimeConfig config, LaunchSettings settings, Interpreter interpreter, MainRunner runner,
            Optional<String> importerPath) implements MainContext {
    }
}
