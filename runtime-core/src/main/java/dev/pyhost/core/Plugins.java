package dev.pyhost.core;

import dev.pyhost.api.ProviderException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * An ordered, id-unique set of plug-ins of one kind: those discovered through {@link ServiceLoader} (unless
 * discovery is off) plus those given explicitly. An explicit plug-in replaces a discovered one with the same id;
 * two discovered plug-ins with one id are an error that names both classes.
 *
 * @param <T> the plug-in interface
 */
public final class Plugins<T> {
    private final Class<T> type;
    private final List<T> ordered;

    private Plugins(Class<T> type, List<T> ordered) {
        this.type = type;
        this.ordered = List.copyOf(ordered);
    }

    /**
     * Builds the set.
     *
     * @param type the plug-in interface
     * @param discover whether to use {@link ServiceLoader}
     * @param loader the class loader to discover with
     * @param explicit plug-ins given by the caller, which win over discovered ones with the same id
     * @param id how to read a plug-in's id
     * @param order how to read a plug-in's order (lower first; ties broken by id)
     * @param <T> the plug-in interface
     * @return the ordered set
     * @throws ProviderException when two discovered plug-ins share an id, or an id is blank
     */
    public static <T> Plugins<T> of(Class<T> type, boolean discover, ClassLoader loader, List<? extends T> explicit,
            Function<T, String> id, ToIntFunction<T> order) {
        Map<String, T> byId = new LinkedHashMap<>();
        if (discover) {
            for (T found : ServiceLoader.load(type, loader)) {
                String key = checkedId(type, found, id);
                T clash = byId.putIfAbsent(key, found);
                if (clash != null) {
                    throw new ProviderException("Two " + type.getSimpleName() + " plug-ins claim the id '" + key + "': "
                            + clash.getClass().getName() + " and " + found.getClass().getName()
                            + ". Remove one from the class path, or pass the one you want explicitly.");
                }
            }
        }
        Map<String, T> explicitById = new LinkedHashMap<>();
        for (T given : explicit) {
            String key = checkedId(type, given, id);
            if (explicitById.putIfAbsent(key, given) != null) {
                throw new ProviderException("The " + type.getSimpleName() + " id '" + key + "' was passed twice");
            }
            byId.put(key, given);
        }
        List<T> list = new ArrayList<>(byId.values());
        list.sort(Comparator.comparingInt(order).thenComparing(id));
        return new Plugins<>(type, list);
    }

    private static <T> String checkedId(Class<T> type, T plugin, Function<T, String> id) {
        String key = id.apply(plugin);
        if (key == null || key.isBlank()) {
            throw new ProviderException(type.getSimpleName() + " " + plugin.getClass().getName() + " has a blank id");
        }
        return key;
    }

    /** {@return the plug-ins, lowest order first} */
    public List<T> ordered() {
        return ordered;
    }

    /** {@return the plug-in interface} */
    public Class<T> type() {
        return type;
    }

    /**
     * Describes every candidate for an error message.
     *
     * @param describe how to describe one
     * @return one line per candidate, or a note that there are none
     */
    public String describe(Function<T, String> describe) {
        if (ordered.isEmpty()) {
            return "  (none: no " + type.getSimpleName() + " was discovered or given; is the jar that provides one on "
                    + "the class or module path?)";
        }
        StringBuilder sb = new StringBuilder();
        for (T t : ordered) {
            sb.append("  - ").append(describe.apply(t)).append(" [").append(t.getClass().getName()).append("]\n");
        }
        return sb.toString().stripTrailing();
    }
}
