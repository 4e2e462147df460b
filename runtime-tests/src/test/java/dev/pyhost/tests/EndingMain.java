package dev.pyhost.tests;

import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link ProcessEndingCallsIT}: an embedding that runs one statement, printing a line before
 * and after it, from its exit handler and from a JVM shutdown hook, so the test sees which of them ran.
 */
public final class EndingMain {
    private EndingMain() {
    }

    /**
     * Runs the statement.
     *
     * @param args the python executable and the statement
     */
    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook")));
        RuntimeConfig config = RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED).python(Path.of(args[0])).build();
        try (PythonRuntime runtime = PythonRuntime.builder(config).start()) {
            runtime.atExit(context -> System.out.println("exit handler"));
            System.out.println("before");
            System.out.flush();
            runtime.interpreter().exec(args[1]);
            System.out.println("after");
        }
    }
}
