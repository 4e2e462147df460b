package dev.pyhost.embedded;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The payload was built for {@code --prefix=/home/runner/.../cppbuild/PLATFORM}; the files that record that prefix
 * as text ({@code sysconfig}'s data, {@code build-details.json}, the {@code Makefile} and {@code python-config.py})
 * are rewritten for the real folder, so that {@code sysconfig}, {@code venv} and {@code pip} see where CPython is.
 *
 * <p>The rewrite works on bytes and writes the folder's name in UTF-8, the encoding of Python source and JSON,
 * whatever the JVM's default charset; inside Python and JSON string literals a quote or backslash of the name is
 * escaped. A name with a control character (a newline...) cannot be written into these files and is refused.
 */
final class BuildPrefix {
    /** The prefix the payload was built with, without the platform. */
    private static final String BUILD_ROOT = "/home/runner/work/javacpp-presets/javacpp-presets/cpython/cppbuild/";

    private BuildPrefix() {
    }

    /**
     * Whether a file records the build prefix as text.
     *
     * @param rel its path relative to the unpacked folder
     * @return true when it is rewritten
     */
    static boolean applies(String rel) {
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        return name.startsWith("_sysconfigdata_") || name.startsWith("_sysconfig_vars_")
                || name.equals("build-details.json") || name.equals("Makefile") || name.equals("python-config.py");
    }

    /**
     * Tells why a folder cannot be written into the build configuration files, if it cannot.
     *
     * @param prefix the folder
     * @return the reason, or empty
     */
    static Optional<String> unsupported(String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.of("its name contains a control character (U+%04X), which CPython's build "
                        .formatted((int) c) + "configuration files cannot hold");
            }
        }
        return Optional.empty();
    }

    /**
     * Rewrites the build prefix in one file's content.
     *
     * @param rel the file, relative to the unpacked folder
     * @param content its content
     * @param platform the payload's platform
     * @param prefix the real folder
     * @return the new content
     */
    static byte[] rewrite(String rel, byte[] content, String platform, String prefix) {
        byte[] from = (BUILD_ROOT + platform).getBytes(StandardCharsets.US_ASCII);
        String escaped = rel.endsWith(".py") ? escape(prefix, true) : rel.endsWith(".json") ? escape(prefix, false)
                : prefix;
        byte[] to = escaped.getBytes(StandardCharsets.UTF_8);
        byte[] toInComment = prefix.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 1024);
        int lineStart = 0;
        int i = 0;
        while (i < content.length) {
            if (content[i] == '\n') {
                lineStart = i + 1;
            }
            if (matches(content, i, from)) {
                // A '#' comment of a Python file (the shebang of python-config.py) holds the name verbatim.
                boolean comment = rel.endsWith(".py") && content[lineStart] == '#';
                out.writeBytes(comment ? toInComment : to);
                i += from.length;
            } else {
                out.write(content[i]);
                i++;
            }
        }
        return out.toByteArray();
    }

    private static boolean matches(byte[] content, int at, byte[] what) {
        if (at + what.length > content.length) {
            return false;
        }
        for (int j = 0; j < what.length; j++) {
            if (content[at + j] != what[j]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Escapes a name for a string literal: Python accepts {@code \'} and {@code \"} in both quotings, JSON only
     * {@code \"}.
     */
    private static String escape(String s, boolean python) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '"' || (python && c == '\'')) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
