package dev.pyhost.repl;

import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The history file in the format CPython writes: one entry a line, UTF-8; the lines of a multi-line entry are
 * joined with {@code \r\n} (CPython 3.13's REPL does so, and GNU readline keeps the {@code \r} as text).
 */
final class HistoryFile {
    private static final System.Logger LOG = System.getLogger(HistoryFile.class.getName());

    private final Path path;

    /**
     * Creates the file handle (nothing is read or written yet).
     *
     * @param path the file
     */
    HistoryFile(Path path) {
        this.path = path;
    }

    /**
     * Where the history lives, as {@code site.gethistoryfile()} decides: {@code PYTHON_HISTORY} unless the
     * environment is ignored, else {@code ~/.python_history} ({@code ~} from {@code HOME}, as Python expands it).
     *
     * @param env the process environment
     * @param useEnvironment whether {@code PYTHON*} variables are read
     * @return the path
     */
    static Path locate(Map<String, String> env, boolean useEnvironment) {
        String home = env.getOrDefault("HOME", "");
        if (home.isEmpty()) {
            home = System.getProperty("user.home");
        }
        String configured = useEnvironment ? env.getOrDefault("PYTHON_HISTORY", "") : "";
        if (!configured.isEmpty()) {
            if (configured.equals("~") || configured.startsWith("~/")) {
                configured = home + configured.substring(1);
            }
            return Path.of(configured);
        }
        return Path.of(home, ".python_history");
    }

    /** {@return the file} */
    Path path() {
        return path;
    }

    /** {@return the entries, oldest first; none when the file cannot be read} */
    List<String> load() {
        byte[] data;
        try {
            data = Files.readAllBytes(path);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "no history read from {0}: {1}", path, e);
            return List.of();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(java.nio.ByteBuffer.wrap(data))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return List.of();
        }
        return parse(text);
    }

    /**
     * Splits the text of a history file into entries, as {@code _pyrepl.readline.read_history_file} does.
     *
     * @param text the file's text
     * @return the entries
     */
    static List<String> parse(String text) {
        List<String> entries = new ArrayList<>();
        StringBuilder continued = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.endsWith("\r")) {
                continued.append(line, 0, line.length() - 1).append('\n');
                continue;
            }
            String entry = continued + line;
            continued.setLength(0);
            if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /**
     * The line an entry takes in the file.
     *
     * @param entry the entry
     * @return the line, with its final newline
     */
    static String format(String entry) {
        return entry.replace("\n", "\r\n") + "\n";
    }

    /**
     * Appends an entry; a failure (read-only home, missing directory) is logged and ignored, as CPython ignores
     * it.
     *
     * @param entry the entry
     */
    void append(String entry) {
        try {
            Files.writeString(path, format(entry), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "history not written to {0}: {1}", path, e);
        }
    }
}
