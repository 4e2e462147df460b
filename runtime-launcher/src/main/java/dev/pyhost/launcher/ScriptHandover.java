package dev.pyhost.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code bin/pyhost} observed before it started the JVM and the launcher must put right before CPython
 * starts, passed as system properties (invisible to Python, unlike environment variables):
 * <ul>
 * <li>{@value #CLOSED_FDS}: the standard descriptors (of 0, 1, 2, comma-separated) that were closed; the script
 *     holds them on {@code /dev/null} so that the JVM does not reuse them;</li>
 * <li>{@value #QUIT_IGNORED}: {@code true} when {@code SIGQUIT} was ignored, which the JVM overrides;</li>
 * <li>{@value #MOVED_ENV}: environment variables (comma-separated) the script moved aside so that the JVM would
 *     not read them ({@code JAVA_TOOL_OPTIONS}...), their values in {@value #SAVED_PREFIX}{@code NAME}, or set
 *     for the JVM alone ({@code MALLOC_ARENA_MAX}), with nothing saved.</li>
 * </ul>
 *
 * @param closedDescriptors the standard descriptors that were closed
 * @param quitIgnored whether {@code SIGQUIT} was ignored
 * @param movedEnvironment the environment variables to put back (or remove)
 */
record ScriptHandover(Set<Integer> closedDescriptors, boolean quitIgnored, List<String> movedEnvironment) {
    /** The property naming the closed standard descriptors. */
    static final String CLOSED_FDS = "pyhost.launcher.closedFds";
    /** The property telling that {@code SIGQUIT} was ignored. */
    static final String QUIT_IGNORED = "pyhost.launcher.quitIgnored";
    /** The property naming the environment variables moved aside. */
    static final String MOVED_ENV = "pyhost.launcher.movedEnv";
    /** The prefix of the variables that hold the values moved aside. */
    static final String SAVED_PREFIX = "PYHOST_SAVED_";

    ScriptHandover {
        closedDescriptors = Set.copyOf(closedDescriptors);
        movedEnvironment = List.copyOf(movedEnvironment);
    }

    /**
     * Reads the handover; absent properties (the launcher started without the script) mean nothing to put right.
     *
     * @param properties the system properties
     * @return the handover
     * @throws IllegalArgumentException if a property is malformed
     */
    static ScriptHandover from(Properties properties) {
        Set<Integer> closed = new TreeSet<>();
        for (String fd : split(properties.getProperty(CLOSED_FDS))) {
            if (!fd.equals("0") && !fd.equals("1") && !fd.equals("2")) {
                throw new IllegalArgumentException(CLOSED_FDS + " names " + fd + ", not a standard descriptor");
            }
            closed.add(Integer.parseInt(fd));
        }
        List<String> moved = new ArrayList<>();
        for (String name : split(properties.getProperty(MOVED_ENV))) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException(MOVED_ENV + " names '" + name + "', not a variable name");
            }
            moved.add(name);
        }
        return new ScriptHandover(closed, Boolean.parseBoolean(properties.getProperty(QUIT_IGNORED)), moved);
    }

    private static List<String> split(String list) {
        List<String> items = new ArrayList<>();
        if (list != null) {
            for (String item : list.split(",")) {
                if (!item.isEmpty()) {
                    items.add(item);
                }
            }
        }
        return items;
    }
}
