package dev.pyhost.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One CPython configuration setting, named exactly as its {@code PyConfig} field (and its PEP 741 option).
 * Each constant documents the {@code python} option or {@code PYTHON*} variable it corresponds to.
 *
 * @param <T> the Java type of its value: {@link Boolean}, {@link Integer}, {@link Long}, {@link String}
 *            or {@code List<String>}
 */
public final class Setting<T> {
    private static final Map<String, Setting<?>> BY_NAME = new LinkedHashMap<>();

    /** {@code sys.argv} (with {@link #PARSE_ARGV}, the whole command line after the program name). */
    public static final Setting<List<String>> ARGV = list("argv", 10);
    /** Parse {@link #ARGV} as a {@code python} command line. */
    public static final Setting<Boolean> PARSE_ARGV = bool("parse_argv", 10);
    /** {@code -c}: the command to run. */
    public static final Setting<String> RUN_COMMAND = string("run_command", 10);
    /** {@code -m}: the module to run. */
    public static final Setting<String> RUN_MODULE = string("run_module", 10);
    /** The script, directory or zip file to run. */
    public static final Setting<String> RUN_FILENAME = string("run_filename", 10);
    /** {@code -I}. */
    public static final Setting<Boolean> ISOLATED = bool("isolated", 10);
    /** Not {@code -E}: read {@code PYTHON*} variables. */
    public static final Setting<Boolean> USE_ENVIRONMENT = bool("use_environment", 10);
    /** {@code -P}, {@code PYTHONSAFEPATH} (CPython 3.11+). */
    public static final Setting<Boolean> SAFE_PATH = bool("safe_path", 11);
    /** Not {@code -S}: import {@code site}. */
    public static final Setting<Boolean> SITE_IMPORT = bool("site_import", 10);
    /** Not {@code -s}/{@code PYTHONNOUSERSITE}: add the user site directory. */
    public static final Setting<Boolean> USER_SITE_DIRECTORY = bool("user_site_directory", 10);
    /** Not {@code -B}/{@code PYTHONDONTWRITEBYTECODE}. */
    public static final Setting<Boolean> WRITE_BYTECODE = bool("write_bytecode", 10);
    /** {@code -O} count, {@code PYTHONOPTIMIZE}. */
    public static final Setting<Integer> OPTIMIZATION_LEVEL = count("optimization_level");
    /** {@code -v} count, {@code PYTHONVERBOSE}. */
    public static final Setting<Integer> VERBOSE = count("verbose");
    /** {@code -q}. */
    public static final Setting<Boolean> QUIET = bool("quiet", 10);
    /** Not {@code -u}/{@code PYTHONUNBUFFERED}. */
    public static final Setting<Boolean> BUFFERED_STDIO = bool("buffered_stdio", 10);
    /** {@code -i}, {@code PYTHONINSPECT}. */
    public static final Setting<Boolean> INSPECT = bool("inspect", 10);
    /** {@code -i}: treat standard input as interactive. */
    public static final Setting<Boolean> INTERACTIVE = bool("interactive", 10);
    /** {@code -X dev}, {@code PYTHONDEVMODE}. */
    public static final Setting<Boolean> DEV_MODE = bool("dev_mode", 10);
    /** {@code -W} options, {@code PYTHONWARNINGS}. */
    public static final Setting<List<String>> WARNOPTIONS = list("warnoptions", 10);
    /** {@code -X} options, each {@code name} or {@code name=value}. */
    public static final Setting<List<String>> XOPTIONS = list("xoptions", 10);
    /** {@code -b} count. */
    public static final Setting<Integer> BYTES_WARNING = count("bytes_warning");
    /** {@code -x}: skip the first line of the script. */
    public static final Setting<Boolean> SKIP_SOURCE_FIRST_LINE = bool("skip_source_first_line", 10);
    /** {@code PYTHONHASHSEED} as a number (0 disables randomization); range 0 to 4294967295. */
    public static final Setting<Long> HASH_SEED = define("hash_seed", Long.class, 10,
            v -> v >= 0 && v <= 4_294_967_295L, "must be in range [0; 4294967295]");
    /** {@code -X int_max_str_digits}, {@code PYTHONINTMAXSTRDIGITS} (0, or 640 and more; CPython 3.11+). */
    public static final Setting<Integer> INT_MAX_STR_DIGITS = define("int_max_str_digits", Integer.class,
            11, v -> v == 0 || v >= 640, "must be 0 (no limit) or at least 640");
    /** {@code -X utf8}, {@code PYTHONUTF8} (a pre-configuration setting). */
    public static final Setting<Boolean> UTF8_MODE = bool("utf8_mode", 10);
    /** {@code -X faulthandler}, {@code PYTHONFAULTHANDLER}. */
    public static final Setting<Boolean> FAULTHANDLER = bool("faulthandler", 10);
    /** {@code -X tracemalloc=N}, {@code PYTHONTRACEMALLOC}: frames to keep, 0 for off. */
    public static final Setting<Integer> TRACEMALLOC = count("tracemalloc");
    /** {@code -X pycache_prefix}, {@code PYTHONPYCACHEPREFIX}. */
    public static final Setting<String> PYCACHE_PREFIX = string("pycache_prefix", 10);
    /** {@code --check-hash-based-pycs}: {@code default}, {@code always} or {@code never}. */
    public static final Setting<String> CHECK_HASH_PYCS_MODE = define("check_hash_pycs_mode",
            String.class, 10, v -> Set.of("default", "always", "never").contains(v),
            "must be one of default, always, never");
    /** The encoding part of {@code PYTHONIOENCODING}. */
    public static final Setting<String> STDIO_ENCODING = string("stdio_encoding", 10);
    /** The error-handler part of {@code PYTHONIOENCODING}. */
    public static final Setting<String> STDIO_ERRORS = string("stdio_errors", 10);
    /** {@code PYTHONPATH}: entries joined with {@code :}. */
    public static final Setting<String> PYTHONPATH_ENV = string("pythonpath_env", 10);
    /** {@code PYTHONHOME}: the installation prefix. */
    public static final Setting<String> HOME = string("home", 10);
    /** The program name ({@code argv[0]} of a real {@code python}); used in messages and to find the prefix. */
    public static final Setting<String> PROGRAM_NAME = string("program_name", 10);
    /** {@code sys.executable}. */
    public static final Setting<String> EXECUTABLE = string("executable", 10);
    /** {@code sys.path}, replacing CPython's own computation. */
    public static final Setting<List<String>> MODULE_SEARCH_PATHS = list("module_search_paths", 10);
    /** Install CPython's signal handlers ({@code SIGINT} to {@code KeyboardInterrupt}). */
    public static final Setting<Boolean> INSTALL_SIGNAL_HANDLERS = bool("install_signal_handlers", 10);

