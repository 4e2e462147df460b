package dev.pyhost.testkit;

import dev.pyhost.api.PythonVersion;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The CPython installations the tests run against, and where the PyHost checkout and its launcher are.
 *
 * <p>Installations come from {@code PYHOST_TEST_PYTHONS} (paths of python executables separated by {@code :},
 * whose versions are asked from the executables themselves), then from the pyenv installs under
 * {@code ${PYENV_ROOT:-~/.pyenv}/versions/X.Y.Z} that have {@code bin/python3} and a shared
 * {@code lib/libpythonX.Y.so*} (pyenv itself is not run). Only 3.10 to 3.14 count, one per minor version: the
 * newest micro version, the earlier source on a tie.
 */
public final class Pythons {
    /** The oldest minor version of Python 3 that PyHost supports. */
    static final int FIRST_MINOR = 10;
    /** The newest minor version of Python 3 that PyHost supports. */
    static final int LAST_MINOR = 14;

    private static final Pattern RELEASE_DIR = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final String VERSION_SCRIPT = "import sys; print('%d.%d.%d' % sys.version_info[:3])";

    private static volatile List<Found> installed;

    private Pythons() {
    }

    /**
     * A CPython installation.
     *
     * @param version its version
     * @param executable its {@code python3} executable
     */
    public record Found(PythonVersion version, Path executable) {
    }

    /**
     * Finds the installations of CPython 3.10 to 3.14, one per minor version (the newest micro version). The
     * search runs once; later calls return the same list.
     *
     * @return the installations, sorted by version; possibly empty
     */
    public static List<Found> installed() {
        List<Found> result = installed;
        if (result == null) {
            synchronized (Pythons.class) {
                result = installed;
                if (result == null) {
                    result = search();
                    installed = result;
                }
            }
        }
        return result;
    }

    /**
     * Finds the installation of CPython 3.{@code minor}.
     *
     * @param minor the minor version of Python 3, such as 13
     * @return the newest installed micro version of it, if any
     */
    public static Optional<Found> forMinor(int minor) {
        return installed().stream().filter(f -> f.version().minor() == minor).findFirst();
    }

    /** {@return every supported minor version of Python 3, in order, so that an absent one is reported as skipped} */
    public static List<Integer> supportedMinors() {
        return java.util.stream.IntStream.rangeClosed(FIRST_MINOR, LAST_MINOR).boxed().toList();
    }

    /**
     * One container of tests per supported minor version; a version not installed here shows as one skipped test
     * that says so.
     *
     * @param tests the tests for one installed CPython
     * @return the containers
     */
    public static java.util.stream.Stream<org.junit.jupiter.api.DynamicNode> everyVersion(
            java.util.function.Function<Found, List<org.junit.jupiter.api.DynamicTest>> tests) {
        return supportedMinors().stream().map(minor -> org.junit.jupiter.api.DynamicContainer.dynamicContainer(
                "CPython 3." + minor, forMinor(minor).map(tests).orElseGet(() -> List.of(
                        org.junit.jupiter.api.DynamicTest.dynamicTest("not installed", () ->
                                org.junit.jupiter.api.Assumptions.abort("CPython 3." + minor
                                        + " is not installed here: " + searchedLocations()))))));
    }

