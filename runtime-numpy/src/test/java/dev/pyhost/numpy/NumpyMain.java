package dev.pyhost.numpy;

import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;

/** Run in a child JVM by {@link NumpyIT}: starts the default runtime and runs the Python code given as argument. */
public final class NumpyMain {
    private NumpyMain() {
    }

    /**
     * Runs {@code args[0]} as {@code -c} in the runtime the locator chain picks, prints where it came from.
     *
     * @param args the code
     */
    public static void main(String[] args) {
        RuntimeConfig config = RuntimeConfig.builder().command(args[0]).build();
        int code;
        try (PythonRuntime python = PythonRuntime.builder(config).start()) {
            System.out.println("origin: " + python.installation().origin());
            System.out.flush();
            code = python.runMain().code();
        }
        System.exit(code);
    }
}
