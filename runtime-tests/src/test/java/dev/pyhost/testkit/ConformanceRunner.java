package dev.pyhost.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Runs one conformance case exactly as {@code /work/shared/conformance/conformance.py} does: a fresh temporary
 * folder with the case's files, links, zips and venv; the reference {@code python ARGV...} and the candidate
 * {@code bin/pyhost ARGV...} (with {@code PYHOST_PYTHON}) in it, with the same cleaned environment and standard
 * input; then the exit statuses and outputs compared, after normalization, as far as the case's {@code compare}
 * list says.
 */
final class ConformanceRunner {
    /** How long each process may run, as the harness's default {@code --timeout}. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** At most this many diff lines are shown per stream. */
    private static final int MAX_DIFF_LINES = 60;
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{6,}");
    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Path TEMP_ROOT = tempRoot();

    private final Path candidate;

    /**
     * Makes a runner for a candidate launcher.
     *
     * @param candidate the launcher, run as {@code CANDIDATE ARGV...}
     */
    ConformanceRunner(Path candidate) {
        this.candidate = candidate;
    }

    /**
     * Runs a case and tells how the candidate differed from the reference.
     *
     * @param c the case
     * @param python the reference python executable (absolute)
     * @return a readable account of the differences, or empty when the case passes
     * @throws IOException if the temporary folder cannot be prepared
     */
    Optional<String> differences(ConformanceCase c, Path python) throws IOException {
        Path tmpPath = makeTempDir();
        try {
            return differences(c, python.toAbsolutePath().normalize().toString(), tmpPath);
        } finally {
            deleteTree(tmpPath);
        }
    }

