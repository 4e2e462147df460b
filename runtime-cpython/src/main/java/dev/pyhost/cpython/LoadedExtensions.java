package dev.pyhost.cpython;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Python extension modules mapped into this process, read from {@code /proc/self/maps}: CPython never unloads
 * one, so this sees every extension any runtime of this process imported, including those imported by
 * {@code atexit} handlers during finalization or by a runtime that was abandoned.
 *
 * @param stdlib the module names of the standard library's extensions (files in a {@code lib-dynload} directory)
 * @param others the paths of every other extension file (third-party packages)
 */
record LoadedExtensions(Set<String> stdlib, Set<String> others) {
    /** {@code name.cpython-312-x86_64-linux-gnu.so}, {@code name.abi3.so}.  */
    private static final Pattern EXTENSION = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\.(?:cpython-[^/]*|abi3)\\.so");

    LoadedExtensions {
        stdlib = Set.copyOf(stdlib);
        others = Set.copyOf(others);
    }

    /** {@return the extensions mapped now; none where {@code /proc/self/maps} cannot be read} */
    static LoadedExtensions scan() {
        try {
            return parse(Files.readString(Path.of("/proc/self/maps")));
        } catch (IOException | UnsupportedOperationException e) {
            return new LoadedExtensions(Set.of(), Set.of());
        }
    }

    /**
     * Reads the extension files out of the text of a {@code maps} file.
     *
     * @param maps its lines: address range, permissions, offset, device, inode, then the path of a mapped file
     * @return what it names
     */
    static LoadedExtensions parse(String maps) {
        Set<String> stdlib = new TreeSet<>();
        Set<String> others = new TreeSet<>();
        for (String line : maps.split("\n")) {
            int slash = line.indexOf('/');
            if (slash < 0) {
                continue;
            }
            Path file = Path.of(line.substring(slash).strip());
            Path parent = file.getParent();
            Matcher m = EXTENSION.matcher(file.getFileName().toString());
            if (!m.matches() || parent == null) {
                continue;
            }
            if (parent.getFileName() != null && parent.getFileName().toString().equals("lib-dynload")) {
                stdlib.add(m.group(1));
            } else {
                others.add(file.toString());
            }
        }
        return new LoadedExtensions(stdlib, others);
    }
}
