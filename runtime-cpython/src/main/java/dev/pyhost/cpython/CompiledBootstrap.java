package dev.pyhost.cpython;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Runs {@code boot.py} from a compiled copy kept in PyHost's cache folder, so that a start unmarshals its code
 * (under a millisecond) instead of compiling 46 KB of source (15 to 40 ms). The copy is the code object CPython
 * compiles from the same source, with the same file name ({@code <string>}) and optimization level, written with
 * {@code marshal}; a start that finds none, or one it cannot use, compiles as before and writes one.
 *
 * <p>What a copy must be for a start to run it:
 * <ul>
 * <li>trusted, by the rule of the embedded CPython's cache (issue 15): the file is a regular file (no symbolic
 *     link), owned by the current user or root and writable by nobody else; the cache folder, as resolved, is owned
 *     by the current user or root and writable by nobody else; every folder above it is owned by the current user or
 *     root and, when others may write to it, sticky. So only the current user or root can have written it, and
 *     they could change PyHost's own jars just as well. The file is read through the resolved folder, so no
 *     symbolic link in the named path can be swapped after the check;</li>
 * <li>for this very source and this CPython: the file holds its whole key, compared byte for byte: the CPython
 *     build ({@code sys.version}), {@code sys.flags.optimize}, the {@code marshal} format and the full source of
 *     {@code boot.py}. The file's name is only a hash of that key;</li>
 * <li>whole: its code carries a CRC-32, checked before {@code marshal} reads it (a truncated or damaged file is
 *     compiled and written again, never run).</li>
 * </ul>
 * The cache folder is the embedded CPython's: {@code PYHOST_CACHE_DIR}, else the system property
 * {@code pyhost.cache.dir}, else {@code $XDG_CACHE_HOME/pyhost}, else {@code ~/.cache/pyhost}; it is created
 * ({@code rwxr-xr-x}) when missing. Writing is best effort (a read-only home just compiles every time). The system
 * property {@value #PROPERTY} set to {@code false} turns the cache off.
 */
final class CompiledBootstrap {
    /** The system property that turns the cache off when {@code false}. */
    static final String PROPERTY = "pyhost.bootstrap.cache";
    /** {@code Py_file_input}. */
    private static final int PY_FILE_INPUT = 257;
    /** The file name {@code PyRun_StringFlags} gives the code it compiles. */
    private static final String FILE_NAME = "<string>";
    private static final byte[] MAGIC = "PyHost compiled bootstrap 1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_SIZE = 16 << 20;
    private static final String PREFIX = "bootstrap-";
    private static final String SUFFIX = ".code";
    private static final String TEMPORARY = ".bootstrap-";
    private static final String TEMPORARY_SUFFIX = ".tmp";
    /** How old a temporary file must be to count as left by a writer that was killed. */
    static final long STALE_MILLIS = 10 * 60 * 1000;
    private static final int ROOT = 0;
    private static final int GROUP_OR_OTHERS_WRITE = 0022;
    private static final int STICKY = 01000;
    private static final int TYPE = 0170000;
    private static final int REGULAR = 0100000;
    private static final int DIRECTORY = 0040000;
    /** Python that sets {@code k}: CPython's build, optimization level and marshal format, for the key. */
    private static final String KEY_SOURCE = "import sys, marshal\n"
            + "k = ('%d|%d|%s' % (sys.flags.optimize, marshal.version, sys.version)).encode('utf-8', 'surrogateescape')\n";

    private CompiledBootstrap() {
    }

    /**
     * Runs a bootstrap source as {@code PyRun_StringFlags(source, Py_file_input, globals, globals, NULL)} would, from
     * the cached compiled copy when there is a usable one.
     *
     * @param py the interpreter, with the GIL held
     * @param source the source
     * @param globals the namespace, which already holds {@code __builtins__}
     * @return a new reference to the result, or {@code NULL} with the Python error set (a source that does not
     *         compile or raises)
     */
    static MemorySegment run(PyObjects py, String source, MemorySegment globals) {
        if ("false".equals(System.getProperty(PROPERTY))) {
            return py.runString(source, globals);
        }
        byte[] key = key(py, source);
        if (key == null) {
            return py.runString(source, globals);
        }
        Optional<Path> file = cacheFile(System.getenv(), System::getProperty, key);
        MemorySegment code = MemorySegment.NULL;
        if (file.isPresent()) {
            byte[] marshalled = CurrentUser.UID < 0 ? null : read(file.get(), key, CurrentUser.UID);
            if (marshalled != null) {
                code = unmarshal(py, marshalled);
            }
        }
        if (code.address() == 0) {
            code = compile(source);
            if (code.address() == 0) {
                return code;
            }
            if (file.isPresent()) {
                store(py, file.get(), key, code);
            }
        }
        try {
            return CApi.PyEval_EvalCode(code, globals, globals);
        } finally {
            py.decref(code);
        }
    }

    /** {@return the key: CPython's build, optimization level and marshal format, a newline, the source; or null} */
    private static byte[] key(PyObjects py, String source) {
        MemorySegment scope = py.newDict();
        try {
            MemorySegment r = py.runString(KEY_SOURCE, scope);
            if (r.address() == 0) {
                py.decref(py.fetchException());
                return null;
            }
            py.decref(r);
            byte[] head = py.bytes(py.dictItem(scope, "k"));
            byte[] text = source.getBytes(StandardCharsets.UTF_8);
            byte[] key = Arrays.copyOf(head, head.length + 1 + text.length);
            key[head.length] = '\n';
            System.arraycopy(text, 0, key, head.length + 1, text.length);
            return key;
        } finally {
            py.decref(scope);
        }
    }

    /** {@return the marshal format named in a key} */
    private static int marshalVersion(byte[] key) {
        String head = new String(key, 0, Math.min(key.length, 64), StandardCharsets.US_ASCII);
        int first = head.indexOf('|');
        return Integer.parseInt(head.substring(first + 1, head.indexOf('|', first + 1)));
    }

    private static MemorySegment compile(String source) {
        try (Arena arena = Arena.ofConfined()) {
            return CApiMarshal.Py_CompileStringExFlags(arena.allocateFrom(source), arena.allocateFrom(FILE_NAME),
                    PY_FILE_INPUT, MemorySegment.NULL, -1);
        }
    }

    private static MemorySegment unmarshal(PyObjects py, byte[] marshalled) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(marshalled.length);
            MemorySegment.copy(marshalled, 0, data, ValueLayout.JAVA_BYTE, 0, marshalled.length);
            MemorySegment code = CApiMarshal.PyMarshal_ReadObjectFromString(data, marshalled.length);
            if (code.address() == 0) {
                py.decref(py.fetchException());
            }
            return code;
        }
    }

    /** Writes the compiled code beside the others, best effort. */
    private static void store(PyObjects py, Path file, byte[] key, MemorySegment code) {
        MemorySegment b = CApiMarshal.PyMarshal_WriteObjectToString(code, marshalVersion(key));
        if (b.address() == 0) {
            py.decref(py.fetchException());
            return;
        }
        byte[] marshalled;
        try {
            marshalled = py.bytes(b);
        } finally {
            py.decref(b);
        }
        try {
            if (CurrentUser.UID >= 0) {
                write(file, key, marshalled, CurrentUser.UID);
            }
        } catch (IOException | RuntimeException e) {
            Log.LOG.log(System.Logger.Level.DEBUG, "cannot keep the compiled bootstrap in {0}: {1}", file, e);
        }
    }

    /**
     * The cache file for a key, in the cache folder as named (not yet checked).
     *
     * @param env the environment
     * @param properties the system properties
     * @param key the key
     * @return the file, or empty when the folder's name is not usable
     */
    static Optional<Path> cacheFile(Map<String, String> env, UnaryOperator<String> properties, byte[] key) {
        try {
            Path root;
            String explicit = env.get("PYHOST_CACHE_DIR");
            String property = properties.apply("pyhost.cache.dir");
            String xdg = env.get("XDG_CACHE_HOME");
            if (explicit != null && !explicit.isEmpty()) {
                root = Path.of(explicit);
            } else if (property != null && !property.isEmpty()) {
                root = Path.of(property);
            } else if (xdg != null && !xdg.isEmpty()) {
                root = Path.of(xdg, "pyhost");
            } else {
                String home = properties.apply("user.home");
                if (home == null || home.isEmpty()) {
                    return Optional.empty();
                }
                root = Path.of(home, ".cache", "pyhost");
            }
            return Optional.of(root.toAbsolutePath().resolve(name(key)));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * The file name for a key: a hash of the CPython part and a hash of the source, which only select; the content
     * decides. One file is kept per CPython build and optimization level: writing one deletes those of other sources
     * (an earlier PyHost), so the folder does not grow with every version.
     *
     * @param key the key
     * @return the name
     */
    static String name(byte[] key) {
        int newline = newline(key);
        return PREFIX + hash(key, 0, newline) + "-" + hash(key, newline + 1, key.length) + SUFFIX;
    }

    private static int newline(byte[] key) {
        for (int i = 0; i < key.length; i++) {
            if (key[i] == '\n') {
                return i;
            }
        }
        throw new IllegalArgumentException("a key has a newline after its CPython part");
    }

    private static String hash(byte[] b, int from, int to) {
        CRC32C crc = new CRC32C();
        crc.update(b, from, to - from);
        return Long.toHexString((long) (to - from) << 32 | crc.getValue());
    }

    /**
     * Reads the marshalled code of a trusted cache file written for exactly this key.
     *
     * @param file the file, in the folder as named
     * @param key the key
     * @param uid the current user
     * @return the marshalled code, or {@code null} when there is no usable file
     */
    static byte[] read(Path file, byte[] key, int uid) {
        try {
            Optional<Path> folder = trustedFolder(file.getParent(), uid);
            if (folder.isEmpty()) {
                return null;
            }
            Path real = folder.get().resolve(file.getFileName());
            Map<String, Object> a;
            try {
                a = Files.readAttributes(real, "unix:mode,uid,size", LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return null;
            }
            int mode = (Integer) a.get("mode");
            if ((mode & TYPE) != REGULAR || !owned((Integer) a.get("uid"), uid)
                    || (mode & GROUP_OR_OTHERS_WRITE) != 0 || (Long) a.get("size") > MAX_SIZE) {
                Log.LOG.log(System.Logger.Level.DEBUG, "not using {0}: not a regular file of yours (or root''s) that "
                        + "only you can write", real);
                return null;
            }
            return decode(Files.readAllBytes(real), key);
        } catch (IOException | RuntimeException e) {
            Log.LOG.log(System.Logger.Level.DEBUG, "not using {0}: {1}", file, e);
            return null;
        }
    }

    /**
     * The marshalled code in a cache file's content, when it was written for exactly this key and is whole.
     *
     * @param content the file's content
     * @param key the key
     * @return the marshalled code, or {@code null}
     */
    static byte[] decode(byte[] content, byte[] key) {
        ByteBuffer in = ByteBuffer.wrap(content);
        if (content.length < MAGIC.length + 16
                || !Arrays.equals(content, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return null;
        }
        in.position(MAGIC.length);
        int keyLength = in.getInt();
        if (keyLength != key.length || in.remaining() < keyLength + 12L
                || !Arrays.equals(content, in.position(), in.position() + keyLength, key, 0, key.length)) {
            return null;
        }
        in.position(in.position() + keyLength);
        int codeLength = in.getInt();
        long crc = in.getLong();
        if (codeLength < 0 || in.remaining() != codeLength) {
            return null;
        }
        byte[] code = Arrays.copyOfRange(content, in.position(), content.length);
        return crc32(code) == crc ? code : null;
    }

    /**
     * The content of a cache file.
     *
     * @param key the key
     * @param code the marshalled code
     * @return the bytes to write
     */
    static byte[] encode(byte[] key, byte[] code) {
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + key.length + 12 + code.length);
        out.put(MAGIC).putInt(key.length).put(key).putInt(code.length).putLong(crc32(code)).put(code);
        return out.array();
    }

    private static long crc32(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b);
        return crc.getValue();
    }

    /**
     * Writes a cache file: into a new private file of the (trusted) folder, renamed over the old one, so that a
     * reader sees a whole file or none.
     *
     * @param file the file, in the folder as named
     * @param key the key
     * @param code the marshalled code
     * @param uid the current user
     * @throws IOException when it cannot be written
     */
    static void write(Path file, byte[] key, byte[] code, int uid) throws IOException {
        Path named = file.getParent();
        if (!Files.exists(named, LinkOption.NOFOLLOW_LINKS)) {
            Path existing = named.getParent();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null || trustedFolder(existing, uid).isEmpty()) {
                return;
            }
            Files.createDirectories(named,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
        Optional<Path> folder = trustedFolder(named, uid);
        if (folder.isEmpty()) {
            return;
        }
        Path tmp = Files.createTempFile(folder.get(), TEMPORARY, TEMPORARY_SUFFIX);
        try {
            Files.write(tmp, encode(key, code));
            Files.move(tmp, folder.get().resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        String name = file.getFileName().toString();
        String sameCPython = name.substring(0, name.lastIndexOf('-') + 1);
        try (DirectoryStream<Path> others = Files.newDirectoryStream(folder.get(), sameCPython + "*" + SUFFIX)) {
            for (Path other : others) {
                if (!other.getFileName().toString().equals(name)) {
                    Files.deleteIfExists(other);
                }
            }
        }
        // what a writer killed between creating and renaming its file left; a live one renames within milliseconds
        long stale = System.currentTimeMillis() - STALE_MILLIS;
        try (DirectoryStream<Path> left = Files.newDirectoryStream(folder.get(), TEMPORARY + "*" + TEMPORARY_SUFFIX)) {
            for (Path p : left) {
                if (Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis() < stale) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * Resolves a folder and checks it and every folder above it: owned by {@code uid} or root; the folder itself
     * writable by nobody else, a folder above only when it is sticky.
     *
     * @param folder the folder
     * @param uid the current user
     * @return the folder resolved (no symbolic link in it), or empty when it is missing or not trusted
     * @throws IOException when a folder cannot be read
     */
    static Optional<Path> trustedFolder(Path folder, int uid) throws IOException {
        Path real;
        try {
            real = folder.toRealPath();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        boolean first = true;
        for (Path p = real; p != null; p = p.getParent()) {
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            boolean othersWrite = (mode & GROUP_OR_OTHERS_WRITE) != 0;
            if ((mode & TYPE) != DIRECTORY || !owned((Integer) a.get("uid"), uid)
                    || othersWrite && (first || (mode & STICKY) == 0)) {
                Log.LOG.log(System.Logger.Level.DEBUG, "not keeping the compiled bootstrap in {0}: {1} is not a "
                        + "folder of yours (or root''s) closed to others", real, p);
                return Optional.empty();
            }
            first = false;
        }
        return Optional.of(real);
    }

    private static boolean owned(int owner, int uid) {
        return owner == uid || owner == ROOT;
    }

    /** The effective user id: the owner of {@code /proc/self}, read once. */
    private static final class CurrentUser {
        /** The user id, or -1 when it cannot be read (then nothing is read or written). */
        static final int UID = read();

        private static int read() {
            try {
                return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }

    /** Holds the logger, created on first use: creating one starts the JDK's logging back end. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(CompiledBootstrap.class.getName());
    }
}
