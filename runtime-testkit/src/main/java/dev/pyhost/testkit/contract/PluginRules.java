package dev.pyhost.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Iterator;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/** The rules every kind of plug-in shares: its id and its order. */
final class PluginRules<T> {
    private final String kind;
    private final Class<T> type;
    private final Function<T, String> id;
    private final ToIntFunction<T> order;
    private final Map<String, Integer> builtins;

    /**
     * Rules for one kind of plug-in.
     *
     * @param kind the kind, in words
     * @param type the interface
     * @param id reads the id
     * @param order reads the order
     * @param builtins PyHost's own plug-ins of the kind: id, then order
     */
    PluginRules(String kind, Class<T> type, Function<T, String> id, ToIntFunction<T> order,
            Map<String, Integer> builtins) {
        this.kind = kind;
        this.type = type;
        this.id = id;
        this.order = order;
        this.builtins = builtins;
    }

    void idIsNonBlankAndStable(Supplier<? extends T> create) {
        T plugin = create.get();
        String first = id.apply(plugin);
        if (first == null || first.isBlank()) {
            fail("The " + kind + " " + plugin.getClass().getName() + " has a blank id ("
                    + (first == null ? "null" : "'" + first + "'") + "): PyHost refuses it with a ProviderException. "
                    + "Return a unique, non-blank id.");
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(first, id.apply(plugin), "The " + kind + "'s id changed between calls to id(); PyHost reads "
                    + "it several times (to replace a plug-in of the same id, in messages, in thread names)");
        }
        assertEquals(first, id.apply(create.get()), "A new instance of the " + kind + " has another id; each "
                + "runtime makes its own instance through ServiceLoader, so the id must not depend on the instance");
    }

    void idIsNotTakenByAnotherPlugin(T plugin, Set<String> replaces) {
        String own = id.apply(plugin);
        if (builtins.containsKey(own) && !replaces.contains(own)) {
            fail("The " + kind + " " + plugin.getClass().getName() + " has the id '" + own + "' of one of PyHost's "
                    + "built-in " + kind + "s, so it silently replaces that one. Choose another id, or, if replacing it "
                    + "is the intent, return \"" + own + "\" from replaces().");
        }
        for (String r : replaces) {
            if (!r.equals(own)) {
                fail("replaces() names '" + r + "', but the " + kind + "'s id is '" + own + "': a plug-in replaces "
                        + "only the plug-in of its own id");
            }
        }
        Iterator<T> found = ServiceLoader.load(type, plugin.getClass().getClassLoader()).iterator();
        while (true) {
            T other;
            try {
                if (!found.hasNext()) {
                    return;
                }
                other = found.next();
            } catch (ServiceConfigurationError e) {
                continue; // a broken service entry of someone else is not this plug-in's fault
            }
            if (other.getClass() != plugin.getClass() && own.equals(id.apply(other)) && !replaces.contains(own)) {
                fail("The id '" + own + "' of the " + kind + " " + plugin.getClass().getName() + " is also claimed by "
                        + other.getClass().getName() + ", found through ServiceLoader on this class path: PyHost "
                        + "refuses two discovered plug-ins with one id. Choose a unique id.");
            }
        }
    }

    void orderIsStable(Supplier<? extends T> create) {
        T plugin = create.get();
        int first = order.applyAsInt(plugin);
        for (int i = 0; i < 3; i++) {
            assertEquals(first, order.applyAsInt(plugin), "The " + kind + "'s order changed between calls to "
                    + "order(); PyHost sorts by it, so the precedence would depend on when it asked");
        }
        assertEquals(first, order.applyAsInt(create.get()), "A new instance of the " + kind + " has another order");
    }

    void orderIsUnambiguous(T plugin) {
        String own = id.apply(plugin);
        int mine = order.applyAsInt(plugin);
        for (Map.Entry<String, Integer> b : builtins.entrySet()) {
            if (!b.getKey().equals(own) && b.getValue() == mine) {
                fail("The " + kind + " '" + own + "' has order " + mine + ", the order of PyHost's built-in '"
                        + b.getKey() + "': which one PyHost asks first then depends on the spelling of the ids. "
                        + "Choose an order before or after it (see BuiltinPlugins).");
            }
        }
    }
}
