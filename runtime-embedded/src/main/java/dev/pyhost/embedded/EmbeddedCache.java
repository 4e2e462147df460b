package dev.pyhost.embedded;

import dev.pyhost.api.ProviderException;
import dev.pyhost.api.PythonInstallation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One cache folder and what it does on each start: refuse a folder other users could change, find the payload's
 * key, check the unpacked folder ({@link CacheCheck}), unpack it again when it is missing, damaged or untrusted
 * (under the key's {@link CacheLock}, in a staging folder renamed into place, the old one renamed away first), and
 * delete what interrupted unpacks left ({@link Leftovers}).
 */
final class EmbeddedCache {
    private final Payload payload;
    private final Path root;
    private final CacheTrust trust;

    /**
     * A cache folder.
     *
     * @param payload the payload
     * @param root the folder
     * @param trust the ownership rule
     */
    EmbeddedCache(Payload payload, Path root, CacheTrust trust) {
        this.payload = payload;
        this.root = root.toAbsolutePath();
        this.trust = trust;
    }

    /**
     * Makes sure the payload is unpacked, intact and trusted, and describes it as an installation.
     *
     * @param jar the payload jar
     * @return the installation
     * @throws ProviderException when the cache folder is not trusted, cannot be written, or the jar is unreadable
     */
    PythonInstallation prepare(Path jar) {
        return prepare(jar, List.of());
    }

    /**
     * Makes sure the payload and its add-ons are unpacked, intact and trusted, and describes them as an
     * installation.
     *
     * @param jar the payload jar
     * @param addOnJars the add-ons' jars, found
     * @return the installation, which preloads the add-ons' libraries
     * @throws ProviderException when the cache folder is not trusted, cannot be written, or a jar is unreadable
     */
    PythonInstallation prepare(Path jar, List<AddOnJars.Found> addOnJars) {
        refuseUntrustedFolder();
        String key;
        try {
            key = CacheKey.of(payload, jar, addOnJars, root, trust);
        } catch (IOException e) {
            throw new ProviderException("Cannot read the embedded CPython payload " + jar + ": " + e.getMessage(), e);
        }
        Path target = root.resolve(key);
        Optional<String> unsupported = BuildPrefix.unsupported(target.toString());
        if (unsupported.isPresent()) {
            throw new ProviderException("Cannot unpack the embedded CPython in " + root + ": " + unsupported.get()
                    + ". Set PYHOST_CACHE_DIR to another folder.");
        }
        CacheCheck.Verdict verdict = CacheCheck.verify(target, payload, trust);
        if (verdict instanceof CacheCheck.Verdict.Refresh refresh) {
            record(refresh, key, target);
        } else if (verdict instanceof CacheCheck.Verdict.Broken) {
            repair(jar, addOnJars, key, target);
        }
        Leftovers.clean(root);
        return installation(target);
    }

    private void refuseUntrustedFolder() {
        Optional<String> problem;
        try {
            problem = trust.folderProblem(root);
        } catch (IOException e) {
            throw failure(root, e);
        }
        if (problem.isPresent()) {
            throw new ProviderException("Refusing to run the embedded CPython from " + root + ": " + problem.get()
                    + ", so someone else could change the code it runs. Give PyHost a cache folder that only you "
                    + "(or root) can write: set PYHOST_CACHE_DIR to one, or fix the owner or mode of that folder "
                    + "(chown, chmod go-w).");
        }
    }

    /**
     * Records the new modification times of files whose content proved unchanged, so that the next start does not
     * read them again. Best effort: the folder is fine as it is, and may be read-only (a container image).
     */
    private void record(CacheCheck.Verdict.Refresh refresh, String key, Path target) {
        try (CacheLock _ = CacheLock.acquire(root, key)) {
            refresh.updated().write(target);
            Log.LOG.log(System.Logger.Level.DEBUG, "{0}: recorded the new times of {1} files with unchanged content",
                    target, refresh.changed());
        } catch (IOException | UncheckedIOException e) {
            Log.LOG.log(System.Logger.Level.DEBUG, "{0}: cannot record the new times of {1} files ({2}); the next start "
                    + "reads them again", target, refresh.changed(), e);
        }
    }

    /** Under the key's lock: check again (another process may have done the work), then refresh or unpack. */
    private void repair(Path jar, List<AddOnJars.Found> addOnJars, String key, Path target) {
        try {
            createFolder(root);
        } catch (IOException e) {
            throw failure(root, e);
        }
        try (CacheLock _ = CacheLock.acquire(root, key)) {
            CacheCheck.Verdict verdict = CacheCheck.verify(target, payload, trust);
            switch (verdict) {
                case CacheCheck.Verdict.Intact _ -> {
                    return;
                }
                case CacheCheck.Verdict.Refresh refresh -> {
                    Log.LOG.log(System.Logger.Level.DEBUG, "{0}: {1} files have a new modification time and the "
                            + "same content", target, refresh.changed());
                    refresh.updated().write(target);
                    return;
                }
                case CacheCheck.Verdict.Broken broken -> unpack(jar, addOnJars, key, target, broken);
            }
        } catch (IOException | UncheckedIOException e) {
            throw failure(root, e);
        }
        CacheCheck.Verdict after = CacheCheck.verify(target, payload, trust);
        if (after instanceof CacheCheck.Verdict.Broken broken) {
            throw new ProviderException("The embedded CPython was unpacked in " + target + " but does not pass its "
                    + "own check: " + broken.reason() + ". The file system may not keep owners, modes or modification "
                    + "times; set PYHOST_CACHE_DIR to a folder on a local Linux file system.");
        }
    }

    private void unpack(Path jar, List<AddOnJars.Found> addOnJars, String key, Path target,
            CacheCheck.Verdict.Broken why) throws IOException {
        Leftovers.deleteFor(root, key);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            System.err.println("pyhost: the embedded CPython cache " + target + " is "
                    + (why.untrusted() ? "not trusted" : "damaged") + " (" + why.reason() + "); unpacking it again");
        }
        long start = System.nanoTime();
        Path staging = Files.createTempDirectory(root, Leftovers.staging(key));
        try {
            new Unpacker(payload).unpack(jar, addOnJars, staging, target);
            Path old = null;
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                old = root.resolve(Leftovers.damaged(key)
                        + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            Durable.sync(root);
            if (old != null) {
                Unpacker.deleteTree(old);
            }
        } finally {
            Unpacker.deleteTree(staging);
        }
        Log.LOG.log(System.Logger.Level.DEBUG, "unpacked {0} into {1} in {2} ms", payload.artifact(), target,
                (System.nanoTime() - start) / 1_000_000);
    }

    private PythonInstallation installation(Path target) {
        return new PythonInstallation(target.resolve(payload.executable()),
                target.resolve("bin/../" + payload.libpython()), payload.python(),
                "the embedded CPython (" + payload.artifact() + ", cached in " + target + ")",
                preloads(target));
    }

    private List<Path> preloads(Path target) {
        List<Path> all = new ArrayList<>();
        all.add(target.resolve(payload.libffi()));
        for (String rel : payload.addOnPreloads()) {
            all.add(target.resolve(rel));
        }
        return List.copyOf(all);
    }

    /**
     * Creates the cache folder and its missing parents as {@code rwxr-xr-x} (narrowed by the umask), so that a
     * folder PyHost creates always passes {@link CacheTrust}.
     *
     * @param root the folder
     * @throws IOException when it cannot be created
     */
    static void createFolder(Path root) throws IOException {
        Files.createDirectories(root,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    private static ProviderException failure(Path root, Exception e) {
        String reason = switch (e) {
            case AccessDeniedException a -> "permission denied (" + a.getFile() + ")";
            case NoSuchFileException n -> "no such file or folder (" + n.getFile() + ")";
            case FileSystemException f -> (f.getReason() == null ? f.getClass().getSimpleName() : f.getReason())
                    + " (" + f.getFile() + ")";
            default -> e.getMessage();
        };
        return new ProviderException("Cannot prepare the embedded CPython in " + root + ": " + reason
                + ". The cache needs about 60 MB in a writable folder: set PYHOST_CACHE_DIR to one, or set "
                + "PYHOST_PYTHON to an installed CPython.", e);
    }

    /** Holds the logger, created on first use: creating one starts the JDK's logging back end. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(EmbeddedCache.class.getName());
    }
}
