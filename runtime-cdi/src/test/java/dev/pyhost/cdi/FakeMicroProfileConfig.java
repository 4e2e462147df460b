package dev.pyhost.cdi;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * A fake MicroProfile Config implementation, for the wiring test of the extension's MicroProfile source only: it
 * serves a map a test {@linkplain #install installs}, and behaves as an absent implementation (it throws
 * {@link IllegalStateException}, as {@code ConfigProviderResolver} does when it finds none) otherwise, so that the
 * other tests read system properties.
 */
@SuppressWarnings("exports") // a test class, compiled into the module under test; the API is on the class path
public final class FakeMicroProfileConfig extends ConfigProviderResolver {
    private static volatile Map<String, String> values;

    /** Creates the resolver (for {@link java.util.ServiceLoader}). */
    public FakeMicroProfileConfig() {
    }

    /**
     * Makes MicroProfile Config present, with these values, until {@link #uninstall()}.
     *
     * @param map the properties
     */
    static void install(Map<String, String> map) {
        values = Map.copyOf(map);
    }

    /** Makes MicroProfile Config absent again. */
    static void uninstall() {
        values = null;
    }

    @Override
    public Config getConfig() {
        return getConfig(null);
    }

    @Override
    public Config getConfig(ClassLoader loader) {
        Map<String, String> map = values;
        if (map == null) {
            throw new IllegalStateException("no MicroProfile Config implementation installed (fake)");
        }
        return new MapConfig(map);
    }

    @Override
    public ConfigBuilder getBuilder() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void registerConfig(Config config, ClassLoader classLoader) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void releaseConfig(Config config) {
    }

    private record MapConfig(Map<String, String> map) implements Config {
        @Override
        public <T> T getValue(String name, Class<T> type) {
            return getOptionalValue(name, type).orElseThrow(() -> new NoSuchElementException(name));
        }

        @Override
        public ConfigValue getConfigValue(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
            if (type != String.class) {
                throw new IllegalArgumentException("the fake converts to String only, not " + type);
            }
            return Optional.ofNullable(map.get(name)).map(type::cast);
        }

        @Override
        public Iterable<String> getPropertyNames() {
            return List.copyOf(map.keySet());
        }

        @Override
        public Iterable<ConfigSource> getConfigSources() {
            return List.of();
        }

        @Override
        public <T> Optional<Converter<T>> getConverter(Class<T> type) {
            return Optional.empty();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new IllegalArgumentException();
        }
    }
}
