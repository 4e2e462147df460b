package dev.pyhost.cdi;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Starts Weld SE containers for the tests: a synthetic bean archive of the given classes (no class-path scan, so that
 * the beans of one test do not take part in another) with the extension added by hand (Weld reads no service file
 * when discovery is off; {@code ReadmeSampleIT} covers discovery through it), and PyHost properties set as system
 * properties for the container's start and removed when the test closes them.
 */
final class Containers implements AutoCloseable {
    private final Map<String, String> previous = new LinkedHashMap<>();

    /**
     * Sets system properties until {@link #close()}.
     *
     * @param keyValues key, value, key, value...
     * @return the holder
     */
    static Containers withProperties(String... keyValues) {
        Containers c = new Containers();
        for (int i = 0; i < keyValues.length; i += 2) {
            c.previous.putIfAbsent(keyValues[i], System.getProperty(keyValues[i]));
            System.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return c;
    }

    /**
     * Starts a container holding these bean classes.
     *
     * @param beans the bean classes
     * @return the running container
     */
    WeldContainer start(Class<?>... beans) {
        return weld(beans).initialize();
    }

    /**
     * A Weld SE builder for a container holding these bean classes and no shutdown hook (each test closes its own).
     *
     * @param beans the bean classes
     * @return the builder
     */
    static Weld weld(Class<?>... beans) {
        return new Weld().disableDiscovery().addExtension(new PyHostExtension()).addBeanClasses(beans).property(Weld.SHUTDOWN_HOOK_SYSTEM_PROPERTY, false);
    }

    @Override
    public void close() {
        previous.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }
}
