package dev.pyhost.cdi;

import dev.pyhost.api.ConfigurationException;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the properties say about one runtime: its configuration and how the container runs it. Every invalid
 * property becomes a problem that names the property, its value and the source, reported as a deployment problem.
 *
 * @param name the runtime's name
 * @param prefix its property prefix, {@code pyhost.} or {@code pyhost.runtime.<name>.}
 * @param config the configuration, or empty when a property is invalid
 * @param eager whether to start with the container ({@code startup=eager}) rather than on first use
 * @param onJvmShutdown what PyHost's own JVM shutdown hook does; {@code NOTHING} by default, as the container owns
 *        shutdown
 * @param shutdownTimeout how long container shutdown waits for running Python code and for finalization
 * @param exitHandlerTimeout how long one exit handler may run
 * @param discovery whether {@link java.util.ServiceLoader} plug-ins are discovered too
 * @param problems what is wrong, one message per property
 */
record RuntimeSpec(String name, String prefix, Optional<RuntimeConfig> config, boolean eager,
        PythonRuntime.JvmShutdown onJvmShutdown, Duration shutdownTimeout, Duration exitHandlerTimeout,
        boolean discovery, List<String> problems) {

    /** The prefix of every PyHost property. */
    static final String ROOT = "pyhost.";
    /** Where named runtimes are configured: {@code pyhost.runtime.<name>.}. */
    static final String NAMED = ROOT + "runtime.";
    /** Keys under {@code pyhost.} that belong to other parts of PyHost. */
    static final Set<String> FOREIGN = Set.of("pyhost.cache.dir");
    static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_EXIT_HANDLER_TIMEOUT = Duration.ofSeconds(10);
    private static final List<String> KEYS = List.of("python", "profile", "startup", "on-jvm-shutdown",
            "shutdown-timeout", "exit-handler-timeout", "discovery", "settings.<pyconfig_name>",
            "environment.<VARIABLE>");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");

    /**
     * Names every runtime the properties mention, the default one first.
     *
     * @param source the properties
     * @return the names
     */
    static Set<String> names(PropertySource source) {
        Set<String> names = new TreeSet<>();
        for (String key : source.pyhostKeys()) {
            if (key.startsWith(NAMED)) {
                String rest = key.substring(NAMED.length());
                int dot = rest.indexOf('.');
                if (dot > 0) {
                    names.add(rest.substring(0, dot));
                }
            }
        }
        names.remove(PyRuntime.DEFAULT);
        return names;
    }

    /** {@return the property prefix of a runtime} */
    static String prefixOf(String name) {
        return name.equals(PyRuntime.DEFAULT) ? ROOT : NAMED + name + ".";
    }

    /**
     * Reads one runtime's properties.
     *
     * @param name the runtime's name
     * @param source the properties
     * @return what they say
     */
    static RuntimeSpec read(String name, PropertySource source) {
        return new Reader(name, source).read();
    }

    /** Reads the properties of one runtime, collecting one problem per invalid property. */
    private static final class Reader {
        private final String name;
        private final String prefix;
        private final PropertySource source;
        private final List<String> problems = new ArrayList<>();

        Reader(String name, PropertySource source) {
            this.name = name;
            this.prefix = prefixOf(name);
            this.source = source;
        }

        private void problem(String key, String value, String why) {
            problems.add("PyHost property " + key + (value == null ? "" : "='" + value + "'") + " (from "
                    + source.describe() + ") is invalid: " + why);
        }

        private Optional<String> get(String key) {
            return source.get(prefix + key).map(String::strip);
        }

        RuntimeSpec read() {
            RuntimeConfig.Profile profile = RuntimeConfig.Profile.ISOLATED;
            Optional<String> p = get("profile");
            if (p.isPresent()) {
                try {
                    profile = RuntimeConfig.Profile.valueOf(p.get().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    problem(prefix + "profile", p.get(), "takes isolated or python");
                }
            }
            RuntimeConfig.Builder b = RuntimeConfig.builder(profile);
            get("python").ifPresent(v -> {
                if (v.isEmpty()) {
                    problem(prefix + "python", v, "names a python executable, so it must not be empty");
                } else {
                    b.python(Path.of(v));
                }
            });
            boolean eager = false;
            Optional<String> startup = get("startup");
            if (startup.isPresent()) {
                switch (startup.get().toLowerCase(Locale.ROOT)) {
                    case "eager" -> eager = true;
                    case "lazy" -> eager = false;
                    default -> problem(prefix + "startup", startup.get(), "takes lazy or eager");
                }
            }
            PythonRuntime.JvmShutdown jvm = PythonRuntime.JvmShutdown.NOTHING;
            Optional<String> j = get("on-jvm-shutdown");
            if (j.isPresent()) {
                try {
                    jvm = PythonRuntime.JvmShutdown.valueOf(j.get().toUpperCase(Locale.ROOT).replace('-', '_'));
                } catch (IllegalArgumentException e) {
                    problem(prefix + "on-jvm-shutdown", j.get(), "takes nothing, finalize or exit-handlers-only");
                }
            }
            Duration shutdown = duration("shutdown-timeout", DEFAULT_SHUTDOWN_TIMEOUT);
            Duration perHandler = duration("exit-handler-timeout", DEFAULT_EXIT_HANDLER_TIMEOUT);
            boolean discovery = true;
            Optional<String> d = get("discovery");
            if (d.isPresent()) {
                switch (d.get()) {
                    case "true" -> discovery = true;
                    case "false" -> discovery = false;
                    default -> problem(prefix + "discovery", d.get(), "takes true or false");
                }
            }
            for (String key : source.pyhostKeys()) {
                if (!key.startsWith(prefix)) {
                    continue;
                }
                String rest = key.substring(prefix.length());
                String value = source.get(key).orElse("");
                if (rest.startsWith("settings.")) {
                    String setting = rest.substring("settings.".length());
                    try {
                        b.set(setting, Setting.named(setting).parse(value));
                    } catch (ConfigurationException e) {
                        problem(key, value, e.getMessage());
                    }
                } else if (rest.startsWith("environment.")) {
                    try {
                        b.environment(rest.substring("environment.".length()), value);
                    } catch (ConfigurationException e) {
                        problem(key, value, e.getMessage());
                    }
                } else if (name.equals(PyRuntime.DEFAULT) && rest.startsWith("runtime.")
                        && rest.indexOf('.', "runtime.".length()) < 0) {
                    problem(key, null, "names no runtime property; a named runtime is configured with "
                            + NAMED + "<name>.<key>");
                } else if (!known(rest) && !(name.equals(PyRuntime.DEFAULT) && (rest.startsWith("runtime.")
                        || FOREIGN.contains(key)))) {
                    problem(key, null, "is not a PyHost property; the keys under " + prefix + " are "
                            + String.join(", ", KEYS) + (name.equals(PyRuntime.DEFAULT)
                                    ? ", and runtime.<name>.<key> for a named runtime" : ""));
                }
            }
            Optional<RuntimeConfig> config = problems.isEmpty() ? Optional.of(b.build()) : Optional.empty();
            return new RuntimeSpec(name, prefix, config, eager, jvm, shutdown, perHandler, discovery,
                    List.copyOf(problems));
        }

        private static boolean known(String rest) {
            return KEYS.stream().filter(k -> !k.contains("<")).anyMatch(rest::equals);
        }

        /** Reads a duration: {@code 500ms}, {@code 5s}, {@code 2m}, or ISO-8601 such as {@code PT5S}. */
        private Duration duration(String key, Duration fallback) {
            Optional<String> text = get(key);
            if (text.isEmpty()) {
                return fallback;
            }
            String t = text.get();
            Duration d = null;
            Matcher m = DURATION.matcher(t);
            try {
                if (m.matches()) {
                    long n = Long.parseLong(m.group(1));
                    d = switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        default -> Duration.ofMinutes(n);
                    };
                } else {
                    d = Duration.parse(t);
                }
            } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
                d = null;
            }
            if (d == null || d.isNegative() || d.isZero()) {
                problem(prefix + key, t, "takes a positive duration such as 500ms, 5s, 2m or PT5S");
                return fallback;
            }
            return d;
        }
    }
}
