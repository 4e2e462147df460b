package dev.pyhost.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The right to change the cache folder of one key ({@code .KEY.lock}): an exclusive file lock between processes,
 * and one lock for all such work inside this JVM. The JVM side is needed because file locks belong to the process
 * (two threads cannot both hold one, and closing any channel of the file releases them all).
 */
final class CacheLock implements AutoCloseable {
    /** Held by whichever thread of this JVM holds or tests a file lock of the cache. */
    static final ReentrantLock IN_THIS_JVM = new ReentrantLock();

    private final FileChannel channel;
    private final FileLock lock;

    private CacheLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * The lock file of a key.
     *
     * @param root the cache folder
     * @param key the key
     * @return its lock file
     */
    static Path file(Path root, String key) {
        return root.resolve("." + key + ".lock");
    }

    /**
     * Waits for the lock of a key (another process may be unpacking it).
     *
     * @param root the cache folder
     * @param key the key
     * @return the held lock
     * @throws IOException when the lock file cannot be created
     */
    static CacheLock acquire(Path root, String key) throws IOException {
        IN_THIS_JVM.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file(root, key), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new CacheLock(channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            IN_THIS_JVM.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            IN_THIS_JVM.unlock();
        }
    }
}
