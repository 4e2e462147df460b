package dev.pyhost.tests;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the PyHost checkout under test is, and its {@code bin/pyhost}: what these suites test that the kit cannot know. */
final class Checkout {
    private Checkout() {
    }

    /**
     * Finds the PyHost checkout: the nearest folder, from the working directory up, that holds {@code bin/pyhost}.
     *
     * @return its absolute path
     * @throws IllegalStateException if no such folder exists
     */
    static Path root() {
        Path start = Path.of("").toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bin").resolve("pyhost"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder holding bin/pyhost at or above " + start);
    }

    /**
     * Finds the {@code bin/pyhost} launcher of the checkout.
     *
     * @return its absolute path
     * @throws IllegalStateException if the checkout cannot be found
     */
    static Path launcher() {
        return root().resolve("bin").resolve("pyhost");
    }
}