    private Optional<String> differences(ConformanceCase c, String python, Path tmpPath) throws IOException {
        String tmp = tmpPath.toString();
        build(c, tmpPath, python);
        String refPython = python;
        if (c.hasVenv()) {
            refPython = tmpPath.resolve(c.venv()).resolve("bin").resolve("python").toString();
        }
        List<String> argv = new ArrayList<>();
        for (String a : c.argv()) {
            argv.add(sub(a, python, tmp).replace("{venv_python}", refPython));
        }
        byte[] stdin = c.stdinBytes() != null ? ConformanceCase.latin1(c.stdinBytes())
                : c.stdin() == null ? null : sub(c.stdin(), python, tmp).getBytes(StandardCharsets.UTF_8);
        Map<String, String> extra = new LinkedHashMap<>();
        c.env().forEach((k, v) -> extra.put(k, sub(v, python, tmp)));
        Map<String, byte[]> env = cleanEnv(extra);

        List<String> refCmd = new ArrayList<>();
        refCmd.add(refPython);
        refCmd.addAll(argv);
        ChildProcess.Result ref = ChildProcess.run(refCmd, tmpPath, entries(env), stdin, TIMEOUT);

        Map<String, byte[]> cenv = new LinkedHashMap<>(env);
        cenv.put("PYHOST_PYTHON", refPython.getBytes(StandardCharsets.UTF_8));
        List<String> candCmd = new ArrayList<>();
        candCmd.add(candidate.toString());
        candCmd.addAll(argv);
        ChildProcess.Result got = ChildProcess.run(candCmd, tmpPath, entries(cenv), stdin, TIMEOUT);

        String real = tmpPath.toRealPath().toString();
        String[] r = {null, norm(ref.stdout(), real, tmp), norm(ref.stderr(), real, tmp)};
        String[] g = {null, norm(got.stdout(), real, tmp), norm(got.stderr(), real, tmp)};

        List<String> diffs = new ArrayList<>();
        if (ref.timedOut() || got.timedOut()) {
            diffs.add("  timed out after " + TIMEOUT.toSeconds() + " s (then killed):"
                    + (ref.timedOut() ? " python" : "") + (got.timedOut() ? " pyhost" : ""));
        }
        List<String> what = c.compare();
        if (what.contains("rc") && ref.status() != got.status()) {
            diffs.add("  exit status: expected " + ref.status() + ", got " + got.status());
        }
        String[] names = {null, "stdout", "stderr"};
        for (int i = 1; i <= 2; i++) {
            String name = names[i];
            String rs = r[i];
            String gs = g[i];
            if (name.equals("stderr") && what.contains("stderr_tail")) {
                rs = TextDiff.lastNonBlankLine(rs);
                gs = TextDiff.lastNonBlankLine(gs);
            } else if (!what.contains(name)) {
                continue;
            }
            if (!rs.equals(gs)) {
                List<String> d = TextDiff.unifiedDiff(TextDiff.splitLines(rs), TextDiff.splitLines(gs));
                StringBuilder sb = new StringBuilder("  " + name + " differs"
                        + (name.equals("stderr") && what.contains("stderr_tail") ? " (last non-blank line)" : "")
                        + ":");
                if (d.isEmpty()) {
                    sb.append("\n    (same lines; the line ends or final newline differ)")
                            .append("\n    expected: ").append(quote(rs)).append("\n    got:      ").append(quote(gs));
                }
                for (int k = 0; k < Math.min(d.size(), MAX_DIFF_LINES); k++) {
                    sb.append("\n    ").append(d.get(k));
                }
                if (d.size() > MAX_DIFF_LINES) {
                    sb.append("\n    ... ").append(d.size() - MAX_DIFF_LINES).append(" more diff lines");
                }
                diffs.add(sb.toString());
            }
        }
        if (diffs.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder msg = new StringBuilder();
        msg.append("case ").append(c.id()).append(": bin/pyhost differs from ").append(refPython).append('\n');
        msg.append("  argv: ").append(argv).append('\n');
        msg.append("  exit statuses: python ").append(ref.status()).append(", pyhost ").append(got.status())
                .append(" (compared: ").append(what).append(")\n");
        msg.append(String.join("\n", diffs));
        return Optional.of(msg.toString());
    }

    /** The harness's {@code sub}: {@code {python}}, then {@code {tmp}}. */
    private static String sub(String s, String python, String tmp) {
        return s.replace("{python}", python).replace("{tmp}", tmp);
    }

    /** The harness's {@code build}: files, then byte files, then symlinks, then zips, then the venv. */
    private static void build(ConformanceCase c, Path tmp, String python) throws IOException {
        for (Map.Entry<String, String> e : c.files().entrySet()) {
            Path p = tmp.resolve(e.getKey());
            Files.createDirectories(p.toAbsolutePath().getParent());
            Files.write(p, sub(e.getValue(), python, tmp.toString()).getBytes(StandardCharsets.UTF_8));
        }
        for (Map.Entry<String, String> e : c.byteFiles().entrySet()) {
            Path p = tmp.resolve(e.getKey());
            Files.createDirectories(p.toAbsolutePath().getParent());
            Files.write(p, ConformanceCase.latin1(e.getValue()));
        }
        for (Map.Entry<String, String> e : c.symlinks().entrySet()) {
            Path p = tmp.resolve(e.getKey());
            Files.createDirectories(p.toAbsolutePath().getParent());
            Files.createSymbolicLink(p, Path.of(e.getValue()));
        }
        for (Map.Entry<String, Map<String, String>> e : c.zips().entrySet()) {
            Files.write(tmp.resolve(e.getKey()), zip(e.getValue()));
        }
        if (c.hasVenv()) {
            List<String> cmd = List.of(python, "-I", "-m", "venv", "--without-pip",
                    tmp.resolve(c.venv()).toString());
            ChildProcess.Result r = ChildProcess.run(cmd, Path.of("").toAbsolutePath(), entries(cleanEnv(Map.of())),
                    null, Duration.ofMinutes(5));
            if (r.status() != 0 || r.timedOut()) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed with status " + r.status()
                        + (r.timedOut() ? " (timed out)" : "") + ":\n" + decode(r.stdout()) + decode(r.stderr()));
            }
        }
    }

    /**
     * A zip archive as Python's {@code zipfile.ZipFile(path, "w").writestr(name, text)} writes it: stored
     * members, UTF-8 text, the current local time, permissions {@code 0600} (directories {@code 040775}).
     */
    static byte[] zip(Map<String, String> members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        LocalDateTime now = LocalDateTime.now();
        int dosTime = now.getHour() << 11 | now.getMinute() << 5 | now.getSecond() / 2;
        int dosDate = (now.getYear() - 1980) << 9 | now.getMonthValue() << 5 | now.getDayOfMonth();
        int count = 0;
        for (Map.Entry<String, String> m : members.entrySet()) {
            String name = m.getKey();
            byte[] data = m.getValue().getBytes(StandardCharsets.UTF_8);
            boolean ascii = name.chars().allMatch(ch -> ch < 128);
            byte[] nameBytes = name.getBytes(ascii ? StandardCharsets.US_ASCII : StandardCharsets.UTF_8);
            int flags = ascii ? 0 : 0x800;
            CRC32 crc = new CRC32();
            crc.update(data);
            long externalAttr = name.endsWith("/") ? (040775L << 16) | 0x10 : 0600L << 16;
            int offset = out.size();
            ByteBuffer local = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
            local.putInt(0x04034b50).put((byte) 20).put((byte) 0).putShort((short) flags).putShort((short) 0)
                    .putShort((short) dosTime).putShort((short) dosDate).putInt((int) crc.getValue())
                    .putInt(data.length).putInt(data.length).putShort((short) nameBytes.length).putShort((short) 0);
            out.writeBytes(local.array());
            out.writeBytes(nameBytes);
            out.writeBytes(data);
            ByteBuffer dir = ByteBuffer.allocate(46).order(ByteOrder.LITTLE_ENDIAN);
            dir.putInt(0x02014b50).put((byte) 20).put((byte) 3).put((byte) 20).put((byte) 0)
                    .putShort((short) flags).putShort((short) 0).putShort((short) dosTime).putShort((short) dosDate)
                    .putInt((int) crc.getValue()).putInt(data.length).putInt(data.length)
                    .putShort((short) nameBytes.length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putInt((int) externalAttr).putInt(offset);
            central.writeBytes(dir.array());
            central.writeBytes(nameBytes);
            count++;
        }
        int centralOffset = out.size();
        out.writeBytes(central.toByteArray());
        ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) count)
                .putShort((short) count).putInt(central.size()).putInt(centralOffset).putShort((short) 0);
        out.writeBytes(end.array());
        return out.toByteArray();
    }

    /**
     * The harness's {@code clean_env(extra)}: this process's environment (byte for byte, from
     * {@code /proc/self/environ}) without the {@code PYTHON*} and {@code PYHOST*} variables, {@code LANG=C.UTF-8}
     * unless set, then {@code extra}. Names are kept as ISO-8859-1 strings so that any byte survives.
     *
     * @param extra variables to set last
     * @return the environment, in order
     */
    static Map<String, byte[]> cleanEnv(Map<String, String> extra) {
        Map<String, byte[]> env = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : processEnvironment().entrySet()) {
            if (!e.getKey().startsWith("PYTHON") && !e.getKey().startsWith("PYHOST")) {
                env.put(e.getKey(), e.getValue());
            }
        }
        env.putIfAbsent("LANG", "C.UTF-8".getBytes(StandardCharsets.US_ASCII));
        extra.forEach((k, v) -> env.put(new String(k.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1),
                v.getBytes(StandardCharsets.UTF_8)));
        return env;
    }

    /** {@return the environment as {@code NAME=value} entries} */
    static List<byte[]> entries(Map<String, byte[]> env) {
        List<byte[]> list = new ArrayList<>();
        env.forEach((k, v) -> {
            byte[] name = k.getBytes(StandardCharsets.ISO_8859_1);
            byte[] entry = new byte[name.length + 1 + v.length];
            System.arraycopy(name, 0, entry, 0, name.length);
            entry[name.length] = '=';
            System.arraycopy(v, 0, entry, name.length + 1, v.length);
            list.add(entry);
        });
        return list;
    }

    private static Map<String, byte[]> processEnvironment() {
        Map<String, byte[]> env = new LinkedHashMap<>();
        byte[] raw;
        try {
            raw = Files.readAllBytes(Path.of("/proc/self/environ"));
        } catch (IOException e) {
            System.getenv().forEach((k, v) -> env.put(
                    new String(k.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1),
                    v.getBytes(StandardCharsets.UTF_8)));
            return env;
        }
        int start = 0;
        for (int i = 0; i <= raw.length; i++) {
            if (i == raw.length || raw[i] == 0) {
                if (i > start) {
                    String entry = new String(raw, start, i - start, StandardCharsets.ISO_8859_1);
                    int eq = entry.indexOf('=');
                    if (eq >= 0) {
                        // like CPython's os.environ: the first of repeated names wins
                        env.putIfAbsent(entry.substring(0, eq),
                                entry.substring(eq + 1).getBytes(StandardCharsets.ISO_8859_1));
                    }
                }
                start = i + 1;
            }
        }
        return env;
    }

    /** The harness's {@code norm}: the real then the given temporary path become {@code <TMP>}, addresses 0xADDR. */
    private static String norm(byte[] output, String real, String tmp) {
        String text = decode(output).replace(real, "<TMP>").replace(tmp, "<TMP>");
        return ADDRESS.matcher(text).replaceAll("0xADDR");
    }

    /** Decodes UTF-8, replacing malformed input with U+FFFD (Python's {@code errors="replace"}). */
    private static String decode(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("'");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (ch < 0x20 || ch == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('\'').toString();
    }

    /**
     * Python's {@code tempfile.gettempdir()}: {@code TMPDIR}, {@code TEMP}, {@code TMP}, then {@code /tmp},
     * {@code /var/tmp}, {@code /usr/tmp}, the first that is a writable folder, made absolute but not resolved.
     */
    private static Path tempRoot() {
        List<String> candidates = new ArrayList<>();
        for (String var : List.of("TMPDIR", "TEMP", "TMP")) {
            String v = System.getenv(var);
            if (v != null && !v.isEmpty()) {
                candidates.add(v);
            }
        }
        candidates.addAll(List.of("/tmp", "/var/tmp", "/usr/tmp"));
        for (String dir : candidates) {
            Path p = Path.of(dir).toAbsolutePath().normalize();
            if (Files.isDirectory(p) && Files.isWritable(p)) {
                return p;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    /** Python's {@code tempfile.mkdtemp(prefix="conf-")}: a new private folder {@code conf-XXXXXXXX}. */
    private static Path makeTempDir() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            StringBuilder name = new StringBuilder("conf-");
            for (int i = 0; i < 8; i++) {
                name.append(NAME_CHARS.charAt(RANDOM.nextInt(NAME_CHARS.length())));
            }
            try {
                return Files.createDirectory(TEMP_ROOT.resolve(name.toString()),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                // try another name
            }
        }
        throw new IOException("no free temporary folder name in " + TEMP_ROOT);
    }

    /** Deletes a tree without following links, ignoring errors ({@code shutil.rmtree(ignore_errors=True)}). */
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
            // ignore_errors=True
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // ignore_errors=True
        }
    }
}
