package dev.pyhost.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.StandardStreams;
import dev.pyhost.api.backend.RuntimeOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Wiring of the bounded finalization, with a fake backend (no Python): {@code close()} gives the backend the
 * builder's finalize timeout, {@code runMain()} and {@code shutdown()} none (as {@code Py_RunMain}, Python waits
 * for its non-daemon threads; runtime-cdi bounds {@code shutdown()} itself), and {@code abandoned()} reports what
 * the backend left running.
 */
class BoundedFinalizeTest {
    private final List<String> log = new ArrayList<>();

    private PythonRuntime runtime(FakeBackendRuntime fake) {
        RuntimeOptions options = new RuntimeOptions(RuntimeConfig.builder().build(), false, false, false, false,
                getClass().getClassLoader(), Map.of(), Path.of("").toAbsolutePath(), null, List.of(), List.of(),
                List.of(), List.of(), PythonRuntime.JvmShutdown.NOTHING, Duration.ofSeconds(5), Duration.ofMillis(1234),
                StandardStreams.inherit());
        return new ManagedRuntime(options, fake,
                Plugins.of(CoreRuntimeFactory.MODES, CoreRuntimeFactory.builtinModes(), false,
                        getClass().getClassLoader(), List.of()),
                Plugins.of(CoreRuntimeFactory.EXIT_HANDLERS, List.of(), false, getClass().getClassLoader(), List.of()));
    }

    @Test
    void closeIsBoundedByTheFinalizeTimeoutAndReportsWhatWasLeft() {
        FakeBackendRuntime fake = new FakeBackendRuntime(log);
        PythonRuntime rt = runtime(fake);
        assertEquals(List.of(), rt.abandoned(), "nothing before finalization");
        fake.abandoned = List.of("<Thread(sleeper, started 1)>");
        rt.close();
        assertEquals(Duration.ofMillis(1234), fake.bounds.getFirst());
        assertEquals(List.of("<Thread(sleeper, started 1)>"), rt.abandoned());
    }

    @Test
    void shutdownIsNotBounded() {
        FakeBackendRuntime fake = new FakeBackendRuntime(log);
        runtime(fake).shutdown();
        assertEquals(1, fake.bounds.size());
        assertNull(fake.bounds.getFirst(), "runtime-cdi bounds shutdown() itself and leaves running code alone");
    }

    @Test
    void runMainWaitsAsPyRunMainDoes() {
        FakeBackendRuntime fake = new FakeBackendRuntime(log);
        fake.steps.outcome = new RunOutcome.Completed();
        PythonRuntime rt = runtime(fake);
        rt.runMain();
        rt.close();
        assertNull(fake.bounds.getFirst(), "no bound on the finalization that runMain does");
        assertEquals(List.of("python atexit", "finalized"), log, "finalized once");
    }
}
