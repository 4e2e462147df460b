package dev.pyhost.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One case of a conformance corpus ({@code cases.json}), with the fields of
 * {@code /work/shared/conformance/conformance.py} plus PyHost's own {@code pyhost_skip} and
 * {@code pyhost_skip_versions}.
 *
 * @param id the case's name
 * @param argv the arguments after the python executable
 * @param stdin what to feed the standard input, or {@code null} for {@code /dev/null}
 * @param stdinBytes what to feed the standard input as bytes, each character one byte (U+0000-U+00FF; the JSON field
 *     {@code stdin_bytes}), used instead of {@code stdin}; or {@code null}
 * @param env variables to set on top of the cleaned environment
 * @param files files to write (path relative to the temporary folder, then UTF-8 text)
 * @param byteFiles files to write byte for byte, each character one byte (U+0000-U+00FF; the JSON field
 *     {@code files_bytes}): sources with other encodings, null bytes, binary data
 * @param symlinks symbolic links to make (link, then target as written)
 * @param zips zip archives to write (path, then member name and text)
 * @param venv the folder of a virtual environment to make with the reference python, or {@code null}
 * @param compare what to compare: some of {@code rc}, {@code stdout}, {@code stderr}, {@code stderr_tail}
 * @param skipReason why PyHost is known to differ, or {@code null} when the case runs
 * @param skipVersions the {@code X.Y} versions the skip is limited to; empty for all
 */
record ConformanceCase(
        String id,
        List<String> argv,
        String stdin,
        String stdinBytes,
        Map<String, String> env,
        Map<String, String> files,
        Map<String, String> byteFiles,
        Map<String, String> symlinks,
        Map<String, Map<String, String>> zips,
        String venv,
        List<String> compare,
        String skipReason,
        List<String> skipVersions) {

    private static final List<String> DEFAULT_COMPARE = List.of("rc", "stdout", "stderr");

    /**
     * Loads a corpus from the class path.
     *
     * @param resource the resource name, such as {@code /conformance/cases.json}
     * @return its cases, in order
     */
    static List<ConformanceCase> load(String resource) {
        String text;
        try (InputStream in = ConformanceCase.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource + " on the class path");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(Json.parse(text) instanceof List<?> list)) {
            throw new IllegalArgumentException(resource + ": expected a JSON array of cases");
        }
        List<ConformanceCase> cases = new ArrayList<>();
        for (Object item : list) {
            cases.add(of(item));
        }
        return List.copyOf(cases);
    }

    /**
     * Reads one case from its parsed JSON object.
     *
     * @param json the object
     * @return the case
     * @throws IllegalArgumentException if a field is missing or of the wrong kind
     */
    static ConformanceCase of(Object json) {
        if (!(json instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a case must be a JSON object: " + json);
        }
        String id = string(map, "id", null);
        if (id == null) {
            throw new IllegalArgumentException("a case lacks its id: " + json);
        }
        List<String> argv = stringList(map, "argv", id);
        if (argv == null) {
            throw new IllegalArgumentException(id + ": no argv");
        }
        Map<String, Map<String, String>> zips = new LinkedHashMap<>();
        if (map.get("zips") instanceof Map<?, ?> z) {
            for (Map.Entry<?, ?> e : z.entrySet()) {
                zips.put(String.valueOf(e.getKey()), stringMap(e.getValue(), id + ".zips"));
            }
        } else if (map.get("zips") != null) {
            throw new IllegalArgumentException(id + ": zips must be an object");
        }
        List<String> compare = stringList(map, "compare", id);
        List<String> skipVersions = stringList(map, "pyhost_skip_versions", id);
        return new ConformanceCase(id, argv, string(map, "stdin", id), string(map, "stdin_bytes", id),
                stringMap(map.get("env"), id + ".env"), stringMap(map.get("files"), id + ".files"),
                stringMap(map.get("files_bytes"), id + ".files_bytes"), stringMap(map.get("symlinks"), id + ".symlinks"),
                Collections.unmodifiableMap(zips), string(map, "venv", id),
                compare == null ? DEFAULT_COMPARE : compare, string(map, "pyhost_skip", id),
                skipVersions == null ? List.of() : skipVersions);
    }

    /**
     * Tells why this case is not run on a version, if it is a known divergence there.
     *
     * @param feature the {@code X.Y} version
     * @return the reason, if the case is skipped there
     */
    Optional<String> skippedOn(String feature) {
        if (skipReason == null || (!skipVersions.isEmpty() && !skipVersions.contains(feature))) {
            return Optional.empty();
        }
        return Optional.of(skipReason);
    }

    /**
     * A string whose characters are bytes (U+0000-U+00FF) as those bytes.
     *
     * @param text the string
     * @return its bytes
     * @throws IllegalArgumentException if a character is above U+00FF
     */
    static byte[] latin1(String text) {
        byte[] out = new byte[text.length()];
        for (int i = 0; i < out.length; i++) {
            char ch = text.charAt(i);
            if (ch > 0xff) {
                throw new IllegalArgumentException("a byte string holds U+" + Integer.toHexString(ch));
            }
            out[i] = (byte) ch;
        }
        return out;
    }

    /** {@return whether the case makes a virtual environment (a non-empty {@code venv}, as Python's truth test)} */
    boolean hasVenv() {
        return venv != null && !venv.isEmpty();
    }

    private static String string(Map<?, ?> map, String key, String id) {
        Object v = map.get(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new IllegalArgumentException(id + ": " + key + " must be a string");
    }

    private static List<String> stringList(Map<?, ?> map, String key, String id) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException(id + ": " + key + " must be a list");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw new IllegalArgumentException(id + ": " + key + " must hold strings");
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    private static Map<String, String> stringMap(Object v, String what) {
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(what + " must be an object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new IllegalArgumentException(what + "." + e.getKey() + " must be a string");
            }
            out.put(String.valueOf(e.getKey()), s);
        }
        return Collections.unmodifiableMap(out);
    }
}
