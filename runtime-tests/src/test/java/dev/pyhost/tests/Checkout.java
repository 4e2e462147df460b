package dev.pyhost.tests;

import dev.pyhost.testkit.differential.ChildEnvironment;
import dev.pyhost.testkit.differential.ChildProcess;
import dev.pyhost.testkit.differential.InstalledPythons;
import dev.pyhost.testkit.differential.InstalledPythons.InstalledPython;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assertions;

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

    /**
     * Runs {@code bin/pyhost -c pass} once, so that a first-use build of the launcher (and its AOT cache) happens
     * here and not inside the standard error of the first case a differential suite compares.
     */
    static synchronized void warmLauncher() {
        List<InstalledPython> pythons = InstalledPythons.installed();
        if (pythons.isEmpty()) {
            return;
        }
        Path launcher = launcher();
        ChildEnvironment env = ChildEnvironment.clean()
                .with("PYHOST_PYTHON", pythons.getFirst().executable().toString());
        ChildProcess.Result r = ChildProcess.run(List.of(launcher.toString(), "-c", "pass"), root(), env, null,
                Duration.ofMinutes(15));
        if (r.timedOut() || r.status() != 0) {
            Assertions.fail(launcher + " -c pass failed (status " + r.status() + (r.timedOut() ? ", timed out" : "")
                    + "); the launcher cannot run:\n" + r.stdoutText() + r.stderrText());
        }
    }
}
