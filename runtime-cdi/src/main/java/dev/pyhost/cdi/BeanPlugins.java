package dev.pyhost.cdi;

import dev.pyhost.api.ProviderException;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.api.spi.ExitHandler;
import dev.pyhost.api.spi.InstallationLocator;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The CDI beans that implement a plug-in interface and take part in one runtime: those without {@link PyRuntime},
 * and those whose {@link PyRuntime} names it. They are handed to {@link PythonRuntime.Builder} as explicit
 * plug-ins, so they follow the same rules as discovered ones: ordered by {@code order()}, and a bean replaces a
 * built-in or discovered plug-in with the same id. Two beans with one id are an error naming both bean classes.
 * Instances of {@code @Dependent} beans are kept, to be destroyed once the runtime has finalized.
 */
final class BeanPlugins {
    private final List<Instance.Handle<?>> dependents = new ArrayList<>();

    /**
     * Adds every plug-in bean for a runtime to a builder.
     *
     * @param manager the container
     * @param runtime the runtime's name
     * @param builder the builder
     * @return the collected plug-ins, holding the dependent instances to destroy later
     * @throws ProviderException when two beans of one kind claim one id
     */
    static BeanPlugins addTo(BeanManager manager, String runtime, PythonRuntime.Builder builder) {
        BeanPlugins plugins = new BeanPlugins();
        try {
            plugins.select(manager, ExecutionMode.class, ExecutionMode::id, runtime).forEach(builder::mode);
            plugins.select(manager, InstallationLocator.class, InstallationLocator::id, runtime).forEach(builder::locator);
            plugins.select(manager, ExitHandler.class, ExitHandler::id, runtime).forEach(builder::exitHandler);
        } catch (RuntimeException e) {
            plugins.destroy();
            throw e;
        }
        return plugins;
    }

    private <T> List<T> select(BeanManager manager, Class<T> type, Function<T, String> id, String runtime) {
        Map<String, Bean<?>> owners = new LinkedHashMap<>();
        List<T> out = new ArrayList<>();
        Instance<T> beans = manager.createInstance().select(type, Any.Literal.INSTANCE);
        for (Instance.Handle<T> handle : beans.handles()) {
            Bean<T> bean = handle.getBean();
            if (!targets(bean, runtime)) {
                continue;
            }
            T plugin = handle.get();
            if (bean.getScope() == Dependent.class) {
                dependents.add(handle);
            }
            String key = id.apply(plugin);
            Bean<?> clash = owners.putIfAbsent(key, bean);
            if (clash != null) {
                throw new ProviderException("Two " + type.getSimpleName() + " beans claim the id '" + key + "' for the "
                        + "PyHost runtime '" + runtime + "': " + clash.getBeanClass().getName() + " and "
                        + bean.getBeanClass().getName() + ". Give one another id, or qualify each with "
                        + "@PyRuntime(\"<name>\") for the runtime it belongs to.");
            }
            out.add(plugin);
        }
        return out;
    }

    private static boolean targets(Bean<?> bean, String runtime) {
        boolean qualified = false;
        for (Annotation q : bean.getQualifiers()) {
            if (q instanceof PyRuntime named) {
                if (named.value().equals(runtime)) {
                    return true;
                }
                qualified = true;
            }
        }
        return !qualified;
    }

    /** Destroys the instances of {@code @Dependent} plug-in beans; idempotent. */
    void destroy() {
        for (Instance.Handle<?> handle : dependents) {
            handle.destroy();
        }
        dependents.clear();
    }
}
