package dev.pyhost.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.PythonVersion;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.backend.BackendRuntime;
import dev.pyhost.api.backend.InterpreterProvider;
import dev.pyhost.api.spi.InstallationLocator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every provider the lifecycle manager has gets the {@link InterpreterProvider#prepareAhead()} hint before the
 * installation is located, and a hint that throws stops nothing. A fake provider and a fake locator that record
 * the order of what they are asked (a test of the wiring; nothing is loaded).
 */
class PrepareAheadWiringTest {
    private static final PythonInstallation FAKE = new PythonInstallation(Path.of("/fake/bin/python3"),
            Path.of("/fake/lib/libpython3.13.so"), new PythonVersion(3, 13, 0), "a fake");

    /** Records the hint and the start in a shared list of events. */
    private record RecordingProvider(String id, int order, List<String> events, boolean throwing)
            implements InterpreterProvider {
        @Override
        public void prepareAhead() {
            events.add(id + " prepares");
            if (throwing) {
                throw new IllegalStateException("a broken hint");
            }
        }

        @Override
        public boolean supports(PythonInstallation installation) {
            return true;
        }

        @Override
        public BackendRuntime start(PythonInstallation installation, RuntimeConfig config) {
            events.add(id + " starts");
            return new FakeBackendRuntime(new ArrayList<>());
        }
    }

    /** Finds the fake installation, recording when it is asked. */
    private record RecordingLocator(List<String> events) implements InstallationLocator {
        @Override
        public String id() {
            return "recording";
        }

        @Override
        public int order() {
            return -1000;
        }

        @Override
        public Optional<PythonInstallation> locate(RuntimeConfig config, Map<String, String> environment) {
            events.add("locate");
            return Optional.of(FAKE);
        }
    }

    @Test
    void everyProviderIsPreparedBeforeTheInstallationIsLocated() {
        List<String> events = new ArrayList<>();
        try (PythonRuntime runtime = PythonRuntime.builder(RuntimeConfig.builder().build()).discovery(false)
                .provider(new RecordingProvider("first", 1, events, false))
                .provider(new RecordingProvider("second", 2, events, false))
                .locator(new RecordingLocator(events)).start()) {
            assertEquals("a fake", runtime.installation().origin());
        }
        assertEquals(List.of("first prepares", "second prepares", "locate", "first starts"), events);
    }

    @Test
    void aHintThatThrowsStopsNothing() {
        List<String> events = new ArrayList<>();
        try (PythonRuntime runtime = PythonRuntime.builder(RuntimeConfig.builder().build()).discovery(false)
                .provider(new RecordingProvider("broken", 1, events, true)).installation(FAKE).start()) {
            assertEquals("a fake", runtime.installation().origin());
        }
        assertEquals(List.of("broken prepares", "broken starts"), events);
    }
}
