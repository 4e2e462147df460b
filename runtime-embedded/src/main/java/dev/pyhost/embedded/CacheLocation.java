package dev.pyhost.embedded;

import dev.pyhost.api.ProviderException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where the cache lives: {@code PYHOST_CACHE_DIR}, else the system property {@code pyhost.cache.dir}, else
 * {@code $XDG_CACHE_HOME/pyhost}, else {@code ~/.cache/pyhost}.
 *
 * <p>Java reads and writes file names in the encoding of the locale ({@code sun.jnu.encoding}: with
 * {@code LC_ALL=C} it is ASCII). A folder whose name that encoding cannot represent cannot be used at all by this
 * JVM, whatever PyHost does, so it is refused with the variable that named it and the two ways out: a UTF-8
 * locale or another folder.
 */
final class CacheLocation {
    private CacheLocation() {
    }

    /**
     * The cache folder.
     *
     * @param env the environment
     * @param properties the system properties ({@code System::getProperty})
     * @return the folder, absolute (not created)
     * @throws ProviderException when the folder's name cannot be represented in this JVM's file-name encoding
     */
    static Path root(Map<String, String> env, UnaryOperator<String> properties) {
        String explicit = env.get("PYHOST_CACHE_DIR");
        if (explicit != null && !explicit.isEmpty()) {
            return path("PYHOST_CACHE_DIR", explicit, properties).toAbsolutePath();
        }
        String property = properties.apply("pyhost.cache.dir");
        if (property != null && !property.isEmpty()) {
            return path("the system property pyhost.cache.dir", property, properties).toAbsolutePath();
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isEmpty()) {
            return path("XDG_CACHE_HOME", xdg, properties).resolve("pyhost").toAbsolutePath();
        }
        String home = properties.apply("user.home");
        return path("the home folder (user.home)", home, properties).resolve(".cache").resolve("pyhost");
    }

    private static Path path(String source, String value, UnaryOperator<String> properties) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            String encoding = properties.apply("sun.jnu.encoding");
            throw new ProviderException("Cannot use " + value + " (from " + source + ") for the embedded CPython: "
                    + "this JVM reads file names as " + encoding + ", the encoding of its locale (LC_ALL, LC_CTYPE, "
                    + "LANG), which cannot represent that name. Run under a UTF-8 locale (for example "
                    + "LC_ALL=C.UTF-8), or set PYHOST_CACHE_DIR to a folder whose name is plain ASCII.", e);
        }
    }
}
