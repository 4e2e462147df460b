package dev.pyhost.tests;

import dev.pyhost.api.ExitStatus;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.spi.ExitContext;
import dev.pyhost.api.spi.ExitHandler;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link MainOutcomeIT} (one libpython per process): runs a command as the main module on
 * the python given as the first argument and prints, from an exit handler, the outcome of the run and the
 * traceback it carries between {@code <<<} and {@code >>>} lines, then the exit status.
 */
public final class OutcomeProbe {
    private OutcomeProbe() {
    }

    /**
     * Runs the probe.
     *
     * @param args the python executable and the command
     */
    public static void main(String[] args) {
        RuntimeConfig config = RuntimeConfig.builder().python(Path.of(args[0])).command(args[1]).build();
        try (PythonRuntime runtime = PythonRuntime.builder(config).start()) {
            runtime.atExit(new ExitHandler() {
                @Override
                public String id() {
                    return "outcome-probe";
                }

                @Override
                public void onExit(ExitContext context) {
                    RunOutcome outcome = context.outcome().orElseThrow();
                    StringBuilder out = new StringBuilder("outcome " + outcome.getClass().getSimpleName() + "\n");
                    switch (outcome) {
                        case RunOutcome.Raised r -> out.append("type ").append(r.exception().typeName())
                                .append("\n<<<\n").append(r.exception().formattedTraceback()).append(">>>\n");
                        case RunOutcome.Interrupted r -> out.append("type ").append(r.exception().typeName())
                                .append("\n<<<\n").append(r.exception().formattedTraceback()).append(">>>\n");
                        default -> { }
                    }
                    System.out.print(out);
                    System.out.flush();
                }
            }, null);
            ExitStatus status = runtime.runMain();
            System.out.println("status " + status.code() + (status.killedBySigint() ? " (SIGINT)" : ""));
        }
    }
}
