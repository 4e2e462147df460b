package dev.pyhost.testkit.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary folder that lives as long as a contract class: its scenarios are observed once per class, so the
 * files they name must outlive the test method that first asked for them (JUnit's {@code @TempDir} field is made
 * anew for each method).
 */
final class Scratch implements AutoCloseable {
    private Path dir;

    synchronized Path dir() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("pyhost-contract-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    @Override
    public synchronized void close() throws IOException {
        if (dir != null) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
            dir = null;
        }
    }
}
