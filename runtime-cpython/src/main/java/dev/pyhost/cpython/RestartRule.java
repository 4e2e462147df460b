package dev.pyhost.cpython;

import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PythonVersion;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether CPython may be initialized again in a process where an earlier runtime was finalized. CPython supports
 * {@code Py_FinalizeEx} followed by a new initialization, but extension modules keep C state across it, and some
 * of the standard library's crash the process when they are imported again (a double free or a segfault). The
 * table below was measured on this project's machines by importing every standard-library module, then restarting
 * and importing it again, one process per module (README, "Restarting a runtime"); a restart after one of these
 * was loaded is refused, because the next import of it would end the JVM. Extensions outside the standard library
 * are not known: a restart after one is allowed with a warning (numpy, for one, refuses a second load with an
 * {@code ImportError}).
 */
final class RestartRule {
    private static final System.Logger LOG = System.getLogger(RestartRule.class.getName());

    /**
     * Per minor version, the standard-library extension modules after which a restart crashed: those whose import
     * crashed a restart, and those loaded by a crashing standard module and by no module that restarted safely
     * ({@code hashlib} loads {@code _hashlib} and {@code _blake2}, which restart safely when imported bare).
     * Measured on 3.10.13, 3.11.7, 3.12.1, 3.13.0 and 3.14.3; only 3.12 crashed. Later 3.12 releases are not
     * measured here and keep the rule.
     */
    private static final Map<Integer, Set<String>> CRASHING = Map.of(12, Set.of(
            "_asyncio", "_blake2", "_ctypes", "_datetime", "_decimal", "_hashlib", "_ssl", "_zoneinfo"));

    private RestartRule() {
    }

    /**
     * Checks a restart.
     *
     * @param version the CPython version about to be initialized again
     * @param loaded the extension modules earlier runtimes of this process loaded
     * @throws LifecycleException when one of them is known to crash the process on this version
     */
    static void check(PythonVersion version, LoadedExtensions loaded) {
        Set<String> crashing = new TreeSet<>(loaded.stdlib());
        crashing.retainAll(crashing(version));
        if (!crashing.isEmpty()) {
            throw new LifecycleException("CPython " + version + " cannot be initialized again in this process: an"
                    + " earlier runtime loaded " + String.join(", ", crashing) + ", and importing "
                    + (crashing.size() == 1 ? "it" : "them") + " after a restart crashes CPython " + version.major()
                    + "." + version.minor() + " (a double free or a segfault). Run the new runtime in a new process,"
                    + " or keep the first one open.");
        }
        if (!loaded.others().isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, () -> "CPython is initialized again in this process after an earlier"
                    + " runtime loaded extension modules outside the standard library; they keep their state and may"
                    + " refuse a second import or misbehave: " + String.join(", ", loaded.others()));
        }
    }

    /**
     * The standard-library extensions that crash a restart of a version.
     *
     * @param version the version
     * @return their module names; empty when restarts after any of them are safe
     */
    static Set<String> crashing(PythonVersion version) {
        return CRASHING.getOrDefault(version.minor(), Set.of());
    }
}
