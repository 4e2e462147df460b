package dev.pyhost.repl;

import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.spi.InteractiveBackend;
import dev.pyhost.api.spi.InteractiveBackend.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The read-check-run loop of the REPL, independent of the terminal: prompts re-read from {@code sys.ps1} and
 * {@code sys.ps2} each time, lines accumulated until the backend (CPython's {@code codeop} rules) says the
 * statement is complete, automatic indentation of continuation lines, and multi-line input (a paste or a recalled
 * history entry) split into top-level statements.
 */
final class ReplLoop {
    /** CPython 3.13+'s prompt colour ({@code _colorize.ANSIColors.BOLD_MAGENTA}). */
    static final String PROMPT_COLOUR = "\u001b[1;35m";
    /** {@code _colorize.ANSIColors.RESET}. */
    static final String RESET = "\u001b[0m";

    private static final Pattern CONTINUES_STATEMENT = Pattern.compile("(else|elif|except|finally)\\b.*", Pattern.DOTALL);

    private final InteractiveBackend backend;
    private final Console console;
    private final boolean colour;
    private final List<String> pending = new ArrayList<>();
    private String prefill = "";

    /**
     * Creates the loop.
     *
     * @param backend the Python side
     * @param console the terminal side
     * @param colour whether prompts are coloured as CPython 3.13+ colours them
     */
    ReplLoop(InteractiveBackend backend, Console console, boolean colour) {
        this.backend = backend;
        this.console = console;
        this.colour = colour;
    }

    /**
     * Runs until Ctrl-D on an empty line ({@link RunOutcome.Completed}) or a {@code SystemExit}
     * ({@link RunOutcome.Exited}).
     *
     * @return how the REPL ended
     */
    RunOutcome run() {
        while (true) {
            String continuation = backend.prompt(true);
            String prompt = pending.isEmpty() ? backend.prompt(false) : continuation;
            Input input = console.read(decorate(prompt), decorate(continuation), prefill);
            Optional<RunOutcome> end = switch (input) {
                case Input.Interrupt() -> {
                    pending.clear();
                    prefill = "";
                    backend.interruptedInput();
                    console.normalMode();
                    yield Optional.empty();
                }
                case Input.End() -> {
                    console.normalMode();
                    console.endOfInput();
                    yield pending.isEmpty() ? Optional.of(new RunOutcome.Completed()) : execute(Verdict.INCOMPLETE);
                }
                case Input.Line(String text) -> accept(text);
            };
            if (end.isPresent()) {
                return end.get();
            }
        }
    }

    private String decorate(String prompt) {
        return colour && !prompt.isEmpty() ? PROMPT_COLOUR + prompt + RESET : prompt;
    }

    private Optional<RunOutcome> accept(String text) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        return lines.length == 1 ? typed(lines[0]) : block(lines);
    }

    /** One typed line: exactly the rules of CPython's interactive loop. */
    private Optional<RunOutcome> typed(String line) {
        if (pending.isEmpty() && blankOrComment(line)) {
            prefill = "";
            return Optional.empty();
        }
        pending.add(line);
        Verdict verdict = backend.check(source());
        if (verdict == Verdict.INCOMPLETE) {
            prefill = Indentation.next(line);
            return Optional.empty();
        }
        return execute(verdict);
    }

    /**
     * Several lines at once (a paste, a recalled multi-line entry): a line at column 0 that does not continue a
     * compound statement ({@code else}, {@code except}...) starts a new statement once the one before it can
     * end, so blank lines inside a block do not cut it; each top-level statement runs on its own, as typed.
     */
    private Optional<RunOutcome> block(String[] lines) {
        for (String line : lines) {
            if (pending.isEmpty()) {
                if (!blankOrComment(line)) {
                    pending.add(line);
                }
                continue;
            }
            if (startsStatement(line)) {
                Verdict verdict = backend.check(source() + "\n");
                if (verdict != Verdict.INCOMPLETE) {
                    Optional<RunOutcome> end = execute(verdict);
                    if (end.isPresent()) {
                        return end;
                    }
                }
            }
            pending.add(line);
        }
        if (pending.isEmpty()) {
            prefill = "";
            return Optional.empty();
        }
        Verdict verdict = backend.check(source());
        if (verdict == Verdict.INCOMPLETE) {
            prefill = Indentation.next(lastNonBlank());
            return Optional.empty();
        }
        return execute(verdict);
    }

    /**
     * Runs the pending statement and remembers it. The backend takes the statement as given and adds it to
     * Python's own history as well, so what is remembered is exactly the statement that ran, without its final
     * newline. A complete statement runs without the blank lines that ended it (they end it, they are not part of
     * it); an invalid or unfinished one runs as typed, so that Python reports the error where it is.
     *
     * @param verdict the backend's verdict on the pending lines
     */
    private Optional<RunOutcome> execute(Verdict verdict) {
        List<String> lines = new ArrayList<>(pending);
        pending.clear();
        prefill = "";
        while (verdict == Verdict.COMPLETE && lines.size() > 1 && lines.getLast().isBlank()) {
            lines.removeLast();
        }
        String statement = String.join("\n", lines);
        console.remember(statement);
        console.normalMode();
        RunOutcome outcome = backend.execute(statement + "\n");
        return outcome instanceof RunOutcome.Exited ? Optional.of(outcome) : Optional.empty();
    }

    private String source() {
        return String.join("\n", pending) + "\n";
    }

    private String lastNonBlank() {
        for (int i = pending.size() - 1; i >= 0; i--) {
            if (!pending.get(i).isBlank()) {
                return pending.get(i);
            }
        }
        return "";
    }

    /** A line the prompt skips: CPython's tokenizer ignores blank and comment lines before a statement. */
    static boolean blankOrComment(String line) {
        String s = line.strip();
        return s.isEmpty() || s.startsWith("#");
    }

    private static boolean startsStatement(String line) {
        return !line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && line.charAt(0) != '#'
                && !CONTINUES_STATEMENT.matcher(line).matches();
    }
}
