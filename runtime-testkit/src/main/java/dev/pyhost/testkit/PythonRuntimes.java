package dev.pyhost.testkit;

import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;
import java.util.function.UnaryOperator;

/**
 * Starts runtimes of its own configuration for one test (or, resolved in a {@code @BeforeAll} method, for one
 * class), on the CPython the kit runs, as a parameter that {@link PyHostExtension} resolves. A runtime shared by
 * the run is finalized first when it may be (see {@link PyHostTest#restartable()}); every runtime started here is
 * closed after the test, if the test did not close it.
 *
 * <pre>{@code
 * @Test
 * void exitsWithThree(PythonRuntimes runtimes) {
 *     PythonRuntime python = runtimes.start(RuntimeConfig.builder().command("raise SystemExit(3)").build());
 *     assertEquals(ExitStatus.of(3), python.runMain());
 * }
 * }</pre>
 */
public interface PythonRuntimes {
    /**
     * Starts a runtime.
     *
     * @param config the configuration; the kit's CPython is used unless it chooses a python itself
     * @return the started runtime
     * @throws dev.pyhost.api.LifecycleException when another runtime of this test or class is still running
     */
    default PythonRuntime start(RuntimeConfig config) {
        return start(config, UnaryOperator.identity());
    }

    /**
     * Starts a runtime with plug-ins or other builder options.
     *
     * @param config the configuration; the kit's CPython is used unless it chooses a python itself
     * @param builder what to change on the builder, for example {@code b -> b.mode(new AppMainMode())}
     * @return the started runtime
     * @throws dev.pyhost.api.LifecycleException when another runtime of this test or class is still running
     */
    PythonRuntime start(RuntimeConfig config, UnaryOperator<PythonRuntime.Builder> builder);

    /**
     * {@return the installation the kit runs (that of the open runtime, else the one the locators would choose)}
     *
     * @throws dev.pyhost.api.ProviderException when no CPython is found
     */
    PythonInstallation installation();
}
