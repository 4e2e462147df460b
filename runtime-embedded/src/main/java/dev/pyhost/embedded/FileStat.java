package dev.pyhost.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What one {@code lstat} says about a file, from the {@code unix} attribute view: one system call, and owner ids
 * without any user-name lookup.
 *
 * @param mode {@code st_mode}: the type and permission bits
 * @param uid the owner's user id
 * @param size the size in bytes
 * @param mtime the modification time in nanoseconds: every write moves it; copies and archives ({@code cp -a},
 *        {@code tar}, container image layers) keep it
 */
record FileStat(int mode, int uid, long size, long mtime) {
    private static final String ATTRIBUTES = "unix:mode,uid,size,lastModifiedTime";
    static final int TYPE = 0170000;
    static final int REGULAR = 0100000;
    static final int DIRECTORY = 0040000;
    static final int SYMLINK = 0120000;
    static final int STICKY = 01000;
    static final int GROUP_OR_OTHERS_WRITE = 0022;

    /**
     * Reads a file's status without following a symbolic link.
     *
     * @param path the file
     * @return the status, or empty when nothing is there
     * @throws IOException when it cannot be read
     */
    static Optional<FileStat> of(Path path) throws IOException {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(new FileStat((Integer) a.get("mode"), (Integer) a.get("uid"), (Long) a.get("size"),
                ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS)));
    }

    boolean isRegularFile() {
        return (mode & TYPE) == REGULAR;
    }

    boolean isDirectory() {
        return (mode & TYPE) == DIRECTORY;
    }

    boolean isSymbolicLink() {
        return (mode & TYPE) == SYMLINK;
    }

    boolean writableByOthers() {
        return (mode & GROUP_OR_OTHERS_WRITE) != 0;
    }

    boolean sticky() {
        return (mode & STICKY) != 0;
    }

    /** {@return the permission bits as {@code ls -l} shows them, with the sticky bit} */
    String permissions() {
        String rwx = "rwxrwxrwx";
        StringBuilder s = new StringBuilder(9);
        for (int i = 0; i < 9; i++) {
            s.append((mode & (0400 >> i)) != 0 ? rwx.charAt(i) : '-');
        }
        if (sticky()) {
            s.setCharAt(8, (mode & 01) != 0 ? 't' : 'T');
        }
        return s.toString();
    }
}
