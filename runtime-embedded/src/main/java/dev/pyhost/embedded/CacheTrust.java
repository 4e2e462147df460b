package dev.pyhost.embedded;

import dev.pyhost.api.ProviderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whom the cache must belong to before its code runs, by the rule {@code ssh} applies to {@code ~/.ssh} and pip to
 * its cache: every file and folder of an unpacked CPython is owned by the current user or by root and is writable
 * by nobody else (no group or world write bit); the cache folder itself follows the same rule; the folders above it
 * are owned by the current user or root and, when others may write to them, carry the sticky bit (as {@code /tmp}
 * does), so that nobody else can rename what is below. Anything else could have been changed by another user, and
 * would run with the rights of whoever starts PyHost next.
 */
final class CacheTrust {
    private static final int ROOT = 0;

    private final int uid;

    /**
     * A rule for one user.
     *
     * @param uid the user id the cache must belong to (besides root)
     */
    CacheTrust(int uid) {
        this.uid = uid;
    }

    /**
     * The rule for the user this process runs as: the owner of {@code /proc/self}, which is the effective user id,
     * read without any user-name lookup.
     *
     * @return the rule
     */
    static CacheTrust currentUser() {
        return new CacheTrust(CurrentUser.UID);
    }

    /** {@return the user id the cache must belong to, besides root} */
    int uid() {
        return uid;
    }

    /**
     * Checks one file or folder of an unpacked CPython.
     *
     * @param stat its status
     * @return what makes it untrusted, or empty
     */
    Optional<String> entryProblem(FileStat stat) {
        if (stat.uid() != uid && stat.uid() != ROOT) {
            return Optional.of("is owned by uid " + stat.uid() + ", not by you (uid " + uid + ") or root");
        }
        if (stat.writableByOthers()) {
            return Optional.of("is writable by group or others (" + stat.permissions() + ")");
        }
        return Optional.empty();
    }

    /**
     * Checks the cache folder and every folder above it, as named and as resolved (symbolic links followed).
     *
     * @param root the cache folder, absolute; it may not exist yet (then it is created safely)
     * @return what makes it untrusted, with the folder, or empty
     * @throws IOException when a folder cannot be read
     */
    Optional<String> folderProblem(Path root) throws IOException {
        Optional<String> problem = chainProblem(root);
        if (problem.isPresent()) {
            return problem;
        }
        Path existing = root;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null) {
            Path real = existing.toRealPath();
            Path named = existing.equals(root) ? real : real.resolve(existing.relativize(root));
            if (!named.equals(root)) {
                return chainProblem(named);
            }
        }
        return Optional.empty();
    }

    private Optional<String> chainProblem(Path root) throws IOException {
        List<Path> chain = new ArrayList<>();
        for (Path p = root; p != null; p = p.getParent()) {
            chain.add(p);
        }
        for (Path p : chain) {
            boolean first = p == root;
            Optional<FileStat> found = FileStat.of(p);
            if (found.isEmpty()) {
                continue;
            }
            FileStat stat = found.get();
            String what = first ? "the cache folder " + p : p + " (a folder above the cache folder " + root + ")";
            if (stat.uid() != uid && stat.uid() != ROOT) {
                return Optional.of(what + " is owned by " + owner(p, stat) + ", not by you (uid " + uid + ") or root");
            }
            if (!stat.isSymbolicLink() && stat.writableByOthers() && (first || !stat.sticky())) {
                return Optional.of(what + " is writable by group or others (" + stat.permissions() + ")");
            }
        }
        return Optional.empty();
    }

    /** The owner's name for a message (a user-name lookup, only on this error path). */
    static String owner(Path p, FileStat stat) {
        try {
            return Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName() + " (uid " + stat.uid() + ")";
        } catch (IOException | UnsupportedOperationException e) {
            return "uid " + stat.uid();
        }
    }

    /** The effective user id, read once. */
    private static final class CurrentUser {
        static final int UID = read();

        private static int read() {
            try {
                return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                throw new ProviderException("Cannot tell which user this process runs as (from /proc/self: " + e
                        + "), so the embedded CPython's cache cannot be checked before it runs. Set PYHOST_PYTHON to "
                        + "an installed CPython instead.", e);
            }
        }
    }
}
