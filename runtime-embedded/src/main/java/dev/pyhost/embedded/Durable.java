package dev.pyhost.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Flushes to the disk what the cache relies on: a file's data before the manifest that vouches for it, a folder's
 * entries before the rename that publishes it. Without it, a power cut soon after an unpack can leave files of the
 * right size full of zeros, or an empty manifest, behind a name that says "ready".
 */
final class Durable {
    private Durable() {
    }

    /**
     * Flushes a file or a folder (on Linux a folder can be opened for reading and flushed).
     *
     * @param path the file or folder
     * @throws IOException when it cannot be flushed
     */
    static void sync(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
