package dev.pyhost.repl;

import dev.pyhost.api.spi.InteractiveBackend;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Completions from {@code rlcompleter} in {@code __main__}: inserted as they are, with no space added. */
final class PythonCompleter implements Completer {
    private final InteractiveBackend backend;

    PythonCompleter(InteractiveBackend backend) {
        this.backend = backend;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word();
        if (word.isEmpty()) {
            return;
        }
        for (String match : backend.complete(word)) {
            candidates.add(new Candidate(match, match, null, null, null, null, false));
        }
    }
}
