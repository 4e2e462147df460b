package dev.pyhost.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Computes the entry CPython puts first on {@code sys.path} from {@code sys.argv[0]}
 * ({@code _PyPathConfig_ComputeSysPath0}): the current directory for {@code -m}, the empty string for
 * {@code -c}, else the directory of the script after one {@code readlink} and a {@code realpath}.
 */
public final class SysPath0 {
    private SysPath0() {
    }

    /**
     * Computes the entry.
     *
     * @param argv {@code sys.argv} as configured
     * @param cwd the current directory
     * @return the entry, or empty when nothing is inserted
     */
    public static Optional<String> compute(List<String> argv, Path cwd) {
        if (argv.isEmpty()) {
            return Optional.empty();
        }
        String path0 = argv.getFirst();
        if (path0.equals("-m")) {
            return Files.isDirectory(cwd) ? Optional.of(cwd.toAbsolutePath().toString()) : Optional.empty();
        }
        if (path0.equals("-c")) {
            return Optional.of("");
        }
        path0 = followOneLink(path0, cwd);
        String real = realpath(path0, cwd);
        if (real != null) {
            path0 = real;
        }
        int slash = path0.lastIndexOf('/');
        if (slash < 0) {
            return Optional.of("");
        }
        return Optional.of(slash == 0 ? "/" : path0.substring(0, slash));
    }

    private static String followOneLink(String path0, Path cwd) {
        if (path0.isEmpty()) {
            return path0;
        }
        String link;
        try {
            Path p = cwd.resolve(path0);
            if (!Files.isSymbolicLink(p)) {
                return path0;
            }
            link = Files.readSymbolicLink(p).toString();
        } catch (IOException | InvalidPathException | UnsupportedOperationException e) {
            return path0;
        }
        if (link.startsWith("/")) {
            return link;
        }
        if (link.indexOf('/') < 0) {
            return path0;
        }
        int slash = path0.lastIndexOf('/');
        return slash < 0 ? link : path0.substring(0, slash + 1) + link;
    }

    private static String realpath(String path0, Path cwd) {
        if (path0.isEmpty()) {
            return null;
        }
        try {
            return cwd.resolve(path0).toRealPath().toString();
        } catch (IOException | InvalidPathException e) {
            return null;
        }
    }
}
