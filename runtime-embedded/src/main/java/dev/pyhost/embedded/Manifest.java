package dev.pyhost.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The record of an unpacked CPython, written last (after every file is on the disk) and read on every start.
 *
 * <pre>
 * pyhost-manifest TAB 2 TAB entry-count TAB crc32-of-the-rest
 * P TAB the prefix written into the build configuration files
 * D TAB folder
 * F TAB size TAB mtime-ns TAB crc32 TAB sha-256 TAB file
 * </pre>
 *
 * The header's count and checksum make an empty, truncated or damaged manifest detectable; parsing never throws
 * anything but {@link Damaged}, whatever the bytes.
 *
 * @param prefix the folder the build configuration files were rewritten for
 * @param entries the folders and files, relative to the unpacked folder
 */
record Manifest(String prefix, List<Entry> entries) {
    /** The manifest's file name in the unpacked folder. */
    static final String NAME = ".pyhost-manifest";
    private static final String MAGIC = "pyhost-manifest";
    private static final String FORMAT = "2";
    private static final HexFormat HEX = HexFormat.of();

    /** Makes an immutable manifest. */
    Manifest {
        entries = List.copyOf(entries);
    }

    /**
     * One folder or file.
     *
     * @param rel its path relative to the unpacked folder, with {@code /}
     * @param directory whether it is a folder (then the other fields are 0 or empty)
     * @param size the size
     * @param mtime the modification time (ns) when it was recorded
     * @param crc32 the CRC-32 of the content, checked on every start for the loaded native libraries
     * @param sha256 the SHA-256 of the content (hex), checked when the modification time moved
     */
    record Entry(String rel, boolean directory, long size, long mtime, int crc32, String sha256) {
        static Entry folder(String rel) {
            return new Entry(rel, true, 0, 0, 0, "");
        }

        Entry withMtime(long newMtime) {
            return new Entry(rel, directory, size, newMtime, crc32, sha256);
        }
    }

    /** The manifest cannot be used; the message says why. */
    static final class Damaged extends Exception {
        private static final long serialVersionUID = 1L;

        Damaged(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A copy with new modification times, for files whose content was checked again.
     *
     * @param mtimes new times by relative path
     * @return the copy
     */
    Manifest withMtimes(Map<String, Long> mtimes) {
        List<Entry> updated = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            Long mtime = mtimes.get(e.rel());
            updated.add(mtime == null ? e : e.withMtime(mtime));
        }
        return new Manifest(prefix, updated);
    }

