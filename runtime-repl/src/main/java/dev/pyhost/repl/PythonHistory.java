package dev.pyhost.repl;

import java.time.Instant;
import org.jline.reader.impl.history.DefaultHistory;

/**
 * JLine's in-memory history, filled only by the REPL: with whole statements as they were run (not the raw lines
 * JLine would add) and with the entries of the history file. The file itself is written by {@link HistoryFile}.
 */
final class PythonHistory extends DefaultHistory {
    private boolean recording;

    @Override
    public void add(Instant time, String line) {
        if (recording) {
            super.add(time, line);
        }
    }

    /**
     * Adds an entry.
     *
     * @param entry the entry
     */
    void record(String entry) {
        recording = true;
        try {
            super.add(Instant.now(), entry);
        } finally {
            recording = false;
        }
    }
}
