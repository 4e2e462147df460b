package dev.pyhost.testkit.differential;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One case of a conformance corpus: a JSON array of objects in the format of PyHost's conformance harness
 * ({@code conformance.py}), which runs each case's command line with the real {@code python} and with a candidate
 * and compares what they did. Strings in {@code argv}, {@code stdin}, {@code env} values and file contents may
 * hold {@code {python}} (the reference python executable) and {@code {tmp}} (the case's temporary folder);
 * {@code argv} may also hold {@code {venv_python}}.
 *
 * <pre>{@code
 * [{"id": "exit-status", "argv": ["-c", "raise SystemExit(3)"]},
 *  {"id": "script", "argv": ["{tmp}/s.py"], "files": {"s.py": "print(__name__)"}, "compare": ["rc", "stdout"]}]
 * }</pre>
 *
 * @param id the case's name
 * @param argv the arguments after the executable
 * @param stdin what to write to standard input, or {@code null} for {@code /dev/null}
 * @param stdinBytes what to write to standard input as bytes, each character one byte (U+0000-U+00FF; the JSON
 *     field {@code stdin_bytes}), used instead of {@code stdin}; or {@code null}
 * @param env variables set on top of {@link ChildEnvironment#clean()}
 * @param files files to write: path relative to the temporary folder, then UTF-8 text
 * @param byteFiles files to write byte for byte, each character one byte (U+0000-U+00FF; the JSON field
 *     {@code files_bytes}): sources in other encodings, null bytes, binary data
 * @param symlinks symbolic links to make: link, then target as written
 * @param zips zip archives to write: path, then member name and UTF-8 text
 * @param venv a folder in which to make a virtual environment with the reference python, or {@code null}
 * @param compare what to compare: some of {@code rc}, {@code stdout}, {@code stderr} and {@code stderr_tail} (the
 *        last non-blank line of standard error); {@code rc}, {@code stdout} and {@code stderr} when absent
 * @param skip why the candidate is known to differ (the case is then skipped), or {@code null}
 * @param skipVersions the {@code X.Y} versions {@code skip} is limited to; every version when empty
 */
public record ConformanceCase(
        @JsonProperty(value = "id", required = true) String id,
        @JsonProperty(value = "argv", required = true) List<String> argv,
        @JsonProperty("stdin") String stdin,
        @JsonProperty("stdin_bytes") String stdinBytes,
        @JsonProperty("env") Map<String, String> env,
        @JsonProperty("files") Map<String, String> files,
        @JsonProperty("files_bytes") Map<String, String> byteFiles,
        @JsonProperty("symlinks") Map<String, String> symlinks,
        @JsonProperty("zips") Map<String, Map<String, String>> zips,
        @JsonProperty("venv") String venv,
        @JsonProperty("compare") List<String> compare,
        @JsonProperty("pyhost_skip") String skip,
        @JsonProperty("pyhost_skip_versions") List<String> skipVersions) {

    /** What is compared when a case does not say. */
    public static final List<String> DEFAULT_COMPARE = List.of("rc", "stdout", "stderr");
    private static final Set<String> COMPARABLE = Set.of("rc", "stdout", "stderr", "stderr_tail");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Checks the case and puts empty collections where fields are absent. */
    public ConformanceCase {
        Objects.requireNonNull(id, "id");
        argv = List.copyOf(Objects.requireNonNull(argv, "argv of " + id));
        env = copy(env);
        files = copy(files);
        byteFiles = copy(byteFiles);
        symlinks = copy(symlinks);
        Map<String, Map<String, String>> z = new LinkedHashMap<>();
        if (zips != null) {
            zips.forEach((k, v) -> z.put(k, copy(v)));
        }
        zips = java.util.Collections.unmodifiableMap(z);
        compare = compare == null ? DEFAULT_COMPARE : List.copyOf(compare);
        for (String c : compare) {
            if (!COMPARABLE.contains(c)) {
                throw new IllegalArgumentException(id + ": cannot compare '" + c + "'; use " + COMPARABLE);
            }
        }
        skipVersions = skipVersions == null ? List.of() : List.copyOf(skipVersions);
    }

    /**
     * A case that runs a command line and compares everything.
     *
     * @param id the name
     * @param argv the arguments after the executable
     * @return the case
     */
    public static ConformanceCase of(String id, String... argv) {
        return new ConformanceCase(id, List.of(argv), null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * The bytes a byte string of the corpus stands for ({@code stdin_bytes}, {@code files_bytes}): each character
     * one byte.
     *
     * @param text the string
     * @return its bytes
     * @throws IllegalArgumentException when a character is above U+00FF
     */
    public static byte[] bytesOf(String text) {
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

    /**
     * Reads a corpus.
     *
     * @param json the JSON text: an array of cases
     * @return the cases, in order
     * @throws IllegalArgumentException when the text is not a corpus (the message says where)
     */
    public static List<ConformanceCase> parse(String json) {
        try {
            return List.of(JSON.readValue(json, ConformanceCase[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a conformance corpus: " + e.getOriginalMessage() + " at "
                    + e.getLocation(), e);
        }
    }

    /**
     * Reads a corpus from a file.
     *
     * @param file the file
     * @return the cases
     * @throws UncheckedIOException when it cannot be read
     */
    public static List<ConformanceCase> load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a corpus from a resource.
     *
     * @param anchor a class whose loader (or module) holds the resource
     * @param resource the resource name, as for {@link Class#getResourceAsStream(String)}
     * @return the cases
     * @throws IllegalArgumentException when the resource is missing
     */
    public static List<ConformanceCase> loadResource(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource + " beside " + anchor.getName());
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Tells why this case is skipped on a version, if it is a known divergence there.
     *
     * @param feature the {@code X.Y} version
     * @return the reason, when skipped
     */
    public Optional<String> skippedOn(String feature) {
        if (skip == null || (!skipVersions.isEmpty() && !skipVersions.contains(feature))) {
            return Optional.empty();
        }
        return Optional.of(skip);
    }

    /** {@return whether the case makes a virtual environment} */
    public boolean hasVenv() {
        return venv != null && !venv.isEmpty();
    }

    private static <V> Map<String, V> copy(Map<String, V> m) {
        return m == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