    private final String name;
    private final Class<?> type;
    private final int sinceMinor;
    private final Predicate<Object> rule;
    private final String ruleText;

    @SuppressWarnings("unchecked")
    private Setting(String name, Class<?> type, int sinceMinor, Predicate<?> rule, String ruleText) {
        this.name = name;
        this.type = type;
        this.sinceMinor = sinceMinor;
        this.rule = (Predicate<Object>) rule;
        this.ruleText = ruleText;
    }

    private static <T> Setting<T> define(String name, Class<?> type, int since, Predicate<T> rule,
            String ruleText) {
        Setting<T> s = new Setting<>(name, type, since, rule, ruleText);
        BY_NAME.put(name, s);
        return s;
    }

    private static Setting<Boolean> bool(String name, int since) {
        return define(name, Boolean.class, since, v -> true, "");
    }

    private static Setting<Integer> count(String name) {
        return define(name, Integer.class, 10, v -> v >= 0, "must be 0 or greater");
    }

    private static Setting<String> string(String name, int since) {
        return define(name, String.class, since, v -> true, "");
    }

    private static Setting<List<String>> list(String name, int since) {
        return define(name, List.class, since, v -> true, "");
    }

    /** {@return every setting, in declaration order} */
    public static List<Setting<?>> all() {
        return List.copyOf(BY_NAME.values());
    }

