package dev.pyhost.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The name of a payload's folder in the cache: artifact version, platform and a checksum of the payload entries
 * (names, sizes, CRCs) and of {@link #FORMAT}. Computing it opens the 27 MB jar, so it is remembered per jar file
 * (path, size, modification time) in {@code cpython-VERSION-PLATFORM-vFORMAT.ref}; a start with an unchanged jar
 * does not open it.
 */
final class CacheKey {
    /** Bump when what is unpacked, or how, changes: it is part of the key, so older folders are left alone. */
    static final String FORMAT = "2";

    private CacheKey() {
    }

    /**
     * The key of a payload jar.
     *
     * @param payload the payload
     * @param jar its jar
     * @param root the cache folder (created if missing)
     * @param trust whose remembered key to believe
     * @return the key
     * @throws IOException when the jar cannot be read
     */
    static String of(Payload payload, Path jar, Path root, CacheTrust trust) throws IOException {
        return of(payload, jar, List.of(), root, trust);
    }

    /**
     * The key of a payload jar and its add-ons' jars.
     *
     * @param payload the payload, with its add-ons
     * @param jar its jar
     * @param addOnJars the add-on jars, in the order of {@link Payload#addOns()} and their {@code jars()}
     * @param root the cache folder (created if missing)
     * @param trust whose remembered key to believe
     * @return the key
     * @throws IOException when a jar cannot be read
     */
    static String of(Payload payload, Path jar, List<AddOnJars.Found> addOnJars, Path root, CacheTrust trust)
            throws IOException {
        String prefix = payload.keyPrefix();
        Path ref = root.resolve(prefix + "v" + FORMAT + ".ref");
        StringBuilder stamps = new StringBuilder(stamp(jar));
        for (AddOnJars.Found found : addOnJars) {
            stamps.append('|').append(stamp(found.jar()));
        }
        String stamp = stamps.toString();
        Optional<String> remembered = remembered(ref, stamp, prefix, trust);
        if (remembered.isPresent()) {
            return remembered.get();
        }
        String key = prefix + checksum(payload, jar, addOnJars);
        try {
            EmbeddedCache.createFolder(root);
            Path tmp = Files.createTempFile(root, ".ref", ".tmp");
            Files.writeString(tmp, stamp + "\n" + key + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, ref, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Log.LOG.log(System.Logger.Level.DEBUG, "cannot remember the key in {0}: {1}", ref, e);
        }
        return key;
    }

    private static Optional<String> remembered(Path ref, String stamp, String prefix, CacheTrust trust) {
        try {
            Optional<FileStat> stat = FileStat.of(ref);
            if (stat.isEmpty() || !stat.get().isRegularFile() || trust.entryProblem(stat.get()).isPresent()
                    || stat.get().size() > 64 * 1024) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(ref, StandardCharsets.UTF_8);
            if (lines.size() == 2 && lines.get(0).equals(stamp) && valid(lines.get(1), prefix)) {
                return Optional.of(lines.get(1));
            }
        } catch (IOException e) {
            Log.LOG.log(System.Logger.Level.DEBUG, "ignoring the unreadable {0}: {1}", ref, e);
        }
        return Optional.empty();
    }

    /** A key is the prefix and 12 lowercase hex digits: nothing else may name a folder of the cache. */
    private static boolean valid(String key, String prefix) {
        if (key.length() != prefix.length() + 12 || !key.startsWith(prefix)) {
            return false;
        }
        for (int i = prefix.length(); i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static String stamp(Path jar) throws IOException {
        return jar.toAbsolutePath() + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis();
    }

    private static String checksum(Payload payload, Path jar, List<AddOnJars.Found> addOnJars) throws IOException {
        MessageDigest sha = Digests.sha256();
        sha.update(FORMAT.getBytes(StandardCharsets.UTF_8));
        for (AddOnJars.Found found : addOnJars) {
            try (ZipFile zip = new ZipFile(found.jar().toFile())) {
                List<? extends ZipEntry> entries = zip.stream()
                        .filter(e -> found.spec().unpackedName(e.getName()) != null)
                        .sorted(Comparator.comparing(ZipEntry::getName)).toList();
                if (entries.isEmpty()) {
                    throw new IOException(found.jar() + " holds nothing for " + found.spec().artifact());
                }
                sha.update(("+" + found.spec().artifact() + "\n").getBytes(StandardCharsets.UTF_8));
                for (ZipEntry e : entries) {
                    String line = e.getName() + "|" + e.getSize() + "|" + e.getCrc() + "\n";
                    sha.update(line.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<? extends ZipEntry> entries = zip.stream()
                    .filter(e -> payload.unpackedName(e.getName()).isPresent())
                    .sorted(Comparator.comparing(ZipEntry::getName)).toList();
            if (entries.isEmpty()) {
                throw new IOException(jar + " holds no CPython payload for " + payload.platform());
            }
            for (ZipEntry e : entries) {
                String line = e.getName() + "|" + e.getSize() + "|" + e.getCrc() + "\n";
                sha.update(line.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        }
    }

    /** Holds the logger, created on first use: creating one starts the JDK's logging back end. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(CacheKey.class.getName());
    }
}
