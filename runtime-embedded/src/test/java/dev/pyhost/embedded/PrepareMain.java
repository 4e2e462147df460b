package dev.pyhost.embedded;

import java.nio.file.Path;

/** Run in child JVMs by {@link EmbeddedCPythonTest} to race on a first unpack. */
public final class PrepareMain {
    private PrepareMain() {
    }

    /**
     * Prepares the payload in the cache folder given as the only argument and prints the executable.
     *
     * @param args the cache folder
     */
    public static void main(String[] args) {
        EmbeddedCPython payload = EmbeddedCPython.payload();
        System.out.println(payload.prepare(payload.jar().orElseThrow(), Path.of(args[0])).executable());
    }
}
