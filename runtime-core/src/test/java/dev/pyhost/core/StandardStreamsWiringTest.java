package dev.pyhost.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.PythonVersion;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.StandardStreams;
import dev.pyhost.api.backend.BackendRuntime;
import dev.pyhost.api.backend.InterpreterProvider;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The streams chosen on the builder reach the interpreter provider, and an embedding gets
 * {@link StandardStreams#java()} when it chooses none. A fake provider that records what it was given (a test of
 * the wiring; nothing is loaded).
 */
class StandardStreamsWiringTest {
    /** Records the streams each start was given. */
    private static final class RecordingProvider implements InterpreterProvider {
        final List<StandardStreams> given = new ArrayList<>();

        @Override
        public String id() {
            return "recording";
        }

        @Override
        public int order() {
            return 0;
        }

        @Override
        public boolean supports(PythonInstallation installation) {
            return true;
        }

        @Override
        public BackendRuntime start(PythonInstallation installation, RuntimeConfig config) {
            throw new AssertionError("the lifecycle manager should pass the streams");
        }

        @Override
        public BackendRuntime start(PythonInstallation installation, RuntimeConfig config, StandardStreams streams) {
            given.add(streams);
            return new FakeBackendRuntime(new ArrayList<>());
        }
    }

    private static PythonRuntime start(RecordingProvider provider, StandardStreams streams) {
        PythonRuntime.Builder builder = PythonRuntime.builder(RuntimeConfig.builder().build()).discovery(false)
                .provider(provider).installation(new PythonInstallation(Path.of("/fake/bin/python3"),
                        Path.of("/fake/lib/libpython3.13.so"), new PythonVersion(3, 13, 0), "a fake"));
        if (streams != null) {
            builder.standardStreams(streams);
        }
        return builder.start();
    }

    @Test
    void theBuildersStreamsReachTheProvider() {
        RecordingProvider provider = new RecordingProvider();
        StandardStreams streams = StandardStreams.java().withStdout(StandardStreams.Output.of(
                new ByteArrayOutputStream()));
        try (PythonRuntime runtime = start(provider, streams)) {
            assertEquals("a fake", runtime.installation().origin());
            assertEquals(List.of(streams), provider.given);
        }
        try (PythonRuntime runtime = start(provider, StandardStreams.inherit())) {
            assertEquals("a fake", runtime.installation().origin());
            assertSame(StandardStreams.inherit(), provider.given.get(1));
        }
    }

    @Test
    void anEmbeddingDefaultsToJavasStreams() {
        RecordingProvider provider = new RecordingProvider();
        try (PythonRuntime runtime = start(provider, null)) {
            assertEquals("a fake", runtime.installation().origin());
            assertSame(StandardStreams.java(), provider.given.getFirst());
        }
    }
}
