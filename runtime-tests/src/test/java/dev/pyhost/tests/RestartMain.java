package dev.pyhost.tests;

import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Run in a child JVM by {@link RestartIT}: starts a runtime, imports the given modules, closes it, and does the
 * same again in the same process, printing one line per round ({@code round N ok}) or the refusal.
 */
public final class RestartMain {
    private RestartMain() {
    }

    /**
     * Runs two rounds.
     *
     * @param args the python executable, then module names
     */
    public static void main(String[] args) {
        RuntimeConfig config = RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED).python(Path.of(args[0])).build();
        for (int round = 0; round < 2; round++) {
            try (PythonRuntime runtime = PythonRuntime.builder(config).start()) {
                for (String module : Arrays.asList(args).subList(1, args.length)) {
                    runtime.interpreter().importModule(module).close();
                }
                System.out.println("round " + round + " ok");
            } catch (LifecycleException e) {
                System.out.println("refused: " + e.getMessage());
            }
        }
    }
}
