package dev.pyhost.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * Line handling as the Python conformance harness does it: {@code str.splitlines()}, the last non-blank line, and
 * a unified diff in the layout of {@code difflib.unified_diff}.
 */
final class TextDiff {
    /** Above this many cells, the middle of two texts is shown as replaced wholesale instead of diffed. */
    private static final long MAX_CELLS = 4_000_000L;

    private TextDiff() {
    }

    /**
     * Splits text into lines like Python's {@code str.splitlines()}: at {@code \n}, {@code \r}, {@code \r\n},
     * {@code \v}, {@code \f}, {@code \x1c}, {@code \x1d}, {@code \x1e}, {@code \x85}, {@code \u2028} and
     * {@code \u2029}, without the separators; no final empty line.
     *
     * @param text the text
     * @return its lines
     */
    static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (isLineBreak(c)) {
                lines.add(text.substring(start, i));
                i += (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') ? 2 : 1;
                start = i;
            } else {
                i++;
            }
        }
        if (start < n) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static boolean isLineBreak(char c) {
        return switch (c) {
            case '\n', '\r', '\u000b', '\u000c', '\u001c', '\u001d', '\u001e', '\u0085', '\u2028', '\u2029' -> true;
            default -> false;
        };
    }

    /**
     * The harness's {@code tail(text)}: the last line that is not blank by Python's {@code str.strip()}, or the
     * empty string.
     *
     * @param text the text
     * @return that line
     */
    static String lastNonBlankLine(String text) {
        List<String> lines = splitLines(text);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!isBlank(lines.get(i))) {
                return lines.get(i);
            }
        }
        return "";
    }

    /** Whether Python's {@code s.strip()} would be empty: every character is whitespace by {@code str.isspace}. */
    private static boolean isBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085')) {
                return false;
            }
        }
        return true;
    }

    /**
     * A unified diff from {@code expected} to {@code got}, with one line of context, in the layout of Python's
     * {@code difflib.unified_diff(..., "expected", "got", lineterm="", n=1)}.
     *
     * @param expected the expected lines
     * @param got the actual lines
     * @return the diff lines, empty when the inputs are equal
     */
    static List<String> unifiedDiff(List<String> expected, List<String> got) {
        List<int[]> ops = editScript(expected, got); // each {kind, aIndex, bIndex}; kind 0 equal, 1 delete, 2 insert
        List<String> out = new ArrayList<>();
        int context = 1;
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i)[0] == 0) {
                i++;
                continue;
            }
            int hunkStart = i;
            for (int k = 0; k < context && hunkStart > 0 && ops.get(hunkStart - 1)[0] == 0; k++) {
                hunkStart--;
            }
            int j = i;
            while (true) {
                while (j < ops.size() && ops.get(j)[0] != 0) {
                    j++;
                }
                int equalRun = 0;
                while (j + equalRun < ops.size() && ops.get(j + equalRun)[0] == 0) {
                    equalRun++;
                }
                if (j + equalRun < ops.size() && equalRun <= 2 * context) {
                    j += equalRun; // a short gap: the next change joins this hunk
                    continue;
                }
                j += Math.min(equalRun, context);
                break;
            }
            int aStart = -1;
            int bStart = -1;
            int aLen = 0;
            int bLen = 0;
            List<String> body = new ArrayList<>();
            for (int k = hunkStart; k < j; k++) {
                int[] op = ops.get(k);
                if (aStart < 0) {
                    aStart = op[1];
                    bStart = op[2];
                }
                switch (op[0]) {
                    case 0 -> {
                        body.add(" " + expected.get(op[1]));
                        aLen++;
                        bLen++;
                    }
                    case 1 -> {
                        body.add("-" + expected.get(op[1]));
                        aLen++;
                    }
                    default -> {
                        body.add("+" + got.get(op[2]));
                        bLen++;
                    }
                }
            }
            if (out.isEmpty()) {
                out.add("--- expected");
                out.add("+++ got");
            }
            out.add("@@ -" + range(aStart, aLen) + " +" + range(bStart, bLen) + " @@");
            out.addAll(body);
            i = j;
        }
        return out;
    }

    private static String range(int start, int length) {
        int beginning = start + 1;
        if (length == 1) {
            return Integer.toString(beginning);
        }
        if (length == 0) {
            beginning--;
        }
        return beginning + "," + length;
    }

    /**
     * A shortest edit script by longest common subsequence; each entry is {kind, index in a, index in b}, where
     * the indices are those of the next line of each side (for an insertion, {@code aIndex} is where it goes).
     */
    private static List<int[]> editScript(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        int n = a.size() - prefix - suffix;
        int m = b.size() - prefix - suffix;
        List<int[]> ops = new ArrayList<>();
        for (int k = 0; k < prefix; k++) {
            ops.add(new int[] {0, k, k});
        }
        if ((long) n * m > MAX_CELLS || n == 0 || m == 0) {
            for (int k = 0; k < n; k++) {
                ops.add(new int[] {1, prefix + k, prefix});
            }
            for (int k = 0; k < m; k++) {
                ops.add(new int[] {2, prefix + n, prefix + k});
            }
        } else {
            int[][] lcs = new int[n + 1][m + 1];
            for (int x = n - 1; x >= 0; x--) {
                for (int y = m - 1; y >= 0; y--) {
                    lcs[x][y] = a.get(prefix + x).equals(b.get(prefix + y))
                            ? lcs[x + 1][y + 1] + 1
                            : Math.max(lcs[x + 1][y], lcs[x][y + 1]);
                }
            }
            int x = 0;
            int y = 0;
            while (x < n || y < m) {
                if (x < n && y < m && a.get(prefix + x).equals(b.get(prefix + y))) {
                    ops.add(new int[] {0, prefix + x, prefix + y});
                    x++;
                    y++;
                } else if (y >= m || (x < n && lcs[x + 1][y] >= lcs[x][y + 1])) {
                    ops.add(new int[] {1, prefix + x, prefix + y});
                    x++;
                } else {
                    ops.add(new int[] {2, prefix + x, prefix + y});
                    y++;
                }
            }
        }
        for (int k = 0; k < suffix; k++) {
            ops.add(new int[] {0, a.size() - suffix + k, b.size() - suffix + k});
        }
        return ops;
    }
}
