package dev.pyhost.cpython;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/** The logger target of the standard streams: one record per line, whatever the writes' boundaries. */
class StandardStreamsLineLogTest {
    /** A fake logger that keeps the records (a test of the wiring; no Python here). */
    private static final class FakeLogger implements System.Logger {
        final List<String> records = new ArrayList<>();

        @Override
        public String getName() {
            return "fake";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            records.add(level + " " + msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            records.add(level + " " + format);
        }
    }

    @Test
    void oneRecordPerLineAcrossWrites() {
        FakeLogger logger = new FakeLogger();
        StandardStreamsBridge.LineLog log = new StandardStreamsBridge.LineLog(logger, System.Logger.Level.INFO);
        log.write("a");
        log.write("b\nc\n\nd {0}");
        assertEquals(List.of("INFO ab", "INFO c", "INFO "), logger.records);
        log.write("e\r\n");
        assertEquals("INFO d {0}e\r", logger.records.get(3), "the text as written, placeholders not formatted");
        log.write("tail");
        log.finish();
        log.finish();
        assertEquals(List.of("INFO ab", "INFO c", "INFO ", "INFO d {0}e\r", "INFO tail"), logger.records);
    }
}
