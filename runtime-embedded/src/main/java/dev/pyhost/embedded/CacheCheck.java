package dev.pyhost.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The check every start makes of an unpacked CPython before its code runs. It costs one {@code lstat} per file and
 * folder, the manifest's checksum and the CRC-32 of the native libraries every start loads; a file is read in full
 * only when its modification time moved since it was recorded.
 *
 * <ul>
 * <li>trust: the folder, the manifest and every listed folder and file belong to the current user or root and
 *     are writable by nobody else ({@link CacheTrust});</li>
 * <li>shape: the manifest is whole (count and checksum), lists what an installation needs, and was written for
 *     this very folder; every listed entry is there, with its type (no symbolic links) and size;</li>
 * <li>content: libpython and libffi match their CRC-32; any file whose modification time moved since it was
 *     recorded (a write; a copy or an archive that did not keep the time) matches its SHA-256, and then its new time
 *     is recorded.</li>
 * </ul>
 * The modification time rather than the status change time: owner and mode are checked directly, and the change
 * time is new in every copy of the cache (every container started from an image that holds one), which would make
 * the first start of each read the whole CPython again. Only the owner or root can set a modification time back,
 * and they are trusted anyway.
 */
final class CacheCheck {
    private CacheCheck() {
    }

    /** What the check found. */
    sealed interface Verdict {
        /** Everything checked out. */
        record Intact() implements Verdict {
        }

        /**
         * Everything checked out, and some files whose modification time had moved proved to have the unpacked content;
         * the manifest should record their new times so that the next start does not read them again.
         *
         * @param updated the manifest with the new times
         * @param changed how many files were read again
         */
        record Refresh(Manifest updated, int changed) implements Verdict {
        }

        /**
         * The folder cannot be used as it is.
         *
         * @param reason what is wrong, for the message
         * @param untrusted whether another user could have changed it (rather than damage)
         */
        record Broken(String reason, boolean untrusted) implements Verdict {
        }
    }

    /**
     * Checks an unpacked folder.
     *
     * @param target the folder
     * @param payload the payload it should hold
     * @param trust the ownership rule
     * @return the verdict; never throws for damage, whatever the folder holds
     */
    static Verdict verify(Path target, Payload payload, CacheTrust trust) {
        try {
            return check(target, payload, trust);
        } catch (IOException e) {
            return new Verdict.Broken("it cannot be read (" + e + ")", false);
        }
    }

    private static Verdict check(Path target, Payload payload, CacheTrust trust) throws IOException {
        Optional<FileStat> top = FileStat.of(target);
        if (top.isEmpty()) {
            return new Verdict.Broken("it is not unpacked yet", false);
        }
        if (!top.get().isDirectory()) {
            return new Verdict.Broken("it is not a folder", false);
        }
        Optional<String> problem = trust.entryProblem(top.get());
        if (problem.isPresent()) {
            return new Verdict.Broken("the folder " + problem.get(), true);
        }
        Path manifestFile = target.resolve(Manifest.NAME);
        Optional<FileStat> manifestStat = FileStat.of(manifestFile);
        if (manifestStat.isEmpty()) {
            return new Verdict.Broken("its manifest is missing", false);
        }
        if (!manifestStat.get().isRegularFile()) {
            return new Verdict.Broken("its manifest is not a regular file", false);
        }
        problem = trust.entryProblem(manifestStat.get());
        if (problem.isPresent()) {
            return new Verdict.Broken(Manifest.NAME + " " + problem.get(), true);
        }
        Manifest manifest;
        try {
            manifest = Manifest.parse(Files.readAllBytes(manifestFile));
        } catch (Manifest.Damaged e) {
            return new Verdict.Broken(e.getMessage(), false);
        }
        if (!manifest.prefix().equals(target.toString())) {
            return new Verdict.Broken("it was unpacked for " + manifest.prefix(), false);
        }
        List<String> required = payload.required();
        boolean[] listed = new boolean[required.size()];
        List<String> loaded = payload.loadedLibraries();
        Manifest.Entry[] loadedEntries = new Manifest.Entry[loaded.size()];
        List<Manifest.Entry> changed = new ArrayList<>();
        Map<String, Long> mtimes = new HashMap<>();
        for (Manifest.Entry e : manifest.entries()) {
            Optional<FileStat> found = FileStat.of(target.resolve(e.rel()));
            if (found.isEmpty()) {
                return new Verdict.Broken(e.rel() + " is missing", false);
            }
            FileStat stat = found.get();
            if (e.directory() ? !stat.isDirectory() : !stat.isRegularFile()) {
                return new Verdict.Broken(e.rel() + " is not a " + (e.directory() ? "folder" : "regular file"), false);
            }
            problem = trust.entryProblem(stat);
            if (problem.isPresent()) {
                return new Verdict.Broken(e.rel() + " " + problem.get(), true);
            }
            if (!e.directory()) {
                if (stat.size() != e.size()) {
                    return new Verdict.Broken(e.rel() + " is truncated or changed", false);
                }
                if (stat.mtime() != e.mtime()) {
                    changed.add(e);
                    mtimes.put(e.rel(), stat.mtime());
                }
                int r = required.indexOf(e.rel());
                if (r >= 0) {
                    listed[r] = true;
                }
                int l = loaded.indexOf(e.rel());
                if (l >= 0) {
                    loadedEntries[l] = e;
                }
            }
        }
        for (int i = 0; i < listed.length; i++) {
            if (!listed[i]) {
                return new Verdict.Broken("its manifest does not list " + required.get(i), false);
            }
        }
        for (Manifest.Entry e : loadedEntries) {
            if (Digests.crc32(target.resolve(e.rel())) != e.crc32()) {
                return new Verdict.Broken(e.rel() + " is damaged (its content changed)", false);
            }
        }
        for (Manifest.Entry e : changed) {
            if (!Digests.sha256(target.resolve(e.rel())).equals(e.sha256())) {
                return new Verdict.Broken(e.rel() + " was changed after it was unpacked", false);
            }
        }
        return changed.isEmpty() ? new Verdict.Intact()
                : new Verdict.Refresh(manifest.withMtimes(mtimes), changed.size());
    }
}
