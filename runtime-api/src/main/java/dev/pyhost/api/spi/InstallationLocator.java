package dev.pyhost.api.spi;

import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.RuntimeConfig;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a CPython installation. Locators are asked in {@link #order()} (lower first) and the first answer
 * wins; {@link BuiltinPlugins} lists the built-in ones. An installation chosen in code is used before any
 * locator is asked.
 *
 * <p>A locator that is <em>asked</em> for something specific and cannot honour it throws
 * {@link dev.pyhost.api.ProviderException} with the reason instead of passing silently to the next one. It is asked
 * when something that exists to choose the installation names one: its own variable (such as
 * {@code PYHOST_PYTHON}), a setting of the configuration, or an environment it found that cannot be embedded (a
 * virtual environment whose python has no shared libpython, for instance). State that other programs leave in the
 * environment for their own purposes ({@code VIRTUAL_ENV}, which {@code activate} sets for prompts and tools,
 * {@code PATH}) is a hint, not a request: when it leads to no installation at all (a virtual environment that no
 * longer exists, no {@code python3} on {@code PATH}) the locator passes, as {@code python} itself ignores a stale
 * {@code VIRTUAL_ENV}.
 */
public interface InstallationLocator {
    /** {@return a unique id} */
    String id();

    /** {@return the position in the chain; lower is asked first} */
    int order();

    /**
     * Looks for an installation.
     *
     * @param config the configuration being started
     * @param environment the process environment
     * @return the installation, or empty to let the next locator try
     */
    Optional<PythonInstallation> locate(RuntimeConfig config, Map<String, String> environment);
}