    /**
     * Looks a setting up by its {@code PyConfig} name.
     *
     * @param name the name, for example {@code optimization_level}
     * @return the setting
     * @throws ConfigurationException if there is no such setting
     */
    public static Setting<?> named(String name) {
        Setting<?> s = BY_NAME.get(name);
        if (s == null) {
            throw new ConfigurationException(name, "Unknown setting '" + name + "'. Known settings: "
                    + String.join(", ", BY_NAME.keySet()));
        }
        return s;
    }

    /** {@return the {@code PyConfig} field name} */
    public String name() {
        return name;
    }

    /**
     * {@return the Java type of a value: {@link Boolean}, {@link Integer}, {@link Long} ({@code hash_seed}),
     * {@link String} or {@link List} of strings}
     */
    public Class<?> valueType() {
        return type;
    }

    /** {@return the first CPython 3 minor version that has this setting} */
    public int sinceMinor() {
        return sinceMinor;
    }

    /**
     * Reads a value from text, as configuration files and system properties give it: {@code true} or
     * {@code false} for a flag, a decimal number for a count or {@code hash_seed}, the text itself for a string,
     * and one entry per line for a list.
     *
     * @param text the text
     * @return the checked value
     * @throws ConfigurationException naming the setting and the text when it is not a valid value
     */
    public T parse(String text) {
        Objects.requireNonNull(text, "text");
        Object value;
        if (type == Boolean.class) {
            value = switch (text.strip()) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new ConfigurationException(name, "Setting " + name + " takes true or false, not '"
                        + text + "'");
            };
        } else if (type == Integer.class || type == Long.class) {
            try {
                long n = Long.parseLong(text.strip());
                value = type == Long.class ? (Object) n : (Object) Math.toIntExact(n);
            } catch (NumberFormatException | ArithmeticException e) {
                throw new ConfigurationException(name, "Setting " + name + " takes a whole number, not '" + text + "'");
            }
        } else if (type == List.class) {
            value = text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
        } else {
            value = text;
        }
        return check(value);
    }

    /**
     * Checks a value and returns an immutable copy of it.
     *
     * @param value the value
     * @return the value, lists copied
     * @throws ConfigurationException naming the setting and the value when it is invalid
     */
    @SuppressWarnings("unchecked")
    T check(Object value) {
        if (value == null) {
            throw new ConfigurationException(name, "Setting " + name + " must not be null; leave it unset instead");
        }
        if (!type.isInstance(value)) {
            throw new ConfigurationException(name, "Setting " + name + " takes a " + type.getSimpleName()
                    + ", not " + value.getClass().getSimpleName() + " (" + value + ")");
        }
        if (value instanceof List<?> l) {
            List<String> copy = new ArrayList<>(l.size());
            for (Object o : l) {
                if (!(o instanceof String str)) {
                    throw new ConfigurationException(name, "Setting " + name + " takes strings only; found " + o);
                }
                copy.add(noNul(str));
            }
            return (T) Collections.unmodifiableList(copy);
        }
        if (value instanceof String s) {
            noNul(s);
        }
        if (!rule.test(value)) {
            throw new ConfigurationException(name, "Invalid value for setting " + name + ": " + value + " (" + ruleText + ")");
        }
        return (T) value;
    }

    private String noNul(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new ConfigurationException(name, "Invalid value for setting " + name
                    + ": it contains a NUL character, which C strings cannot hold");
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Setting<?> s && s.name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
