/**
 * PyHost's JUnit 5 test kit, for integrators and for PyHost itself:
 * <ul>
 * <li>{@code dev.pyhost.testkit}: {@link dev.pyhost.testkit.PyHostTest} and its extension, which give tests a
 *     runtime, an interpreter, a fresh namespace and captured output, with per-run, per-class and per-method
 *     lifecycles; {@link dev.pyhost.testkit.RequiresPython} to run tests only on a CPython that fits;</li>
 * <li>{@code dev.pyhost.testkit.contract}: contract tests that an execution mode, an exit handler or an
 *     installation locator runs against itself by extending a class;</li>
 * <li>{@code dev.pyhost.testkit.differential}: helpers for differential tests against the real {@code python} of
 *     the same version (child processes with their exact exit status, installed CPythons, conformance corpora).</li>
 * </ul>
 * A runtime needs the rest of PyHost at run time (the artifact {@code dev.pyhost:pyhost}, which the kit brings);
 * grant native access to {@code dev.pyhost.cpython} and {@code dev.pyhost.testkit} (child processes) on the module
 * path, or to {@code ALL-UNNAMED} on the class path.
 *
 * @uses dev.pyhost.api.spi.ExecutionMode
 * @uses dev.pyhost.api.spi.ExitHandler
 * @uses dev.pyhost.api.spi.InstallationLocator
 */
module dev.pyhost.testkit {
    requires transitive dev.pyhost.api;
    requires transitive org.junit.jupiter.api;
    requires com.fasterxml.jackson.databind;
    requires io.github.javadiffutils;

    exports dev.pyhost.testkit;
    exports dev.pyhost.testkit.contract;
    exports dev.pyhost.testkit.differential;

    opens dev.pyhost.testkit.contract to org.junit.platform.commons;
    opens dev.pyhost.testkit.differential to com.fasterxml.jackson.databind;

    uses dev.pyhost.api.spi.ExecutionMode;
    uses dev.pyhost.api.spi.ExitHandler;
    uses dev.pyhost.api.spi.InstallationLocator;
}
