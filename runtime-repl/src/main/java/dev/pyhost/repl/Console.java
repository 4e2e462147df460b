package dev.pyhost.repl;

/** The terminal side of the REPL: reading a line with editing, and the history. */
interface Console {
    /**
     * Reads one input.
     *
     * @param prompt the prompt, already decorated
     * @param continuationPrompt the prompt shown before the second and later lines of a multi-line buffer
     * @param prefill the text the line starts with (automatic indentation), possibly empty
     * @return what was read
     */
    Input read(String prompt, String continuationPrompt, String prefill);

    /**
     * Adds a statement to the history (in memory and in the history file).
     *
     * @param entry the statement, lines separated by {@code \n}
     */
    void remember(String entry);

    /** Puts the terminal back in its normal mode before Python code runs (the editor may have changed it). */
    void normalMode();

    /** Ends the current line after Ctrl-D, as CPython prints a newline before leaving. */
    void endOfInput();
}
