package dev.pyhost.bench;

import dev.pyhost.api.PythonRuntime;

/**
 * The README's quick-start service as a whole application, for the whole-process benchmark: the JVM starts, a
 * runtime starts, {@code eval("1+1")} is printed, the runtime closes, the JVM exits. {@code bin/bench} times it
 * from the outside against {@code python3 -c "print(1+1)"}.
 */
public final class QuickStart {
    private QuickStart() {
    }

    /**
     * Runs it.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        long start = System.nanoTime();
        try (PythonRuntime python = PythonRuntime.builder(Runtimes.SERVICE).start()) {
            Object result = python.interpreter().eval("1+1");
            long first = System.nanoTime() - start;
            System.out.println(result);
            if (Boolean.getBoolean(REPORT)) {
                System.err.printf("first runtime: %.1f ms%n", first / 1e6);
            }
        }
    }

    /**
     * The property that makes it print, on stderr, the milliseconds from the start of {@code main} to the first
     * {@code eval} result: the first runtime's start inside a JVM that already runs, with the JVM's own start left
     * out (its own classes, the native linker and the plug-ins are still used for the first time).
     */
    static final String REPORT = "pyhost.bench.firstRuntime";
}
