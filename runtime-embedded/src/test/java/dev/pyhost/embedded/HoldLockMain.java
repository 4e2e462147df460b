package dev.pyhost.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Run in a child JVM by {@link LeftoversIT}: stands for another process in the middle of an unpack. */
public final class HoldLockMain {
    private HoldLockMain() {
    }

    /**
     * Locks the file given as the only argument, prints {@code locked}, and holds the lock until its standard input
     * ends.
     *
     * @param args the lock file
     * @throws IOException when the file cannot be locked
     */
    public static void main(String[] args) throws IOException {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            System.out.println(lock.isValid() ? "locked" : "not locked");
            System.out.flush();
            System.in.readAllBytes();
        }
    }
}
