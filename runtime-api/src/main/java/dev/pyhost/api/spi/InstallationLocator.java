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
 * <p>A locator that is <em>asked</em> for something specific (a variable is set) and cannot honour it throws
 * {@link dev.pyhost.api.ProviderException} with the reason instead of passing silently to the next one.
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
