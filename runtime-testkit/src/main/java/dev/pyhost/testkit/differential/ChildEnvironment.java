package dev.pyhost.testkit.differential;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The environment of a child process, immutable and exact to the byte: variables keep their order and any bytes
 * (this process's own are read from {@code /proc/self/environ}, not through {@link System#getenv()}, which decodes
 * them). Values given as text are encoded in UTF-8.
 */
public final class ChildEnvironment {
    /** Names as ISO-8859-1 strings (one char per byte), values as bytes. */
    private final Map<String, byte[]> variables;

    private ChildEnvironment(Map<String, byte[]> variables) {
        this.variables = Collections.unmodifiableMap(variables);
    }

    /** {@return an environment without variables} */
    public static ChildEnvironment empty() {
        return new ChildEnvironment(new LinkedHashMap<>());
    }

    /**
     * An environment of text variables.
     *
     * @param env the variables
     * @return the environment
     */
    public static ChildEnvironment of(Map<String, String> env) {
        return empty().withAll(env);
    }

    /**
     * This process's environment, byte for byte; the first of repeated names wins, as in CPython's
     * {@code os.environ}.
     *
     * @return the environment
     */
    public static ChildEnvironment inherited() {
        Map<String, byte[]> env = new LinkedHashMap<>();
        byte[] raw;
        try {
            raw = Files.readAllBytes(Path.of("/proc/self/environ"));
        } catch (IOException e) {
            System.getenv().forEach((k, v) -> env.put(latin1(k), v.getBytes(StandardCharsets.UTF_8)));
            return new ChildEnvironment(env);
        }
        int start = 0;
        for (int i = 0; i <= raw.length; i++) {
            if (i == raw.length || raw[i] == 0) {
                if (i > start) {
                    String entry = new String(raw, start, i - start, StandardCharsets.ISO_8859_1);
                    int eq = entry.indexOf('=');
                    if (eq >= 0) {
                        env.putIfAbsent(entry.substring(0, eq),
                                entry.substring(eq + 1).getBytes(StandardCharsets.ISO_8859_1));
                    }
                }
                start = i + 1;
            }
        }
        return new ChildEnvironment(env);
    }

    /**
     * What a differential test gives both processes: this process's environment without the {@code PYTHON*} and
     * {@code PYHOST*} variables, with {@code LANG=C.UTF-8} unless {@code LANG} is set.
     *
     * @return the environment
     */
    public static ChildEnvironment clean() {
        return inherited().without(n -> n.startsWith("PYTHON") || n.startsWith("PYHOST")).withIfAbsent("LANG",
                "C.UTF-8");
    }

    /**
     * Removes variables.
     *
     * @param name which names to remove
     * @return the new environment
     */
    public ChildEnvironment without(Predicate<String> name) {
        Map<String, byte[]> copy = new LinkedHashMap<>(variables);
        copy.keySet().removeIf(name);
        return new ChildEnvironment(copy);
    }

    /**
     * Sets a variable, replacing one of the same name.
     *
     * @param name the name
     * @param value the value
     * @return the new environment
     */
    public ChildEnvironment with(String name, String value) {
        checkName(name);
        Map<String, byte[]> copy = new LinkedHashMap<>(variables);
        copy.put(latin1(name), value.getBytes(StandardCharsets.UTF_8));
        return new ChildEnvironment(copy);
    }

    /**
     * Sets a variable unless one of that name is set.
     *
     * @param name the name
     * @param value the value
     * @return the new environment
     */
    public ChildEnvironment withIfAbsent(String name, String value) {
        return variables.containsKey(latin1(name)) ? this : with(name, value);
    }

    /**
     * Sets variables, in the map's order.
     *
     * @param env the variables
     * @return the new environment
     */
    public ChildEnvironment withAll(Map<String, String> env) {
        ChildEnvironment e = this;
        for (Map.Entry<String, String> v : env.entrySet()) {
            e = e.with(v.getKey(), v.getValue());
        }
        return e;
    }

    /**
     * Reads a variable.
     *
     * @param name the name
     * @return its value decoded as UTF-8, if set
     */
    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(latin1(name))).map(v -> new String(v, StandardCharsets.UTF_8));
    }

    /** {@return the variables as {@code NAME=value} byte strings, in order} */
    public List<byte[]> entries() {
        List<byte[]> list = new ArrayList<>(variables.size());
        variables.forEach((k, v) -> {
            byte[] name = k.getBytes(StandardCharsets.ISO_8859_1);
            byte[] entry = new byte[name.length + 1 + v.length];
            System.arraycopy(name, 0, entry, 0, name.length);
            entry[name.length] = '=';
            System.arraycopy(v, 0, entry, name.length + 1, v.length);
            list.add(entry);
        });
        return list;
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid environment variable name '" + name + "'");
        }
    }

    private static String latin1(String name) {
        return new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return "ChildEnvironment" + variables.keySet();
    }
}
