package dev.pyhost.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * The two digests of the manifest: SHA-256, the reference for every file, computed while unpacking and again
 * whenever a file's modification time moved; CRC-32, cheap enough to check the native libraries on every start, where a
 * damaged byte would otherwise crash CPython with no useful message. CRC-32 rather than CRC-32C: the JDK computes
 * CRC-32 natively (zlib) even before the JIT compiles anything, about 3 ms for libpython in a fresh JVM, where
 * CRC-32C runs as interpreted Java (35-45 ms).
 */
final class Digests {
    private Digests() {
    }

    /** {@return a fresh SHA-256} */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The SHA-256 of a file.
     *
     * @param file the file
     * @return the digest in lowercase hex
     * @throws IOException when it cannot be read
     */
    static String sha256(Path file) throws IOException {
        MessageDigest sha = sha256();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * The CRC-32 of a file. Read with a plain loop into a direct buffer: a memory mapping would cost 40-50 ms the
     * first time a JVM maps anything.
     *
     * @param file the file
     * @return the checksum
     * @throws IOException when it cannot be read
     */
    static int crc32(Path file) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 17);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buf.clear()) > 0) {
                crc.update(buf.flip());
            }
        }
        return (int) crc.getValue();
    }
}
