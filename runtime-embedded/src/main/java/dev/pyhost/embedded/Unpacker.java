package dev.pyhost.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks the payload into a fresh folder: each entry checked against the CRC-32 the jar records for it, written
 * with explicit permissions (folders {@code rwxr-xr-x}, files {@code rw-r--r--}, executables and shared libraries
 * {@code rwxr-xr-x}, all narrowed by the umask and never wider), its digests and status recorded, flushed to the
 * disk; then the folders are flushed and the manifest is written last.
 */
final class Unpacker {
    private static final System.Logger LOG = System.getLogger(Unpacker.class.getName());
    private static final FileAttribute<Set<PosixFilePermission>> FOLDER =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"));
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");

    private final Payload payload;

    /**
     * An unpacker for one payload.
     *
     * @param payload the payload
     */
    Unpacker(Payload payload) {
        this.payload = payload;
    }

    /**
     * Unpacks into {@code staging}, rewriting the build prefix for {@code target} (where {@code staging} will be
     * renamed to).
     *
     * @param jar the payload jar
     * @param staging an empty folder
     * @param target the final folder
     * @throws IOException when the jar is unreadable or damaged, or the folder cannot be written
     */
    void unpack(Path jar, Path staging, Path target) throws IOException {
        unpack(jar, List.of(), staging, target);
    }

    /**
     * Unpacks the payload and its add-ons into {@code staging}, rewriting the build prefix of the payload's files
     * for {@code target} (where {@code staging} will be renamed to).
     *
     * @param jar the payload jar
     * @param addOnJars the add-on jars
     * @param staging an empty folder
     * @param target the final folder
     * @throws IOException when a jar is unreadable or damaged, two jars hold the same file, or the folder cannot be
     *         written
     */
    void unpack(Path jar, List<AddOnJars.Found> addOnJars, Path staging, Path target) throws IOException {
        List<Manifest.Entry> files = new ArrayList<>();
        TreeSet<String> folders = new TreeSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<? extends ZipEntry> entries = zip.stream()
                    .filter(e -> payload.unpackedName(e.getName()).isPresent()).toList();
            if (entries.isEmpty()) {
                throw new IOException(jar + " holds no CPython payload for " + payload.platform());
            }
            for (ZipEntry e : entries) {
                String rel = payload.unpackedName(e.getName()).orElseThrow();
                Path out = staging.resolve(rel).normalize();
                if (!out.startsWith(staging) || out.equals(staging)) {
                    throw new IOException("refusing the entry " + e.getName()
                            + ", which points outside the cache folder");
                }
                for (String parent = parentOf(rel); parent != null; parent = parentOf(parent)) {
                    folders.add(parent);
                }
                Files.createDirectories(out.getParent(), FOLDER);
                files.add(extract(zip, e, rel, out, target, true));
            }
        }
        for (AddOnJars.Found found : addOnJars) {
            try (ZipFile zip = new ZipFile(found.jar().toFile())) {
                List<? extends ZipEntry> entries = zip.stream()
                        .filter(e -> found.spec().unpackedName(e.getName()) != null).toList();
                if (entries.isEmpty()) {
                    throw new IOException(found.jar() + " holds nothing for " + found.spec().artifact());
                }
                for (ZipEntry e : entries) {
                    String rel = found.spec().unpackedName(e.getName());
                    Path out = staging.resolve(rel).normalize();
                    if (!out.startsWith(staging) || out.equals(staging)) {
                        throw new IOException("refusing the entry " + e.getName() + " of " + found.jar()
                                + ", which points outside the cache folder");
                    }
                    if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
                        throw new IOException("the entry " + e.getName() + " of " + found.jar() + " would replace "
                                + rel + ", which another jar already gave");
                    }
                    for (String parent = parentOf(rel); parent != null; parent = parentOf(parent)) {
                        folders.add(parent);
                    }
                    Files.createDirectories(out.getParent(), FOLDER);
                    files.add(extract(zip, e, rel, out, target, false));
                }
            }
        }
        List<Manifest.Entry> all = new ArrayList<>();
        for (String folder : folders) {
            all.add(Manifest.Entry.folder(folder));
        }
        all.addAll(files);
        for (String folder : folders.descendingSet()) {
            Durable.sync(staging.resolve(folder));
        }
        new Manifest(target.toString(), all).write(staging);
    }

    private Manifest.Entry extract(ZipFile zip, ZipEntry e, String rel, Path out, Path target, boolean payloadFile)
            throws IOException {
        byte[] content;
        try (InputStream in = zip.getInputStream(e)) {
            content = in.readAllBytes();
        }
        CRC32 crc = new CRC32();
        crc.update(content);
        if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
            throw new IOException("the entry " + e.getName() + " of " + zip.getName() + " is damaged (CRC mismatch)");
        }
        if (payloadFile && BuildPrefix.applies(rel)) {
            content = BuildPrefix.rewrite(rel, content, payload.platform(), target.toString());
            crc.reset();
            crc.update(content);
        }
        MessageDigest sha = Digests.sha256();
        sha.update(content);
        Set<PosixFilePermission> mode = Payload.executable(rel) ? EXECUTABLE : FILE;
        try (FileChannel channel = FileChannel.open(out, EnumSet.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(mode))) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(true);
        }
        FileStat stat = FileStat.of(out).orElseThrow(() -> new IOException(out + " vanished while unpacking"));
        return new Manifest.Entry(rel, false, stat.size(), stat.mtime(), (int) crc.getValue(),
                HexFormat.of().formatHex(sha.digest()));
    }

    private static String parentOf(String rel) {
        int slash = rel.lastIndexOf('/');
        return slash < 0 ? null : rel.substring(0, slash);
    }

    /**
     * Deletes a folder tree, best effort: what cannot be deleted stays, and is tried again later.
     *
     * @param dir the folder
     * @return whether it is gone
     */
    static boolean deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
            return true;
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not delete {0}: {1}", dir, e);
            return false;
        }
    }
}
