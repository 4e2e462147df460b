package dev.pyhost.embedded;

import dev.pyhost.api.ProviderException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonVersion;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The CPython that ships inside the Maven artifact {@code org.bytedeco:cpython} ({@code linux-x86_64}), unpacked
 * on first use into a cache folder and verified cheaply on every later start.
 *
 * <p>The cache folder is {@code PYHOST_CACHE_DIR}, else the system property {@code pyhost.cache.dir}, else
 * {@code $XDG_CACHE_HOME/pyhost}, else {@code ~/.cache/pyhost}. Inside it, each payload gets a folder named
 * after the artifact version and a checksum of the payload's entries. Unpacking happens in a temporary
 * folder that is renamed into place under a file lock, so concurrent first starts wait for one another and a
 * failed unpack leaves nothing behind. A manifest lists every file and its size; a missing or truncated file
 * makes the next start unpack again.
 */
public final class EmbeddedCPython {
    private static final System.Logger LOG = System.getLogger(EmbeddedCPython.class.getName());
    /** Bump when what is unpacked, or how, changes: it is part of the cache key. */
    private static final String FORMAT = "1";
    private static final String MANIFEST = ".pyhost-manifest";
    /** The prefix the payload was built with; text files that record it are rewritten to the real location. */
    private static final String BUILD_PREFIX = "/home/runner/work/javacpp-presets/javacpp-presets/cpython/cppbuild/";

    private final String artifact;
    private final String artifactVersion;
    private final PythonVersion pythonVersion;
    private final String platform;
    private final String entryPrefix;

    private EmbeddedCPython(Properties p) {
        this.artifact = p.getProperty("artifact");
        this.artifactVersion = p.getProperty("version");
        this.pythonVersion = PythonVersion.parse(p.getProperty("python"));
        this.platform = p.getProperty("platform");
        this.entryPrefix = "org/bytedeco/cpython/" + platform + "/";
    }

