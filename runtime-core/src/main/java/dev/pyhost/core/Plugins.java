package dev.pyhost.core;

import dev.pyhost.api.ProviderException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ordered, id-unique set of plug-ins of one kind, in three layers, each replacing the one below by id: the
 * built-in plug-ins, those discovered through {@link ServiceLoader} (unless discovery of this kind is off), and
 * those given explicitly. Two discovered plug-ins with one id are an error that names both classes; a plug-in
 * that {@link ServiceLoader} cannot load is an error that names the class, the service file and the jar.
 *
 * @param <T> the plug-in interface
 */
final class Plugins<T> {
    private static final Pattern PROVIDER = Pattern.compile("Provider (\\S+)");

    private final Class<T> type;
    private final List<T> ordered;

    private Plugins(Class<T> type, List<T> ordered) {
        this.type = type;
        this.ordered = List.copyOf(ordered);
    }

    /** How to read the id and the order of one kind of plug-in. */
    record Kind<T>(Class<T> type, Function<T, String> id, ToIntFunction<T> order) {
    }

    /**
     * Builds the set.
     *
     * @param kind the plug-in interface and how to read its id and order
     * @param builtins the built-in plug-ins, present whatever the discovery switch says
     * @param discover whether to use {@link ServiceLoader}
     * @param loader the class loader to discover with
     * @param explicit plug-ins given by the caller, which win over the others with the same id
     * @param <T> the plug-in interface
     * @return the ordered set
     * @throws ProviderException when two discovered or two explicit plug-ins share an id, an id is blank, or a
     *         discovered plug-in cannot be loaded
     */
    static <T> Plugins<T> of(Kind<T> kind, List<? extends T> builtins, boolean discover, ClassLoader loader,
            List<? extends T> explicit) {
        Map<String, T> byId = new LinkedHashMap<>();
        for (T builtin : builtins) {
            byId.put(checkedId(kind, builtin), builtin);
        }
        if (discover) {
            Map<String, T> discovered = new LinkedHashMap<>();
            for (T found : discover(kind.type(), loader)) {
                String key = checkedId(kind, found);
                T clash = discovered.putIfAbsent(key, found);
                if (clash != null && clash.getClass() != found.getClass()) {
                    throw new ProviderException("Two " + kind.type().getSimpleName() + " plug-ins claim the id '" + key
                            + "': " + clash.getClass().getName() + " and " + found.getClass().getName()
                            + ". Remove one from the class path, or pass the one you want explicitly.");
                }
            }
            byId.putAll(discovered);
        }
        Map<String, T> explicitById = new LinkedHashMap<>();
        for (T given : explicit) {
            String key = checkedId(kind, given);
            if (explicitById.putIfAbsent(key, given) != null) {
                throw new ProviderException("The " + kind.type().getSimpleName() + " id '" + key + "' was passed twice");
            }
        }
        byId.putAll(explicitById);
        List<T> list = new ArrayList<>(byId.values());
        list.sort(Comparator.comparingInt(kind.order()).thenComparing(kind.id()));
        return new Plugins<>(kind.type(), list);
    }

    /** Loads every provider, turning a {@link ServiceConfigurationError} into a message that names its origin. */
    private static <T> List<T> discover(Class<T> type, ClassLoader loader) {
        List<T> found = new ArrayList<>();
        Iterator<T> it = ServiceLoader.load(type, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return found;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                throw broken(type, loader, e);
            }
        }
    }

    static ProviderException broken(Class<?> type, ClassLoader loader, ServiceConfigurationError e) {
        String file = "META-INF/services/" + type.getName();
        Matcher m = PROVIDER.matcher(String.valueOf(e.getMessage()));
        String className = m.find() ? m.group(1) : null;
        String where = className == null ? null : serviceFileListing(loader, file, className);
        String what = className == null ? "A " + type.getSimpleName() + " plug-in" : "The " + type.getSimpleName()
                + " plug-in " + className;
        return new ProviderException(what + (where == null ? "" : ", listed in " + file + " of " + where)
                + ", cannot be loaded: " + e.getMessage()
                + (e.getCause() == null ? "" : " (" + e.getCause() + ")")
                + ". Remove that jar from the class path or fix its service file.", e);
    }

    /** The jar or folder whose service file names the class, for the message. */
    private static String serviceFileListing(ClassLoader loader, String file, String className) {
        try {
            Enumeration<URL> urls = loader.getResources(file);
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(),
                        StandardCharsets.UTF_8))) {
                    if (in.lines().map(l -> l.replaceFirst("#.*", "").strip()).anyMatch(className::equals)) {
                        return origin(url);
                    }
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // the message then names the class only
        }
        return null;
    }

    private static String origin(URL url) {
        String s = url.toString();
        if (s.startsWith("jar:")) {
            s = s.substring(4, s.indexOf("!/") < 0 ? s.length() : s.indexOf("!/"));
        } else {
            s = s.substring(0, s.length() - "META-INF/services/".length() - url.getPath().replaceFirst(".*/", "").length());
        }
        return s.startsWith("file:") ? s.substring(5) : s;
    }

    private static <T> String checkedId(Kind<T> kind, T plugin) {
        String key = kind.id().apply(plugin);
        if (key == null || key.isBlank()) {
            throw new ProviderException(kind.type().getSimpleName() + " " + plugin.getClass().getName()
                    + " has a blank id");
        }
        return key;
    }

    /** {@return the plug-ins, lowest order first} */
    List<T> ordered() {
        return ordered;
    }

    /**
     * Describes every candidate for an error message.
     *
     * @param describe how to describe one
     * @return one line per candidate, or a note that there are none
     */
    String describe(Function<T, String> describe) {
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
