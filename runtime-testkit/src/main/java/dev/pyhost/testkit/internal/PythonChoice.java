package dev.pyhost.testkit.internal;

import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.testkit.differential.InstalledPythons;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which CPython the kit runs, from the configuration parameter {@value #PARAMETER} (a JUnit configuration
 * parameter, so also a system property): {@code 3.12} (an installed CPython of that minor version, see
 * {@link InstalledPythons}), {@code embedded}, or the path of a python executable. Unset, PyHost's own choice
 * applies ({@code PYHOST_PYTHON}, an active virtual environment, the embedded CPython, {@code python3} on
 * {@code PATH}).
 *
 * @param requested the parameter's value, if set
 * @param executable the python executable to use, when one was requested and found
 * @param unavailable why the requested CPython cannot be used, when it cannot
 */
public record PythonChoice(Optional<String> requested, Optional<Path> executable, Optional<String> unavailable) {
    /** The configuration parameter that chooses the CPython of a test run. */
    public static final String PARAMETER = "pyhost.testkit.python";

    private static final Pattern FEATURE = Pattern.compile("3\\.(\\d+)");
    private static final ConcurrentMap<Optional<String>, PythonChoice> CACHE = new ConcurrentHashMap<>();
    private static final ConcurrentMap<Optional<Path>, PythonInstallation> LOCATED = new ConcurrentHashMap<>();

    /**
     * Resolves a value of the parameter (once per JVM and value).
     *
     * @param requested the value, if set
     * @return the choice
     */
    public static PythonChoice of(Optional<String> requested) {
        return CACHE.computeIfAbsent(requested.map(String::strip).filter(s -> !s.isEmpty()), PythonChoice::resolve);
    }

    private static PythonChoice resolve(Optional<String> value) {
        if (value.isEmpty()) {
            return new PythonChoice(value, Optional.empty(), Optional.empty());
        }
        String v = value.get();
        if (v.equals("embedded")) {
            return InstalledPythons.embedded()
                    .map(p -> new PythonChoice(value, Optional.of(p.executable()), Optional.empty()))
                    .orElseGet(() -> new PythonChoice(value, Optional.empty(), Optional.of(PARAMETER
                            + "=embedded, but runtime-embedded is not on the class or module path")));
        }
        Matcher m = FEATURE.matcher(v);
        if (m.matches()) {
            int minor = Integer.parseInt(m.group(1));
            if (minor < InstalledPythons.FIRST_MINOR || minor > InstalledPythons.LAST_MINOR) {
                return new PythonChoice(value, Optional.empty(), Optional.of(PARAMETER + "=" + v + ": PyHost runs CPython "
                        + "3." + InstalledPythons.FIRST_MINOR + " to 3." + InstalledPythons.LAST_MINOR));
            }
            return InstalledPythons.forMinor(minor)
                    .map(p -> new PythonChoice(value, Optional.of(p.executable()), Optional.empty()))
                    .orElseGet(() -> new PythonChoice(value, Optional.empty(), Optional.of("CPython " + v
                            + " is not installed here (" + PARAMETER + "=" + v + "; looked in "
                            + InstalledPythons.searchedLocations() + ")")));
        }
        Path exe = Path.of(v).toAbsolutePath().normalize();
        if (!Files.isExecutable(exe)) {
            return new PythonChoice(value, Optional.empty(), Optional.of(PARAMETER + "=" + v
                    + " is neither X.Y, 'embedded' nor an executable file"));
        }
        return new PythonChoice(value, Optional.of(exe), Optional.empty());
    }

    /**
     * Applies the choice to a configuration that does not choose its python itself.
     *
     * @param config the configuration
     * @return the configuration to start
     */
    public RuntimeConfig apply(RuntimeConfig config) {
        if (config.python().isPresent() || executable.isEmpty()) {
            return config;
        }
        return config.toBuilder().python(executable.get()).build();
    }

    /**
     * The installation a runtime of the kit runs on: the open runtime's (with its exact version), else what the
     * locators would choose, without starting anything.
     *
     * @return the installation
     * @throws dev.pyhost.api.ProviderException when none is found
     */
    public PythonInstallation installation() {
        Optional<PythonRuntime> open = RuntimeSlot.open();
        if (open.isPresent()) {
            return open.get().installation();
        }
        return LOCATED.computeIfAbsent(executable, e -> PythonRuntime.builder(
                apply(RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED).build())).locate());
    }
}