    /**
     * Finds the PyHost checkout: the nearest folder, from the working directory up, that holds {@code bin/pyhost}.
     *
     * @return its absolute path
     * @throws IllegalStateException if no such folder exists
     */
    public static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bin").resolve("pyhost"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder holding bin/pyhost at or above " + start);
    }

    /**
     * Finds the {@code bin/pyhost} launcher of the checkout.
     *
     * @return its absolute path
     * @throws IllegalStateException if the checkout cannot be found
     */
    public static Path launcher() {
        return repositoryRoot().resolve("bin").resolve("pyhost");
    }

    /** {@return where {@link #installed()} looks, in words, for skip messages} */
    public static String searchedLocations() {
        String list = System.getenv("PYHOST_TEST_PYTHONS");
        return "PYHOST_TEST_PYTHONS=" + (list == null ? "(unset)" : "'" + list + "'") + " and "
                + pyenvVersions() + "/X.Y.Z with bin/python3 and lib/libpythonX.Y.so*";
    }

    private static List<Found> search() {
        List<Found> candidates = new ArrayList<>();
        String list = System.getenv("PYHOST_TEST_PYTHONS");
        if (list != null) {
            for (String entry : list.split(":")) {
                if (entry.isBlank()) {
                    continue;
                }
                Path exe = Path.of(entry).toAbsolutePath().normalize();
                askVersion(exe).ifPresent(v -> candidates.add(new Found(v, exe)));
            }
        }
        candidates.addAll(pyenvInstalls());
        if (candidates.stream().noneMatch(f -> f.version().minor() == LAST_MINOR)) {
            embedded().ifPresent(candidates::add);
        }
        Map<Integer, Found> byMinor = new TreeMap<>();
        for (Found f : candidates) {
            PythonVersion v = f.version();
            if (v.major() != 3 || v.minor() < FIRST_MINOR || v.minor() > LAST_MINOR) {
                continue;
            }
            Found old = byMinor.get(v.minor());
            if (old == null || v.compareTo(old.version()) > 0) {
                byMinor.put(v.minor(), f);
            }
        }
        List<Found> result = new ArrayList<>(byMinor.values());
        result.sort(Comparator.comparing(Found::version));
        return List.copyOf(result);
    }

    /**
     * The embedded CPython (unpacked into the user's cache on first use), which stands in for a CPython 3.14 that
     * is not installed.
     *
     * @return it, when its payload is on the class path
     */
    public static Optional<Found> embedded() {
        dev.pyhost.embedded.EmbeddedCPython payload = dev.pyhost.embedded.EmbeddedCPython.payload();
        return payload.jar().map(jar -> {
            dev.pyhost.api.PythonInstallation python = payload.prepare(jar,
                    dev.pyhost.embedded.EmbeddedCPython.cacheRoot(System.getenv()));
            return new Found(python.version(), python.executable());
        });
    }

    private static Path pyenvVersions() {
        String root = System.getenv("PYENV_ROOT");
        Path base;
        if (root != null && !root.isEmpty()) {
            base = Path.of(root);
        } else {
            String home = System.getenv("HOME");
            base = Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home"), ".pyenv");
        }
        return base.resolve("versions").toAbsolutePath().normalize();
    }

    private static List<Found> pyenvInstalls() {
        List<Found> found = new ArrayList<>();
        Path versions = pyenvVersions();
        if (!Files.isDirectory(versions)) {
            return found;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(versions)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (!RELEASE_DIR.matcher(name).matches()) {
                    continue;
                }
                PythonVersion v = PythonVersion.parse(name);
                Path exe = dir.resolve("bin").resolve("python3");
                if (Files.isExecutable(exe) && hasSharedLibrary(dir.resolve("lib"), v)) {
                    found.add(new Found(v, exe));
                }
            }
        } catch (IOException e) {
            // an unreadable pyenv folder holds no usable installation
        }
        return found;
    }

    private static boolean hasSharedLibrary(Path lib, PythonVersion v) {
        String prefix = "libpython" + v.feature() + ".so";
        try (DirectoryStream<Path> files = Files.newDirectoryStream(lib, prefix + "*")) {
            return files.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<PythonVersion> askVersion(Path exe) {
        if (!Files.isExecutable(exe)) {
            return Optional.empty();
        }
        ProcessBuilder pb = new ProcessBuilder(exe.toString(), "-I", "-c", VERSION_SCRIPT)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(k -> k.startsWith("PYTHON") || k.startsWith("PYHOST"));
        try {
            Process p = pb.start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readNBytes(1000);
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            if (p.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(PythonVersion.parse(new String(out, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
