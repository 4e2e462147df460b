package dev.pyhost.repl;

import dev.pyhost.api.spi.InteractiveBackend;
import java.io.IOException;
import java.util.Optional;
import org.jline.keymap.KeyMap;
import org.jline.reader.Buffer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.MaskingCallback;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp;

/**
 * The {@link Console} over a JLine 3 system terminal.
 *
 * <p>Signals: the terminal is built without native signal handlers, so {@code SIGINT} stays with CPython (Ctrl-C
 * while Python code runs raises {@code KeyboardInterrupt} there). While a line is edited, {@code ISIG} is turned
 * off as well, so Ctrl-C arrives as a key and only discards the line; before Python code runs the terminal is back
 * in the mode it had ({@link #normalMode()}), so that code (such as {@code help()} and its pager, or
 * {@code input()}) sees a normal terminal.
 */
final class JLineConsole implements Console, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(JLineConsole.class.getName());
    private static final String INTERRUPT = "python-interrupt";
    private static final String TAB = "python-tab";

    private final Terminal terminal;
    private final LineReader reader;
    private final PythonHistory history;
    private final HistoryFile file;
    private Attributes normal;

    private JLineConsole(Terminal terminal, InteractiveBackend backend, HistoryFile file) {
        this.terminal = terminal;
        this.file = file;
        this.history = new PythonHistory();
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("python")
                .parser(new PythonParser())
                .completer(new PythonCompleter(backend))
                .history(history)
                .variable(LineReader.HISTORY_SIZE, 100_000)
                .variable(LineReader.BLINK_MATCHING_PAREN, 0)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_TIMESTAMPED, false)
                .option(LineReader.Option.HISTORY_REDUCE_BLANKS, false)
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, false)
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, false)
                .option(LineReader.Option.HISTORY_INCREMENTAL, false)
                .option(LineReader.Option.COMPLETE_MATCHER_TYPO, false)
                .option(LineReader.Option.BRACKETED_PASTE, true)
                .option(LineReader.Option.INSERT_TAB, false)
                .build();
        reader.getWidgets().put(INTERRUPT, () -> {
            throw new UserInterruptException(reader.getBuffer().toString());
        });
        reader.getWidgets().put(TAB, this::tab);
        for (String name : new String[] {LineReader.EMACS, LineReader.VIINS, LineReader.MAIN}) {
            KeyMap<org.jline.reader.Binding> map = reader.getKeyMaps().get(name);
            if (map != null) {
                map.bind(new Reference(INTERRUPT), KeyMap.ctrl('C'));
                map.bind(new Reference(TAB), "\t");
            }
        }
        for (String entry : file.load()) {
            history.record(entry);
        }
    }

    /**
     * Opens the process's terminal.
     *
     * @param backend the Python side (for completions)
     * @param file the history file
     * @return the console, or empty when no capable system terminal is available
     */
    static Optional<JLineConsole> open(InteractiveBackend backend, HistoryFile file) {
        Terminal terminal;
        try {
            terminal = TerminalBuilder.builder()
                    .system(true)
                    .nativeSignals(false)
                    .providers("ffm,exec")
                    .dumb(true)
                    .build();
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.DEBUG, "no JLine terminal: {0}", e);
            return Optional.empty();
        }
        if (Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
            LOG.log(System.Logger.Level.DEBUG, "the terminal is dumb: using the basic loop");
            closeQuietly(terminal);
            return Optional.empty();
        }
        LOG.log(System.Logger.Level.DEBUG, "JLine terminal {0} ({1})", terminal.getName(), terminal.getType());
        return Optional.of(new JLineConsole(terminal, backend, file));
    }

    /** Tab: indentation at the start of a line (where {@code rlcompleter} offers a tab), else completion. */
    private boolean tab() {
        Buffer buffer = reader.getBuffer();
        int start = buffer.cursor();
        while (start > 0 && buffer.atChar(start - 1) != '\n') {
            start--;
        }
        if (buffer.substring(start, buffer.cursor()).isBlank()) {
            buffer.write(Indentation.STEP);
            return true;
        }
        reader.callWidget(LineReader.COMPLETE_WORD);
        return true;
    }

    @Override
    public Input read(String prompt, String continuationPrompt, String prefill) {
        reader.setVariable(LineReader.SECONDARY_PROMPT_PATTERN, escape(continuationPrompt));
        if (normal == null) {
            normal = terminal.getAttributes();
            Attributes editing = new Attributes(normal);
            editing.setLocalFlag(Attributes.LocalFlag.ISIG, false);
            terminal.setAttributes(editing);
        }
        try {
            String line = reader.readLine(escape(prompt), null, (MaskingCallback) null,
                    prefill.isEmpty() ? null : prefill);
            return new Input.Line(line);
        } catch (UserInterruptException e) {
            // JLine has already ended the line; CPython's "\nKeyboardInterrupt\n" ends it itself.
            terminal.puts(InfoCmp.Capability.cursor_up);
            return new Input.Interrupt();
        } catch (EndOfFileException e) {
            return new Input.End();
        } finally {
            terminal.flush();
        }
    }

    /**
     * Gives the terminal back the mode it had before editing (signals on). Until then Ctrl-C stays a key: JLine
     * resets {@code SIGINT} to its default disposition after each line, and CPython's handler is only installed
     * again by the backend's next check or run.
     */
    @Override
    public void normalMode() {
        if (normal != null) {
            terminal.setAttributes(normal);
            normal = null;
        }
    }

    /** JLine expands {@code %} sequences in prompts; a Python prompt is literal text. */
    private static String escape(String prompt) {
        return prompt.replace("%", "%%");
    }

    @Override
    public void remember(String entry) {
        history.record(entry);
        file.append(entry);
    }

    @Override
    public void endOfInput() {
        // JLine ends the line itself when it reports the end of input: nothing more to print.
        terminal.flush();
    }

    @Override
    public void close() {
        normalMode();
        closeQuietly(terminal);
    }

    private static void closeQuietly(Terminal terminal) {
        try {
            terminal.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the terminal: {0}", e);
        }
    }
}
