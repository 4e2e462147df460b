package dev.pyhost.repl;

/** Automatic indentation, with the rule of CPython 3.13's REPL ({@code _pyrepl}). */
final class Indentation {
    /** The indentation step. */
    static final String STEP = "    ";

    private Indentation() {
    }

    /**
     * The text the next continuation line starts with: the leading whitespace of {@code line}, one step more
     * when the line ends with {@code :} (trailing whitespace and a comment ignored).
     *
     * @param line the line just entered
     * @return the prefix of the next line
     */
    static String next(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        String indent = line.substring(0, i);
        return endsWithColon(line) ? indent + STEP : indent;
    }

    /**
     * {@code _should_auto_indent}: whether the last character that is neither whitespace nor in a comment is a
     * colon. As in CPython, a {@code #} counts as a comment start even inside a string.
     *
     * @param line the line
     * @return whether a block opens
     */
    static boolean endsWithColon(String line) {
        char last = 0;
        boolean found = false;
        for (int pos = line.length() - 1; pos >= 0; pos--) {
            char c = line.charAt(pos);
            if (!found) {
                if (" \t\n#".indexOf(c) < 0) {
                    last = c;
                    found = true;
                }
            } else if (c == '#') {
                found = false;
                last = 0;
            }
        }
        return found && last == ':';
    }
}
