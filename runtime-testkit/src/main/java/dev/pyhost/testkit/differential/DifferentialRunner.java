package dev.pyhost.testkit.differential;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs {@link ConformanceCase}s with the real {@code python} and with a candidate command, and compares what they
 * did, as PyHost's conformance harness does: a fresh temporary folder per case holding its files, links, zips and
 * virtual environment; both processes run in it with the same cleaned environment and standard input (the
 * candidate with extra variables, such as {@code PYHOST_PYTHON} naming the reference python); the exit statuses
 * (a death by signal is {@code -N}) and the outputs are compared after the temporary folder's path becomes
 * {@code <TMP>} and memory addresses {@code 0xADDR}.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> sameAsPython() {
 *     return DifferentialRunner.forPyHostLauncher(Path.of("bin/pyhost"))
 *             .dynamicTests(ConformanceCase.loadResource(getClass(), "/cases.json"));
 * }
 * }</pre>
 */
public final class DifferentialRunner {
    /** How long each process may run by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_DIFF_LINES = 60;
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{6,}");

    private final List<String> candidate;
    private final Function<Path, Map<String, String>> candidateEnvironment;
    private final Duration timeout;

    private DifferentialRunner(List<String> candidate, Function<Path, Map<String, String>> candidateEnvironment,
            Duration timeout) {
        this.candidate = List.copyOf(candidate);
        this.candidateEnvironment = Objects.requireNonNull(candidateEnvironment, "candidateEnvironment");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * A runner for a candidate command.
     *
     * @param candidate the command that stands for {@code python} (a path and any leading arguments)
     * @param candidateEnvironment extra variables for the candidate, given the reference python executable
     * @return the runner
     */
    public static DifferentialRunner of(List<String> candidate,
            Function<Path, Map<String, String>> candidateEnvironment) {
        if (candidate.isEmpty()) {
            throw new IllegalArgumentException("the candidate command is empty");
        }
        return new DifferentialRunner(candidate, candidateEnvironment, DEFAULT_TIMEOUT);
    }

    /**
     * A runner for PyHost's {@code bin/pyhost} (or any launcher that reads {@code PYHOST_PYTHON}): the candidate
     * embeds the reference python itself.
     *
     * @param launcher the launcher
     * @return the runner
     */
    public static DifferentialRunner forPyHostLauncher(Path launcher) {
        return of(List.of(launcher.toAbsolutePath().toString()), python -> Map.of("PYHOST_PYTHON", python.toString()));
    }

    /**
     * Changes how long each process may run.
     *
     * @param perProcess the bound; a process past it is killed and the case fails
     * @return a runner with that bound
     */
    public DifferentialRunner withTimeout(Duration perProcess) {
        return new DifferentialRunner(candidate, candidateEnvironment, perProcess);
    }

    /**
     * What one case did with both programs.
     *
     * @param conformanceCase the case
     * @param argv the arguments, after substitution
     * @param referencePython the reference executable that ran
     * @param reference what the reference did
     * @param candidate what the candidate did
     * @param differences what differed, one paragraph each; empty when the case passes
     */
    public record Comparison(ConformanceCase conformanceCase, List<String> argv, Path referencePython,
            ChildProcess.Result reference, ChildProcess.Result candidate, List<String> differences) {
        /** {@return whether the candidate did what the reference did, as far as the case compares} */
        public boolean same() {
            return differences.isEmpty();
        }

        /** {@return a readable account of the differences, for a test failure} */
        public String report() {
            return "case " + conformanceCase.id() + ": the candidate differs from " + referencePython + "\n  argv: "
                    + argv + "\n  exit statuses: python " + reference.status() + ", candidate " + candidate.status()
                    + " (compared: " + conformanceCase.compare() + ")\n" + String.join("\n", differences);
        }
    }

