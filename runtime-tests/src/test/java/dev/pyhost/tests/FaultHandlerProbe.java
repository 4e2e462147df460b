package dev.pyhost.tests;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link NativeFaultsIT}: an embedding that enables Python's {@code faulthandler} and then
 * does ordinary Java work that the JVM implements with {@code SIGSEGV} (implicit null checks of compiled code,
 * thrown as {@code NullPointerException}) and allocates heavily, while a Python thread allocates too. The JVM needs
 * its own {@code SIGSEGV} handler for that; without signal chaining, {@code faulthandler.enable()} replaces it and
 * the first implicit null check ends the process as a "Fatal Python error: Segmentation fault". Prints
 * {@code key<TAB>value} lines.
 */
public final class FaultHandlerProbe {
    private static volatile int[] sink;

    private FaultHandlerProbe() {
    }

    /**
     * Runs the workload.
     *
     * @param args python executable, rounds
     */
    public static void main(String[] args) {
        Path python = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        RuntimeConfig config = RuntimeConfig.builder(RuntimeConfig.Profile.PYTHON).python(python).build();
        long npes = 0;
        try (PythonRuntime runtime = PythonRuntime.builder(config).start()) {
            Interpreter py = runtime.interpreter();
            py.exec("""
                    import faulthandler, threading
                    faulthandler.enable(file=2)
                    stop = False
                    def churn():
                        while not stop:
                            [bytearray(64) for _ in range(2000)]
                    worker = threading.Thread(target=churn)
                    worker.start()
                    """);
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < 20_000; i++) {
                    sink = new int[i % 512];
                    try {
                        npes += length(i % 7 == 0 ? null : sink);
                    } catch (NullPointerException e) {
                        npes++;
                    }
                }
                py.eval("sum(range(1000))");
            }
            System.out.println("enabled\t" + py.eval("faulthandler.is_enabled()"));
            py.exec("stop = True\nworker.join()");
        }
        System.out.println("npes\t" + (npes > 0));
        System.out.println("done\ttrue");
    }

    private static int length(int[] a) {
        return a.length;
    }
}