    /** {@return the manifest as bytes} */
    byte[] toBytes() {
        StringBuilder body = new StringBuilder(entries.size() * 128);
        body.append("P\t").append(prefix).append('\n');
        for (Entry e : entries) {
            if (e.directory()) {
                body.append("D\t").append(e.rel()).append('\n');
            } else {
                body.append("F\t").append(e.size()).append('\t').append(e.mtime()).append('\t')
                        .append(HEX.toHexDigits(e.crc32())).append('\t').append(e.sha256()).append('\t')
                        .append(e.rel()).append('\n');
            }
        }
        byte[] bodyBytes = body.toString().getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(bodyBytes);
        byte[] header = (MAGIC + "\t" + FORMAT + "\t" + entries.size() + "\t" + HEX.toHexDigits((int) crc.getValue())
                + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[header.length + bodyBytes.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(bodyBytes, 0, all, header.length, bodyBytes.length);
        return all;
    }

    /**
     * Writes the manifest into a folder durably: a temporary file, flushed, renamed over the old one, the folder
     * flushed.
     *
     * @param folder the unpacked folder
     * @throws IOException when it cannot be written
     */
    void write(Path folder) throws IOException {
        Path tmp = folder.resolve(NAME + ".tmp");
        Files.write(tmp, toBytes(), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        Durable.sync(tmp);
        Files.move(tmp, folder.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Durable.sync(folder);
    }

    /**
     * Reads a manifest. It works on the bytes (no line or field strings but the paths and digests), as every start
     * reads the whole manifest.
     *
     * @param bytes the file's content
     * @return the manifest
     * @throws Damaged when it is empty, truncated, altered or malformed
     */
    static Manifest parse(byte[] bytes) throws Damaged {
        if (bytes.length == 0) {
            throw new Damaged("its manifest is empty");
        }
        int headerEnd = indexOf(bytes, (byte) '\n', 0);
        if (headerEnd < 0) {
            throw new Damaged("its manifest is damaged (no header)");
        }
        String[] header = new String(bytes, 0, headerEnd, StandardCharsets.ISO_8859_1).split("\t", -1);
        if (header.length != 4 || !header[0].equals(MAGIC)) {
            throw new Damaged("its manifest is damaged (no header)");
        }
        if (!header[1].equals(FORMAT)) {
            throw new Damaged("its manifest has another format (" + header[1] + ")");
        }
        long expected = new Cursor(header[2].getBytes(StandardCharsets.ISO_8859_1), 0, 1).number('\n');
        CRC32 crc = new CRC32();
        crc.update(bytes, headerEnd + 1, bytes.length - headerEnd - 1);
        if (!header[3].equals(HEX.toHexDigits((int) crc.getValue()))) {
            throw new Damaged("its manifest is damaged (checksum)");
        }
        if (bytes[bytes.length - 1] != '\n') {
            throw new Damaged("its manifest is damaged (truncated)");
        }
        List<Entry> entries = new ArrayList<>();
        String prefix = null;
        int line = 2;
        for (int at = headerEnd + 1; at < bytes.length; line++) {
            int end = indexOf(bytes, (byte) '\n', at);
            Cursor c = new Cursor(bytes, at, line);
            byte kind = c.kind();
            switch (kind) {
                case 'P' -> {
                    if (prefix != null || !entries.isEmpty()) {
                        throw c.damaged();
                    }
                    prefix = c.text(end);
                }
                case 'D' -> entries.add(Entry.folder(relative(c.text(end), c)));
                case 'F' -> {
                    long size = c.number('\t');
                    long mtime = c.number('\t');
                    int crc32 = (int) c.hex(8);
                    String sha = c.digest();
                    entries.add(new Entry(relative(c.text(end), c), false, size, mtime, crc32, sha));
                }
                default -> throw c.damaged();
            }
            at = end + 1;
        }
        if (prefix == null) {
            throw new Damaged("its manifest is damaged (no prefix line)");
        }
        if (entries.size() != expected) {
            throw new Damaged("its manifest is damaged (" + entries.size() + " entries, " + expected + " expected)");
        }
        return new Manifest(prefix, entries);
    }

    /** Reads the fields of one line. */
    private static final class Cursor {
        private final byte[] bytes;
        private final int line;
        private int at;

        Cursor(byte[] bytes, int at, int line) {
            this.bytes = bytes;
            this.at = at;
            this.line = line;
        }

        Damaged damaged() {
            return new Damaged("its manifest is damaged (line " + line + ")");
        }

        /** The line's kind letter and its tab. */
        byte kind() throws Damaged {
            if (at + 1 >= bytes.length || bytes[at + 1] != '\t') {
                throw damaged();
            }
            byte kind = bytes[at];
            at += 2;
            return kind;
        }

        /**
         * A decimal number of 1 to 19 digits and the separator after it. Below 10^19 &lt; 2^64, a value past
         * {@code Long.MAX_VALUE} wraps to a negative one, which is refused.
         */
        long number(char separator) throws Damaged {
            int from = at;
            long n = 0;
            while (at < bytes.length && bytes[at] >= '0' && bytes[at] <= '9' && at - from < 19) {
                n = n * 10 + (bytes[at] - '0');
                at++;
            }
            if (at == from || n < 0 || (at < bytes.length ? bytes[at] != separator : separator != '\n')) {
                throw damaged();
            }
            at++;
            return n;
        }

        /** Lowercase hex digits of a fixed length, then a tab. */
        long hex(int digits) throws Damaged {
            long n = 0;
            for (int i = 0; i < digits; i++, at++) {
                byte b = at < bytes.length ? bytes[at] : 0;
                int d = b >= '0' && b <= '9' ? b - '0' : b >= 'a' && b <= 'f' ? b - 'a' + 10 : -1;
                if (d < 0) {
                    throw damaged();
                }
                n = n << 4 | d;
            }
            if (at >= bytes.length || bytes[at] != '\t') {
                throw damaged();
            }
            at++;
            return n;
        }

        /**
         * A SHA-256 in hex, then a tab. Only its length is checked here: the manifest's checksum vouches for the
         * characters, and a digest that is not what the unpack wrote can only fail to match.
         */
        String digest() throws Damaged {
            int from = at;
            at += 64;
            if (at >= bytes.length || bytes[at] != '\t') {
                throw damaged();
            }
            at++;
            return new String(bytes, from, 64, StandardCharsets.ISO_8859_1);
        }

        /** The rest of the line, as UTF-8. */
        String text(int end) throws Damaged {
            if (end < at || indexOf(bytes, (byte) '\t', at, end) >= 0) {
                throw damaged();
            }
            return new String(bytes, at, end - at, StandardCharsets.UTF_8);
        }
    }

    /** A path inside the unpacked folder: relative, without empty, {@code .} or {@code ..} parts. */
    private static String relative(String rel, Cursor c) throws Damaged {
        if (rel.isEmpty() || rel.indexOf('\0') >= 0) {
            throw c.damaged();
        }
        for (int from = 0; from <= rel.length(); ) {
            int slash = rel.indexOf('/', from);
            int to = slash < 0 ? rel.length() : slash;
            if (to == from || to - from <= 2 && rel.startsWith(to - from == 1 ? "." : "..", from)) {
                throw c.damaged();
            }
            from = to + 1;
        }
        return rel;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        return indexOf(bytes, b, from, bytes.length);
    }

    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
