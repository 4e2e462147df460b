package dev.pyhost.api.spi;

import dev.pyhost.api.RunOutcome;
import java.util.List;
import java.util.OptionalInt;

/**
 * The Python side of an interactive front end such as a terminal REPL: prompts, CPython's rules for when a
 * statement is complete, running one statement as CPython's interactive loop runs it, and completion. The
 * front end owns the terminal (line editing, history, keys); every Python decision is made here.
 */
public interface InteractiveBackend {
    /** What {@link #check} decided. */
    enum Verdict {
        /** The statement is complete: run it. */
        COMPLETE,
        /** More lines are needed: prompt with {@code sys.ps2}. */
        INCOMPLETE,
        /** The input cannot become valid: run it anyway, so the error is reported as CPython reports it. */
        INVALID
    }

    /**
     * The prompt, re-read every time: {@code str(sys.ps1)} or {@code str(sys.ps2)}, set to {@code ">>> "} and
     * {@code "... "} when absent.
     *
     * @param continuation whether a statement is being continued
     * @return the prompt text
     */
    String prompt(boolean continuation);

    /**
     * Decides whether the lines typed so far form a complete statement, as CPython's interactive loop does
     * (a compound statement ends with an empty line).
     *
     * @param source the lines so far, each ending with a newline
     * @return the verdict
     */
    Verdict check(String source);

    /**
     * Compiles the statement in {@code single} mode as {@code <stdin>} and runs it in {@code __main__}
     * (expression values go through {@code sys.displayhook}); an error is printed as {@code PyErr_Print}
     * prints it. The source is also added to {@code readline}'s history when that module is loaded.
     *
     * @param source the statement
     * @return the outcome; {@link RunOutcome.Exited} means the REPL must end with that status
     */
    RunOutcome execute(String source);

    /**
     * Completions as {@code rlcompleter} computes them in the namespace of {@code __main__}.
     *
     * @param text the word being completed
     * @return the candidates (callables end with {@code (})
     */
    List<String> complete(String text);

    /**
     * Runs what CPython runs before an interactive session on standard input: {@code PYTHONSTARTUP} (when
     * {@code startup}) and {@code sys.__interactivehook__}.
     *
     * @param startup whether to run {@code PYTHONSTARTUP}
     * @return an exit status when a {@code SystemExit} ended the run there, else empty
     */
    OptionalInt beforeSession(boolean startup);

    /**
     * Reports an interrupt typed while a line was being edited, as CPython prints it.
     */
    void interruptedInput();

    /** {@return whether the 3.13+ colour rules ({@code _colorize.can_colorize()}) allow colour on stdout} */
    boolean colour();
}
