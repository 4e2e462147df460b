package dev.pyhost.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Folders an unpack leaves when it does not finish: {@code .KEY.unpacking-*} (the process was killed, the disk
 * filled) and {@code .KEY.damaged-*} (an old folder that could not be deleted after a repair). A process unpacks
 * a key only while it holds that key's {@link CacheLock}, so a leftover whose lock nobody holds is stale and is
 * deleted; one whose lock is held belongs to a live unpack, in this or another process, and is left alone.
 */
final class Leftovers {
    private static final String UNPACKING = ".unpacking-";
    private static final String DAMAGED = ".damaged-";

    private Leftovers() {
    }

    /**
     * {@return the name prefix of a key's staging folders}
     *
     * @param key the key
     */
    static String staging(String key) {
        return "." + key + UNPACKING;
    }

    /**
     * {@return the name prefix of a key's old folders awaiting deletion}
     *
     * @param key the key
     */
    static String damaged(String key) {
        return "." + key + DAMAGED;
    }

    /**
     * Deletes every leftover of one key; the caller holds that key's lock, so none is live.
     *
     * @param root the cache folder
     * @param key the key
     */
    static void deleteFor(Path root, String key) {
        for (Path p : list(root)) {
            String name = p.getFileName().toString();
            if (name.startsWith(staging(key)) || name.startsWith(damaged(key))) {
                delete(p);
            }
        }
    }

    /**
     * Deletes the leftovers of any key whose lock nobody holds. Costs one listing of the cache folder when there is
     * nothing to delete; skipped while another thread of this JVM works on the cache.
     *
     * @param root the cache folder
     */
    static void clean(Path root) {
        List<Path> found = list(root);
        if (found.isEmpty() || !CacheLock.IN_THIS_JVM.tryLock()) {
            return;
        }
        try {
            for (Path p : found) {
                String key = keyOf(p.getFileName().toString());
                if (!live(root, key)) {
                    delete(p);
                }
            }
        } finally {
            CacheLock.IN_THIS_JVM.unlock();
        }
    }

    /** Whether some process holds the key's lock (the caller holds {@link CacheLock#IN_THIS_JVM}). */
    private static boolean live(Path root, String key) {
        try (FileChannel channel = FileChannel.open(CacheLock.file(root, key), StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (NoSuchFileException e) {
            return false;
        } catch (AccessDeniedException | OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            Log.LOG.log(System.Logger.Level.DEBUG, "cannot test the lock of {0}: {1}", key, e);
            return true;
        }
    }

    private static void delete(Path p) {
        if (Unpacker.deleteTree(p)) {
            Log.LOG.log(System.Logger.Level.DEBUG, "deleted the leftover {0}", p);
        }
    }

    private static String keyOf(String name) {
        int at = name.lastIndexOf(UNPACKING);
        if (at < 0) {
            at = name.lastIndexOf(DAMAGED);
        }
        return name.substring(1, at);
    }

    /** One {@code File.list}: a single native call, cheaper on every start than a directory stream. */
    private static List<Path> list(Path root) {
        List<Path> found = new ArrayList<>();
        String[] names = root.toFile().list();
        if (names == null) {
            Log.LOG.log(System.Logger.Level.DEBUG, "cannot list {0}", root);
            return found;
        }
        for (String name : names) {
            if (name.startsWith(".") && (name.contains(UNPACKING) || name.contains(DAMAGED))) {
                found.add(root.resolve(name));
            }
        }
        return found;
    }

    /** Holds the logger, created on first use: creating one starts the JDK's logging back end. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(Leftovers.class.getName());
    }
}
