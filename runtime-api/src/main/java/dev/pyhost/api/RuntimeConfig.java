package dev.pyhost.api;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The immutable configuration of one embedded CPython runtime: the analogue of {@code PyConfig}.
 *
 * <p>Every setting is optional: an unset setting keeps CPython's own default for the chosen {@link Profile}
 * (and, in the Python profile, whatever the {@code PYTHON*} environment variables say). Values are checked
 * when they are set, so an invalid one fails fast with a {@link ConfigurationException} that names the
 * setting and the value.
 *
 * <pre>{@code
 * RuntimeConfig config = RuntimeConfig.builder()
 *         .command("import sys; print(sys.version)")
 *         .set(Setting.OPTIMIZATION_LEVEL, 1)
 *         .build();
 * }</pre>
 *
 * <p>A {@code python} command line becomes a configuration through {@link #commandLine(List)}: CPython's own
 * parser then reads it, so exactly the options the selected version accepts are accepted, and errors look
 * exactly as {@code python} prints them.
 */
public final class RuntimeConfig {
    /** CPython's two configuration presets. */
    public enum Profile {
        /**
         * {@code PyConfig_InitPythonConfig}: behaves like the {@code python} command (reads the environment,
         * installs signal handlers, parses {@code argv} when asked).
         */
        PYTHON,
        /**
         * {@code PyConfig_InitIsolatedConfig}: ignores the environment and the user site directory, installs no
         * signal handlers; the safe default for services.
         */
        ISOLATED
    }

    private final Profile profile;
    private final Map<Setting<?>, Object> values;
    private final Map<String, String> environment;
    private final Path python;

    private RuntimeConfig(Builder b) {
        this.profile = b.profile;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(b.values));
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(b.environment));
        this.python = b.python;
    }

    /** {@return a builder for the Python profile} */
    public static Builder builder() {
        return new Builder(Profile.PYTHON);
    }

    /**
     * Starts a builder.
     *
     * @param profile the preset
     * @return the builder
     */
    public static Builder builder(Profile profile) {
        return new Builder(Objects.requireNonNull(profile, "profile"));
    }

    /**
     * A configuration for a {@code python} command line, parsed by CPython itself at initialization.
     *
     * @param arguments the arguments after the program name, as {@code python} would receive them
     * @return the configuration (Python profile, {@code parse_argv} on)
     */
    public static RuntimeConfig commandLine(List<String> arguments) {
        return builder().commandLine(arguments).build();
    }

    /** {@return the preset} */
    public Profile profile() {
        return profile;
    }

    /**
     * Reads a setting.
     *
     * @param setting the setting
     * @param <T> its type
     * @return its value, or empty when unset (CPython's default applies)
     */
    public <T> Optional<T> get(Setting<T> setting) {
        @SuppressWarnings("unchecked")
        T v = (T) values.get(setting);
        return Optional.ofNullable(v);
    }

    /** {@return every setting that was set, in the order it was first set} */
    public Map<Setting<?>, Object> settings() {
        return values;
    }

    /**
     * {@return environment variables to set in this process before CPython starts; CPython reads them in the
     * Python profile. They change the environment of the whole process.}
     */
    public Map<String, String> environment() {
        return environment;
    }

    /** {@return the python executable chosen explicitly, if any (it wins over every other locator)} */
    public Optional<Path> python() {
        return Optional.ofNullable(python);
    }

    /** {@return whether the command line is parsed by CPython ({@code parse_argv})} */
    public boolean parsesCommandLine() {
        return get(Setting.PARSE_ARGV).orElse(false);
    }

    /** {@return a builder holding this configuration, to derive a changed copy} */
    public Builder toBuilder() {
        Builder b = new Builder(profile);
        b.values.putAll(values);
        b.environment.putAll(environment);
        b.python = python;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuntimeConfig c && c.profile == profile && c.values.equals(values)
                && c.environment.equals(environment) && Objects.equals(c.python, python);
    }

    @Override
    public int hashCode() {
        return Objects.hash(profile, values, environment, python);
    }

    @Override
    public String toString() {
        return "RuntimeConfig[" + profile + ", " + values + (environment.isEmpty() ? "" : ", env=" + environment.keySet())
                + (python == null ? "" : ", python=" + python) + "]";
    }

    /** Builds a {@link RuntimeConfig}. Not thread-safe; the built configuration is. */
    public static final class Builder {
        private final Profile profile;
        private final Map<Setting<?>, Object> values = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path python;

        private Builder(Profile profile) {
            this.profile = profile;
        }

        /**
         * Sets a setting.
         *
         * @param setting the setting
         * @param value its value
         * @param <T> its type
         * @return this builder
         * @throws ConfigurationException naming the setting and the value when it is invalid
         */
        public <T> Builder set(Setting<T> setting, T value) {
            values.put(setting, setting.check(value));
            return this;
        }

        /**
         * Sets a setting by its {@code PyConfig} name, for configuration read from text (CDI, properties).
         *
         * @param name the setting name
         * @param value the value, of the setting's type
         * @return this builder
         * @throws ConfigurationException for an unknown name or an invalid value
         */
        @SuppressWarnings("unchecked")
        public Builder set(String name, Object value) {
            Setting<Object> s = (Setting<Object>) Setting.named(name);
            values.put(s, s.check(value));
            return this;
        }

        /**
         * Forgets a setting, so CPython's default applies.
         *
         * @param setting the setting
         * @return this builder
         */
        public Builder unset(Setting<?> setting) {
            values.remove(setting);
            return this;
        }

        /**
         * Uses a {@code python} command line, parsed by CPython's own parser.
         *
         * @param arguments the arguments after the program name
         * @return this builder
         */
        public Builder commandLine(List<String> arguments) {
            set(Setting.PARSE_ARGV, true);
            return set(Setting.ARGV, List.copyOf(arguments));
        }

        /**
         * Runs a command, as {@code python -c} does; {@code sys.argv} becomes {@code ['-c', args...]}.
         *
         * @param source the Python source
         * @param args further arguments for {@code sys.argv}
         * @return this builder
         */
        public Builder command(String source, String... args) {
            set(Setting.RUN_COMMAND, source);
            return argv("-c", args);
        }

        /**
         * Runs a module as {@code __main__}, as {@code python -m} does.
         *
         * @param module the module name
         * @param args further arguments for {@code sys.argv}
         * @return this builder
         */
        public Builder module(String module, String... args) {
            set(Setting.RUN_MODULE, module);
            return argv("-m", args);
        }

        /**
         * Runs a script, a directory or a zip file holding {@code __main__.py}, as {@code python FILE} does.
         *
         * @param file the path
         * @param args further arguments for {@code sys.argv}
         * @return this builder
         */
        public Builder file(Path file, String... args) {
            set(Setting.RUN_FILENAME, file.toString());
            return argv(file.toString(), args);
        }

        private Builder argv(String first, String... rest) {
            String[] all = new String[rest.length + 1];
            all[0] = first;
            System.arraycopy(rest, 0, all, 1, rest.length);
            return set(Setting.ARGV, Arrays.asList(all));
        }

        /**
         * Sets an environment variable in this process before CPython starts.
         *
         * @param name the variable
         * @param value its value
         * @return this builder
         */
        public Builder environment(String name, String value) {
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
                throw new ConfigurationException("environment", "Invalid environment variable '" + name + "'");
            }
            environment.put(name, value);
            return this;
        }

        /**
         * Chooses the installation by its python executable (a venv's python selects the venv).
         *
         * @param executable the python executable
         * @return this builder
         */
        public Builder python(Path executable) {
            this.python = Objects.requireNonNull(executable, "executable");
            return this;
        }

        /** {@return the configuration} */
        public RuntimeConfig build() {
            return new RuntimeConfig(this);
        }
    }
}
