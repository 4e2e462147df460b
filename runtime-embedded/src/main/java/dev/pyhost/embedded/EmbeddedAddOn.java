package dev.pyhost.embedded;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Native content that rides along with the embedded CPython: extension modules and the shared libraries they need,
 * taken from other Maven artifacts built for the same payload (for example {@code org.bytedeco:numpy}). An add-on
 * found by {@link java.util.ServiceLoader} (or passed to
 * {@link EmbeddedCPython#prepare(java.nio.file.Path, java.nio.file.Path, List)}) is unpacked into the same cache
 * folder as CPython, under the same lock, manifest and trust checks; the folder's key covers its entries too, so
 * adding or removing an add-on selects another folder rather than changing one in place.
 *
 * <p>Implementations are stateless descriptions; the jars they name are looked up as the payload jar is (on the
 * class path or the module path, as an entry or by their file name).
 */
public interface EmbeddedAddOn {
    /**
     * {@return a short name, part of the cache folder's name: lowercase letters and digits, for example
     * {@code numpy}}
     */
    String id();

    /** {@return the jars whose entries the add-on takes, in the order they are unpacked} */
    List<Jar> jars();

    /**
     * One jar of an add-on and what to take from it.
     *
     * @param artifact the Maven coordinates, for messages
     * @param jarFileName the file name Maven gives the jar
     * @param moduleName the module name the jar declares (or is given), to find it on the module path
     * @param entryPrefix the folder of the jar whose entries are candidates; it is cut off their names
     * @param targetFolder where the taken entries go, relative to the unpacked folder, ending in {@code /}
     * @param takes which entries (relative to {@code entryPrefix}) are taken
     * @param preload files (relative to the unpacked folder) loaded, in this order, before libpython; their
     *        content is checked on every start, as libpython's is
     */
    record Jar(String artifact, String jarFileName, String moduleName, String entryPrefix, String targetFolder,
            Predicate<String> takes, List<String> preload) {
        private static final Pattern SAFE = Pattern.compile("([A-Za-z0-9._+-]+/)*");

        /** Checks the components: the folders must be relative and plain. */
        public Jar {
            Objects.requireNonNull(artifact, "artifact");
            Objects.requireNonNull(jarFileName, "jarFileName");
            Objects.requireNonNull(moduleName, "moduleName");
            Objects.requireNonNull(takes, "takes");
            if (!entryPrefix.endsWith("/") || !SAFE.matcher(targetFolder).matches() || targetFolder.contains("..")) {
                throw new IllegalArgumentException("entryPrefix must end in / and targetFolder be a plain relative "
                        + "folder ending in /: " + entryPrefix + ", " + targetFolder);
            }
            preload = List.copyOf(preload);
        }

        /**
         * Tells where an entry of this jar goes in the unpacked folder, if it is taken.
         *
         * @param entryName the entry's name in the jar
         * @return its path relative to the unpacked folder, or {@code null} when it is not taken
         */
        String unpackedName(String entryName) {
            if (!entryName.startsWith(entryPrefix) || entryName.endsWith("/")) {
                return null;
            }
            String rel = entryName.substring(entryPrefix.length());
            return takes.test(rel) ? targetFolder + rel : null;
        }
    }
}
