package dev.pyhost.testkit.differential;

import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonVersion;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.spi.BuiltinPlugins;
import dev.pyhost.api.spi.InstallationLocator;
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
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * The CPython installations on this machine that PyHost can embed (3.10 to 3.14 with a shared libpython), one per
 * minor version, for tests that run on each of them.
 *
 * <p>Where they come from, in this order of preference for one minor version (the newest micro version wins, the
 * earlier source on a tie):
 * <ol>
 * <li>{@code PYHOST_TEST_PYTHONS}: paths of python executables separated by {@code :} (each is asked for its
 *     version);</li>
 * <li>pyenv installs: {@code ${PYENV_ROOT:-~/.pyenv}/versions/X.Y.Z} with {@code bin/python3} and a
 *     {@code lib/libpythonX.Y.so*} (pyenv itself is not run);</li>
 * <li>the embedded CPython of {@code runtime-embedded}, when it is on the class or module path (found through its
 *     {@link InstallationLocator}, id {@value BuiltinPlugins#EMBEDDED_LOCATOR}), for its minor version when
 *     nothing else provides it.</li>
 * </ol>
 */
public final class InstalledPythons {
    /** The oldest minor version of Python 3 that PyHost supports. */
    public static final int FIRST_MINOR = 10;
    /** The newest minor version of Python 3 that PyHost supports. */
    public static final int LAST_MINOR = 14;
    /** The variable that lists extra python executables. */
    public static final String VARIABLE = "PYHOST_TEST_PYTHONS";

    private static final Pattern RELEASE_DIR = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final String VERSION_SCRIPT = "import sys; print('%d.%d.%d' % sys.version_info[:3])";
    private static volatile List<InstalledPython> installed;

    private InstalledPythons() {
    }

    /**
     * One installation.
     *
     * @param version its version
     * @param executable its python executable
     * @param embedded whether it is PyHost's embedded CPython
     */
    public record InstalledPython(PythonVersion version, Path executable, boolean embedded) {
        @Override
        public String toString() {
            return "CPython " + version + " (" + executable + (embedded ? ", embedded" : "") + ")";
        }
    }

    /**
     * Finds the installations, once per JVM; later calls return the same list.
     *
     * @return one installation per supported minor version found, oldest first; possibly empty
     */
    public static List<InstalledPython> installed() {
        List<InstalledPython> result = installed;
        if (result == null) {
            synchronized (InstalledPythons.class) {
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
     * @param minor the minor version, such as 13
     * @return it, if installed
     */
    public static Optional<InstalledPython> forMinor(int minor) {
        return installed().stream().filter(p -> p.version().minor() == minor).findFirst();
    }

    /** {@return every supported minor version of Python 3 (10 to 14), so that absent ones can be reported} */
    public static List<Integer> supportedMinors() {
        return IntStream.rangeClosed(FIRST_MINOR, LAST_MINOR).boxed().toList();
    }

    /**
     * Tests for every supported minor version (3.10 to 3.14), for a {@code @TestFactory}: one container per version,
     * named {@code CPython X.Y.Z} after the installation found, holding the tests made for it. A version that is not
     * installed shows as a container {@code CPython 3.N} with one skipped test, {@code not installed}, whose reason
     * says where it was looked for, so that a machine without it reports the gap instead of hiding it.
     *
     * <pre>{@code
     * @TestFactory
     * Stream<DynamicNode> sameExitStatus() {
     *     return InstalledPythons.everyVersion(python -> List.of(
     *             DynamicTest.dynamicTest("exit 3", () -> check(python.executable()))));
     * }
     * }</pre>
     *
     * @param tests makes the tests (or containers) for one installed CPython; called once per installed version,
     *     when the stream is consumed
     * @return one container per supported minor version, oldest first
     */
    public static Stream<DynamicNode> everyVersion(Function<InstalledPython, ? extends List<? extends DynamicNode>> tests) {
        return supportedMinors().stream().map(minor -> forMinor(minor)
                .<DynamicNode>map(python -> DynamicContainer.dynamicContainer("CPython " + python.version(),
                        tests.apply(python).stream()))
                .orElseGet(() -> {
                    String why = "CPython 3." + minor + " is not installed here (looked in " + searchedLocations()
                            + ")";
                    return DynamicContainer.dynamicContainer("CPython 3." + minor,
                            Stream.of(DynamicTest.dynamicTest("not installed", () -> Assumptions.abort(why))));
                }));
    }

    /**
     * The embedded CPython, when {@code runtime-embedded} is on the class or module path (unpacked into its cache on
     * first use).
     *
     * @return it, if available
     */
    public static Optional<InstalledPython> embedded() {
        return embeddedInstallation().map(i -> new InstalledPython(i.version(), i.executable(), true));
    }

    /**
     * The embedded CPython as its locator gives it.
     *
     * @return the installation, if {@code runtime-embedded} is present
     */
    public static Optional<PythonInstallation> embeddedInstallation() {
        for (InstallationLocator locator : ServiceLoader.load(InstallationLocator.class,
                InstalledPythons.class.getClassLoader())) {
            if (BuiltinPlugins.EMBEDDED_LOCATOR.equals(locator.id())) {
                return locator.locate(RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED).build(), System.getenv());
            }
        }
        return Optional.empty();
    }

    /** {@return where {@link #installed()} looks, in words, for messages about a missing version} */
    public static String searchedLocations() {
        String list = System.getenv(VARIABLE);
        return VARIABLE + "=" + (list == null ? "(unset)" : "'" + list + "'") + ", " + pyenvVersions()
                + "/X.Y.Z with bin/python3 and lib/libpythonX.Y.so*, and the embedded CPython when runtime-embedded "
                + "is present";
    }

    private static List<InstalledPython> search() {
        List<InstalledPython> candidates = new ArrayList<>();
        String list = System.getenv(VARIABLE);
        if (list != null) {
            for (String entry : list.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    Path exe = Path.of(entry).toAbsolutePath().normalize();
                    askVersion(exe).ifPresent(v -> candidates.add(new InstalledPython(v, exe, false)));
                }
            }
        }
        candidates.addAll(pyenvInstalls());
        Optional<InstalledPython> embedded = embedded();
        embedded.ifPresent(e -> {
            if (candidates.stream().noneMatch(c -> c.version().minor() == e.version().minor())) {
                candidates.add(e);
            }
        });
        Map<Integer, InstalledPython> byMinor = new TreeMap<>();
        for (InstalledPython p : candidates) {
            PythonVersion v = p.version();
            if (v.major() != 3 || v.minor() < FIRST_MINOR || v.minor() > LAST_MINOR) {
                continue;
            }
            InstalledPython old = byMinor.get(v.minor());
            if (old == null || v.compareTo(old.version()) > 0) {
                byMinor.put(v.minor(), p);
            }
        }
        List<InstalledPython> result = new ArrayList<>(byMinor.values());
        result.sort(Comparator.comparing(InstalledPython::version));
        return List.copyOf(result);
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

    private static List<InstalledPython> pyenvInstalls() {
        List<InstalledPython> found = new ArrayList<>();
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
                    found.add(new InstalledPython(v, exe, false));
                }
            }
        } catch (IOException e) {
            // an unreadable pyenv folder holds no usable installation
        }
        return found;
    }

    private static boolean hasSharedLibrary(Path lib, PythonVersion v) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(lib, "libpython" + v.feature() + ".so*")) {
            return files.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Asks a python executable for its version, as {@code python -I -c ...} prints it.
     *
     * @param exe the executable
     * @return its version, or empty when it does not run or answer within 30 seconds
     */
    public static Optional<PythonVersion> askVersion(Path exe) {
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
            return p.exitValue() == 0 ? Optional.of(PythonVersion.parse(new String(out, StandardCharsets.UTF_8)))
                    : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
