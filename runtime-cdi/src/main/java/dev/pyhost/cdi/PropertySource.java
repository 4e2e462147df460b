package dev.pyhost.cdi;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where the extension reads {@code pyhost.*} properties: MicroProfile Config when an implementation is present,
 * else the system properties over the {@code META-INF/pyhost.properties} files of the class path.
 */
interface PropertySource {
    /** The resource read when MicroProfile Config is absent. */
    String RESOURCE = "META-INF/pyhost.properties";

    /**
     * Reads one property.
     *
     * @param key the full key
     * @return its value, if set
     */
    Optional<String> get(String key);

    /** {@return every key this source can list that starts with {@code pyhost.}, sorted} */
    List<String> pyhostKeys();

    /** {@return where the values come from, for messages} */
    String describe();

    /**
     * Chooses the source: MicroProfile Config when its API and an implementation can be loaded, else
     * {@link #fromProperties}.
     *
     * @param loader the loader to look for MicroProfile Config and the resource with
     * @return the source
     */
    static PropertySource find(ClassLoader loader) {
        Optional<PropertySource> mp = MicroProfile.load(loader);
        return mp.isPresent() ? mp.get() : fromProperties(loader, System.getProperties());
    }

    /**
     * The system properties over every {@value #RESOURCE} of the class path (an earlier entry wins over a later one).
     *
     * @param loader the loader to read the resource with
     * @param system the system properties
     * @return the source
     */
    static PropertySource fromProperties(ClassLoader loader, Properties system) {
        Map<String, String> merged = new TreeMap<>();
        List<String> files = new ArrayList<>();
        try {
            Enumeration<URL> urls = loader.getResources(RESOURCE);
            for (URL url : Collections.list(urls).reversed()) {
                Properties p = new Properties();
                try (InputStream in = url.openStream()) {
                    p.load(in);
                }
                p.stringPropertyNames().forEach(k -> merged.put(k, p.getProperty(k)));
                files.add(url.toString());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + RESOURCE + ": " + e, e);
        }
        system.stringPropertyNames().forEach(k -> merged.put(k, system.getProperty(k)));
        String description = "system properties" + (files.isEmpty() ? "" : " and " + String.join(", ", files.reversed()));
        return new PropertySource() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(merged.get(key));
            }

            @Override
            public List<String> pyhostKeys() {
                return merged.keySet().stream().filter(k -> k.startsWith("pyhost.")).toList();
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    /**
     * MicroProfile Config, reached through reflection so that neither its API nor an implementation is a dependency
     * of this module.
     */
    final class MicroProfile implements PropertySource {
        private static final System.Logger LOG = System.getLogger(PropertySource.class.getName());

        private final Object config;
        private final Method names;
        private final Method value;

        private MicroProfile(Object config, Method names, Method value) {
            this.config = config;
            this.names = names;
            this.value = value;
        }

        static Optional<PropertySource> load(ClassLoader loader) {
            Class<?> provider;
            Class<?> configType;
            try {
                provider = Class.forName("org.eclipse.microprofile.config.ConfigProvider", true, loader);
                configType = Class.forName("org.eclipse.microprofile.config.Config", true, loader);
            } catch (ClassNotFoundException | LinkageError absent) {
                return Optional.empty();
            }
            try {
                Object config = provider.getMethod("getConfig", ClassLoader.class).invoke(null, loader);
                return Optional.of(new MicroProfile(config, configType.getMethod("getPropertyNames"),
                        configType.getMethod("getOptionalValue", String.class, Class.class)));
            } catch (InvocationTargetException e) {
                // the API without an implementation: ConfigProviderResolver finds none and throws
                LOG.log(System.Logger.Level.DEBUG, "MicroProfile Config API present, no implementation: {0}",
                        e.getCause());
                return Optional.empty();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("MicroProfile Config is on the class path but cannot be used: " + e, e);
            }
        }

        @Override
        public Optional<String> get(String key) {
            try {
                Optional<?> v = (Optional<?>) value.invoke(config, key, String.class);
                return v.map(String.class::cast);
            } catch (InvocationTargetException e) {
                throw new IllegalArgumentException("MicroProfile Config cannot read " + key + ": " + e.getCause(),
                        e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public List<String> pyhostKeys() {
            List<String> keys = new ArrayList<>();
            try {
                for (Object k : (Iterable<?>) names.invoke(config)) {
                    if (k instanceof String s && s.startsWith("pyhost.")) {
                        keys.add(s);
                    }
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("MicroProfile Config cannot list its properties: " + e, e);
            }
            Collections.sort(keys);
            return keys;
        }

        @Override
        public String describe() {
            return "MicroProfile Config";
        }
    }
}
