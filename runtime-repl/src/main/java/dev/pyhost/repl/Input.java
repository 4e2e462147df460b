package dev.pyhost.repl;

/** What one read from the terminal produced. */
sealed interface Input {
    /**
     * The text typed, pasted or recalled (one or more lines separated by {@code \n}, without a final newline).
     *
     * @param text the text
     */
    record Line(String text) implements Input {
    }

    /** Ctrl-C while the line was being edited. */
    record Interrupt() implements Input {
    }

    /** Ctrl-D on an empty line. */
    record End() implements Input {
    }
}