    /**
     * Runs a case and compares.
     *
     * @param c the case
     * @param referencePython the real python executable
     * @return the comparison
     * @throws UncheckedIOException when the temporary folder cannot be prepared
     */
    public Comparison run(ConformanceCase c, Path referencePython) {
        Path tmp;
        try {
            tmp = Files.createTempDirectory("conf-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return run(c, referencePython.toAbsolutePath().normalize().toString(), tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(tmp);
        }
    }

    /**
     * Runs a case and fails the calling test with the report when the candidate differs.
     *
     * @param c the case
     * @param referencePython the real python executable
     */
    public void assertSame(ConformanceCase c, Path referencePython) {
        Comparison comparison = run(c, referencePython);
        if (!comparison.same()) {
            Assertions.fail(comparison.report());
        }
    }

    /**
     * One container of tests per supported CPython minor version (3.10 to 3.14), one test per case in each, run
     * against the installed CPython of that version ({@link InstalledPythons}). An absent version shows as one
     * skipped test that says where it was looked for; a case skipped on a version shows as skipped with its reason.
     *
     * @param cases the corpus
     * @return the tests, for a {@code @TestFactory}
     */
    public Stream<DynamicNode> dynamicTests(List<ConformanceCase> cases) {
        return InstalledPythons.everyVersion(python -> {
            String feature = python.version().feature();
            return cases.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> {
                Optional<String> skip = c.skippedOn(feature);
                if (skip.isPresent()) {
                    Assumptions.abort("known divergence: " + skip.get());
                }
                assertSame(c, python.executable());
            })).toList();
        });
    }

    private Comparison run(ConformanceCase c, String python, Path tmpPath) throws IOException {
        String tmp = tmpPath.toString();
        build(c, tmpPath, python);
        String refPython = c.hasVenv() ? tmpPath.resolve(c.venv()).resolve("bin").resolve("python").toString() : python;
        List<String> argv = new ArrayList<>();
        for (String a : c.argv()) {
            argv.add(substitute(a, python, tmp).replace("{venv_python}", refPython));
        }
        byte[] stdin = c.stdinBytes() != null ? ConformanceCase.bytesOf(c.stdinBytes())
                : c.stdin() == null ? null : substitute(c.stdin(), python, tmp).getBytes(StandardCharsets.UTF_8);
        Map<String, String> extra = new LinkedHashMap<>();
        c.env().forEach((k, v) -> extra.put(k, substitute(v, python, tmp)));
        ChildEnvironment env = ChildEnvironment.clean().withAll(extra);

        List<String> refCmd = new ArrayList<>(List.of(refPython));
        refCmd.addAll(argv);
        ChildProcess.Result ref = ChildProcess.run(refCmd, tmpPath, env, stdin, timeout);
        List<String> candCmd = new ArrayList<>(candidate);
        candCmd.addAll(argv);
        ChildProcess.Result got = ChildProcess.run(candCmd, tmpPath,
                env.withAll(candidateEnvironment.apply(Path.of(refPython))), stdin, timeout);

        String real = tmpPath.toRealPath().toString();
        List<String> what = c.compare();
        List<String> diffs = new ArrayList<>();
        if (ref.timedOut() || got.timedOut()) {
            diffs.add("  timed out after " + timeout.toSeconds() + " s (then killed):" + (ref.timedOut() ? " python" : "")
                    + (got.timedOut() ? " candidate" : ""));
        }
        if (what.contains("rc") && ref.status() != got.status()) {
            diffs.add("  exit status: expected " + ref.status() + ", got " + got.status());
        }
        compareStream(diffs, "stdout", what.contains("stdout"), false, normalize(ref.stdout(), real, tmp),
                normalize(got.stdout(), real, tmp));
        boolean tail = what.contains("stderr_tail");
        compareStream(diffs, "stderr", what.contains("stderr") || tail, tail, normalize(ref.stderr(), real, tmp),
                normalize(got.stderr(), real, tmp));
        return new Comparison(c, List.copyOf(argv), Path.of(refPython), ref, got, List.copyOf(diffs));
    }

    private static void compareStream(List<String> diffs, String name, boolean compared, boolean lastLineOnly,
            String expected, String got) {
        if (!compared) {
            return;
        }
        if (lastLineOnly) {
            expected = lastNonBlankLine(expected);
            got = lastNonBlankLine(got);
        }
        if (expected.equals(got)) {
            return;
        }
        List<String> a = Arrays.asList(expected.split("\n", -1));
        List<String> b = Arrays.asList(got.split("\n", -1));
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("python", "candidate", a, DiffUtils.diff(a, b), 3);
        StringBuilder sb = new StringBuilder("  " + name + " differs" + (lastLineOnly ? " (last non-blank line)" : "")
                + ":");
        if (diff.isEmpty()) {
            sb.append("\n    expected: ").append(quote(expected)).append("\n    got:      ").append(quote(got));
        }
        for (int k = 0; k < Math.min(diff.size(), MAX_DIFF_LINES); k++) {
            sb.append("\n    ").append(diff.get(k));
        }
        if (diff.size() > MAX_DIFF_LINES) {
            sb.append("\n    ... ").append(diff.size() - MAX_DIFF_LINES).append(" more diff lines");
        }
        diffs.add(sb.toString());
    }

    private static String lastNonBlankLine(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.getLast();
    }

    private static String substitute(String s, String python, String tmp) {
        return s.replace("{python}", python).replace("{tmp}", tmp);
    }

    /** The case's files, then byte files, then links, then zips, then its virtual environment. */
    private void build(ConformanceCase c, Path tmp, String python) throws IOException {
        for (Map.Entry<String, String> e : c.files().entrySet()) {
            Path p = tmp.resolve(e.getKey());
            Files.createDirectories(p.toAbsolutePath().getParent());
            Files.write(p, substitute(e.getValue(), python, tmp.toString()).getBytes(StandardCharsets.UTF_8));
        }
        for (Map.Entry<String, String> e : c.byteFiles().entrySet()) {
            Path p = tmp.resolve(e.getKey());
            Files.createDirectories(p.toAbsolutePath().getParent());
            Files.write(p, ConformanceCase.bytesOf(e.getValue()));
        }
        for (Map.Entry<String, String> e : c.symlinks().entrySet()) {
            Path p = tmp.resolve(e.getKey());
            Files.createDirectories(p.toAbsolutePath().getParent());
            Files.createSymbolicLink(p, Path.of(e.getValue()));
        }
        for (Map.Entry<String, Map<String, String>> e : c.zips().entrySet()) {
            writeZip(tmp.resolve(e.getKey()), e.getValue());
        }
        if (c.hasVenv()) {
            List<String> cmd = List.of(python, "-I", "-m", "venv", "--without-pip", tmp.resolve(c.venv()).toString());
            ChildProcess.Result r = ChildProcess.run(cmd, tmp, ChildEnvironment.clean(), null, Duration.ofMinutes(5));
            if (r.status() != 0 || r.timedOut()) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed with status " + r.status()
                        + (r.timedOut() ? " (timed out)" : "") + ":\n" + r.stdoutText() + r.stderrText());
            }
        }
    }

    /** A zip archive of stored (uncompressed) UTF-8 members, which every zipimport reads. */
    private static void writeZip(Path file, Map<String, String> members) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> m : members.entrySet()) {
                byte[] data = m.getValue().getBytes(StandardCharsets.UTF_8);
                ZipEntry entry = new ZipEntry(m.getKey());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(data.length);
                entry.setCompressedSize(data.length);
                CRC32 crc = new CRC32();
                crc.update(data);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(data);
                zip.closeEntry();
            }
        }
    }

    private static String normalize(byte[] output, String real, String tmp) {
        String text = new String(output, StandardCharsets.UTF_8).replace(real, "<TMP>").replace(tmp, "<TMP>");
        return ADDRESS.matcher(text).replaceAll("0xADDR");
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("'");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\\' -> sb.append("\\\\");
                default -> sb.append(ch < 0x20 || ch == 0x7f ? String.format("\\x%02x", (int) ch) : String.valueOf(ch));
            }
        }
        return sb.append('\'').toString();
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    deleteQuietly(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    deleteQuietly(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
                    deleteQuietly(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // what cannot be deleted stays in the temporary folder
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // as shutil.rmtree(ignore_errors=True)
        }
    }
}
