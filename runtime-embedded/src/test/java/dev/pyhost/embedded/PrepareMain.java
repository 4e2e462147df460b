package dev.pyhost.embedded;

import dev.pyhost.api.PyHostException;
import java.nio.file.Path;

/** Run in child JVMs by the tests: prepares the payload and prints the executable, or the failure. */
public final class PrepareMain {
    /** The exit status when preparing throws a {@link PyHostException}. */
    static final int FAILED = 3;

    private PrepareMain() {
    }

    /**
     * Prepares the payload in the cache folder given as the only argument (or the one the environment names, with
     * no argument) and prints the executable; on a {@link PyHostException}, prints its kind and message and exits
     * with {@link #FAILED}.
     *
     * @param args the cache folder, or nothing
     */
    public static void main(String[] args) {
        try {
            EmbeddedCPython payload = EmbeddedCPython.payload();
            Path root = args.length > 0 ? Path.of(args[0]) : EmbeddedCPython.cacheRoot(System.getenv());
            System.out.println(payload.prepare(payload.jar().orElseThrow(), root).executable());
        } catch (PyHostException e) {
            System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(FAILED);
        }
    }
}
