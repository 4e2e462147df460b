package dev.pyhost.tests;

import com.google.auto.service.AutoService;
import dev.pyhost.api.spi.ExitContext;
import dev.pyhost.api.spi.ExitHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A third-party exit handler discovered through {@link java.util.ServiceLoader} from the test classes (as an
 * integrator's jar would be): when {@code PYHOST_TEST_EXIT_LOG} names a file, it appends what it was told.
 */
@AutoService(ExitHandler.class)
public final class RecordingExitHandler implements ExitHandler {
    /** Creates the handler. */
    public RecordingExitHandler() {
    }

    @Override
    public String id() {
        return "test-recording";
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public void onExit(ExitContext context) throws Exception {
        String log = System.getenv("PYHOST_TEST_EXIT_LOG");
        if (log == null) {
            return;
        }
        String line = "recording status=" + context.status().code() + " killed=" + context.status().killedBySigint()
                + " outcome=" + context.outcome().map(o -> o.getClass().getSimpleName()).orElse("none") + "\n";
        Files.writeString(Path.of(log), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