    /** {@return the embedded payload this build was made with} */
    public static EmbeddedCPython payload() {
        Properties p = new Properties();
        try (InputStream in = EmbeddedCPython.class.getResourceAsStream("payload.properties")) {
            if (in == null) {
                throw new ProviderException("payload.properties is missing from runtime-embedded");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EmbeddedCPython(p);
    }

    /** {@return the Maven coordinates of the payload} */
    public String artifact() {
        return artifact;
    }

    /** {@return the CPython version of the payload} */
    public PythonVersion pythonVersion() {
        return pythonVersion;
    }

    /** {@return the platform the payload is built for, for example {@code linux-x86_64}} */
    public String platform() {
        return platform;
    }

    /**
     * Tells why the payload cannot run here, if it cannot.
     *
     * @param osName {@code os.name}
     * @param osArch {@code os.arch}
     * @return the reason, or empty when this platform matches
     */
    public Optional<String> platformMismatch(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT).startsWith("linux") ? "linux"
                : osName.toLowerCase(Locale.ROOT).startsWith("mac") ? "macosx" : osName.toLowerCase(Locale.ROOT);
        String arch = switch (osArch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            default -> osArch;
        };
        String here = os + "-" + arch;
        if (here.equals(platform)) {
            return Optional.empty();
        }
        return Optional.of("the embedded CPython (" + artifact + ") is built for " + platform + ", but this machine is "
                + here + " (" + osName + ", " + osArch + "); set PYHOST_PYTHON to a CPython 3.10-3.14 built with "
                + "a shared libpython instead");
    }

    /**
     * The cache folder.
     *
     * @param env the environment
     * @return the folder (not created)
     */
    public static Path cacheRoot(Map<String, String> env) {
        String explicit = env.get("PYHOST_CACHE_DIR");
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit).toAbsolutePath();
        }
        String property = System.getProperty("pyhost.cache.dir");
        if (property != null && !property.isEmpty()) {
            return Path.of(property).toAbsolutePath();
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isEmpty()) {
            return Path.of(xdg, "pyhost").toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".cache", "pyhost");
    }

    /**
     * Finds the payload jar: on the class path by name (cheap), else through the class loader.
     *
     * @return the jar, or empty when the artifact is not on the class path
     */
    public Optional<Path> jar() {
        String name = "cpython-" + artifactVersion + "-" + platform + ".jar";
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (entry.endsWith(name) && Files.isRegularFile(Path.of(entry))) {
                return Optional.of(Path.of(entry));
            }
        }
        URL url = EmbeddedCPython.class.getClassLoader().getResource(entryPrefix + "libpython"
                + pythonVersion.feature() + ".so.1.0");
        if (url == null || !"jar".equals(url.getProtocol())) {
            return Optional.empty();
        }
        String spec = url.getPath();
        int bang = spec.indexOf("!/");
        try {
            return Optional.of(Path.of(new java.net.URI(spec.substring(0, bang))));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Makes sure the payload is unpacked and intact in the cache, and describes it as an installation.
     *
     * @param jar the payload jar
     * @param root the cache folder
     * @return the installation
     * @throws ProviderException when the cache cannot be written (read-only, full) or the jar is unreadable
     */
    public PythonInstallation prepare(Path jar, Path root) {
        String key = key(jar, root);
        Path target = root.resolve(key);
        Optional<String> damage = verify(target);
        if (damage.isPresent()) {
            unpack(jar, root, key, damage.get());
        }
        return installation(target);
    }

    private PythonInstallation installation(Path target) {
        String feature = pythonVersion.feature();
        return new PythonInstallation(target.resolve("bin/python" + feature),
                target.resolve("bin/../libpython" + feature + ".so.1.0"), pythonVersion,
                "the embedded CPython (" + artifact + ", cached in " + target + ")",
                List.of(target.resolve("libffi.so.8")));
    }

    /** The cache key: version, platform and a checksum of the payload entries (remembered per jar file). */
    private String key(Path jar, Path root) {
        String prefix = "cpython-" + artifactVersion + "-" + platform + "-";
        Path ref = root.resolve(prefix + "ref");
        String stamp;
        try {
            stamp = jar.toAbsolutePath() + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException e) {
            throw new ProviderException("Cannot read the embedded CPython payload " + jar + ": " + e.getMessage(), e);
        }
        try {
            if (Files.isRegularFile(ref)) {
                List<String> lines = Files.readAllLines(ref, StandardCharsets.UTF_8);
                if (lines.size() == 2 && lines.get(0).equals(stamp) && lines.get(1).startsWith(prefix)) {
                    return lines.get(1);
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "ignoring unreadable {0}: {1}", ref, e);
        }
        String key = prefix + checksum(jar);
        try {
            Files.createDirectories(root);
            Path tmp = Files.createTempFile(root, ".ref", ".tmp");
            Files.writeString(tmp, stamp + "\n" + key + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, ref, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw cacheFailure(root, e);
        }
        return key;
    }

    private String checksum(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(FORMAT.getBytes(StandardCharsets.UTF_8));
            List<? extends ZipEntry> entries = zip.stream().filter(e -> wanted(e.getName())).sorted(
                    Comparator.comparing(ZipEntry::getName)).toList();
            if (entries.isEmpty()) {
                throw new ProviderException(jar + " holds no CPython payload for " + platform);
            }
            for (ZipEntry e : entries) {
                sha.update((e.getName() + "|" + e.getSize() + "|" + e.getCrc() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new ProviderException("Cannot read the embedded CPython payload " + jar + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Only the native payload: libpython, libffi, the python executable and the standard library (no tests). */
    private boolean wanted(String name) {
        if (!name.startsWith(entryPrefix) || name.endsWith("/")) {
            return false;
        }
        String rel = name.substring(entryPrefix.length());
        String feature = pythonVersion.feature();
        return rel.equals("libpython" + feature + ".so.1.0") || rel.equals("libffi.so.8")
                || rel.equals("bin/python" + feature)
                || (rel.startsWith("lib/python" + feature + "/") && !rel.startsWith("lib/python" + feature + "/test/"));
    }

    /**
     * Checks an unpacked folder against its manifest: every file present with its size.
     *
     * @param target the folder
     * @return what is wrong, or empty when it is intact
     */
    static Optional<String> verify(Path target) {
        Path manifest = target.resolve(MANIFEST);
        List<String> lines;
        try {
            lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.of(Files.isDirectory(target) ? "its manifest is missing" : "it is not unpacked yet");
        }
        String base = target.toString() + File.separator;
        for (String line : lines) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                return Optional.of("its manifest is damaged");
            }
            long size = Long.parseLong(line, 0, tab, 10);
            File f = new File(base + line.substring(tab + 1));
            long actual = f.length();
            if (actual != size || (actual == 0 && !f.isFile())) {
                return Optional.of(f.exists() ? line.substring(tab + 1) + " is truncated or changed"
                        : line.substring(tab + 1) + " is missing");
            }
        }
        return Optional.empty();
    }

    private void unpack(Path jar, Path root, String key, String reason) {
        Path target = root.resolve(key);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw cacheFailure(root, e);
        }
        Path lockFile = root.resolve("." + key + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            assert lock.isValid();
            if (verify(target).isEmpty()) {
                return;
            }
            if (Files.exists(target)) {
                System.err.println("pyhost: the embedded CPython cache " + target + " is damaged (" + reason
                        + "); unpacking it again");
            }
            long start = System.nanoTime();
            Path tmp = Files.createTempDirectory(root, "." + key + ".unpacking-");
            try {
                extract(jar, tmp, target);
                if (Files.exists(target)) {
                    Path old = Files.createTempDirectory(root, "." + key + ".damaged-");
                    Files.move(target, old.resolve("old"), StandardCopyOption.ATOMIC_MOVE);
                    deleteTree(old);
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException | DirectoryNotEmptyException e) {
                    throw new IOException("cannot move " + tmp + " to " + target + ": " + e, e);
                }
            } finally {
                deleteTree(tmp);
            }
            LOG.log(System.Logger.Level.DEBUG, "unpacked {0} into {1} in {2} ms", artifact, target,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | UncheckedIOException e) {
            throw cacheFailure(root, e);
        }
    }

    private void extract(Path jar, Path tmp, Path target) throws IOException {
        List<String> manifest = new ArrayList<>();
        String buildPrefix = BUILD_PREFIX + platform;
        String realPrefix = target.toString();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<? extends ZipEntry> entries = zip.stream().filter(e -> wanted(e.getName())).toList();
            for (ZipEntry e : entries) {
                String rel = e.getName().substring(entryPrefix.length());
                Path out = tmp.resolve(rel).normalize();
                if (!out.startsWith(tmp)) {
                    throw new IOException("refusing entry outside the cache folder: " + e.getName());
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = zip.getInputStream(e)) {
                    if (rewritesBuildPrefix(rel)) {
                        String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                        Files.writeString(out, text.replace(buildPrefix, realPrefix), StandardCharsets.ISO_8859_1);
                    } else {
                        Files.copy(in, out);
                    }
                }
                if (rel.startsWith("bin/") || rel.endsWith(".so") || rel.contains(".so.")) {
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
                manifest.add(Files.size(out) + "\t" + rel);
            }
        }
        Files.write(tmp.resolve(MANIFEST), manifest, StandardCharsets.UTF_8);
    }

    private static boolean rewritesBuildPrefix(String rel) {
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        return name.startsWith("_sysconfigdata_") || name.startsWith("_sysconfig_vars_")
                || name.equals("build-details.json") || name.equals("Makefile") || name.equals("python-config.py");
    }

    private static ProviderException cacheFailure(Path root, Exception e) {
        String reason = switch (e) {
            case java.nio.file.AccessDeniedException a -> "permission denied (" + a.getFile() + ")";
            case java.nio.file.NoSuchFileException n -> "no such file or folder (" + n.getFile() + ")";
            case java.nio.file.FileSystemException f -> (f.getReason() == null ? f.getClass().getSimpleName() : f.getReason())
                    + " (" + f.getFile() + ")";
            default -> e.getMessage();
        };
        return new ProviderException("Cannot prepare the embedded CPython in " + root + ": " + reason
                + ". The cache needs about 60 MB in a writable folder: set PYHOST_CACHE_DIR to one, or set "
                + "PYHOST_PYTHON to an installed CPython.", e);
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not delete {0}: {1}", dir, e);
        }
    }
}
