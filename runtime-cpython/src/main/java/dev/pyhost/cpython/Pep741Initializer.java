package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_POINTER;

import dev.pyhost.api.ConfigurationException;
import dev.pyhost.api.InitializationException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.Setting;
import dev.pyhost.api.backend.ResolvedSettings;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a {@link RuntimeConfig} of the {@link RuntimeConfig.Profile#ISOLATED isolated} profile to CPython
 * 3.14+ through PEP 741's string-keyed {@code PyInitConfig} API, initializes, and reads the resolved settings
 * back with {@code PyConfig_Get}.
 *
 * <p>{@code PyInitConfig_Create} starts from the isolated preset, and the API cannot express the Python
 * preset's "decide from the environment" value (-1) for {@code dev_mode}, {@code faulthandler},
 * {@code tracemalloc}, {@code use_hash_seed}, {@code int_max_str_digits}, {@code utf8_mode} and others
 * ({@code PyInitConfig_SetInt} answers "config option value is out of unsigned int range"), so the Python
 * profile uses the {@code PyConfig} struct on 3.14 as well ({@link PyConfigStructInitializer}).
 */
final class Pep741Initializer {
    private final LibPython lib;
    private final Arena arena;
    private MemorySegment config = MemorySegment.NULL;

    Pep741Initializer(LibPython lib, Arena arena) {
        this.lib = lib;
        this.arena = arena;
    }

    void initialize(RuntimeConfig rc, PythonInstallation installation) {
        boolean parse = rc.parsesCommandLine();
        List<String> argv = new ArrayList<>(rc.get(Setting.ARGV).orElse(List.of()));
        if (parse) {
            argv.addFirst(rc.get(Setting.PROGRAM_NAME).orElse(installation.executable().toString()));
        }
        config = CApi314.PyInitConfig_Create();
        if (config.address() == 0) {
            throw InitializationException.error("PyInitConfig_Create", "memory allocation failed");
        }
        try {
            setInt("parse_argv", parse ? 1 : 0);
            if (!argv.isEmpty()) {
                setList("argv", argv);
            }
            if (!parse && rc.get(Setting.PROGRAM_NAME).isEmpty()) {
                setString("program_name", installation.executable().toString());
            }
            for (Map.Entry<Setting<?>, Object> e : rc.settings().entrySet()) {
                Setting<?> s = e.getKey();
                switch (s.name()) {
                    case "argv", "parse_argv" -> {
                        continue;
                    }
                    default -> {
                    }
                }
                switch (e.getValue()) {
                    case Boolean b -> setInt(s.name(), b ? 1 : 0);
                    case Integer i -> setInt(s.name(), i);
                    case Long l -> setInt(s.name(), l);
                    case String str -> setString(s.name(), str);
                    case List<?> items -> setList(s.name(), cast(items));
                    default -> throw new IllegalArgumentException("setting " + s.name()
                            + " has a value of an unknown type: " + e.getValue().getClass().getName());
                }
            }
            if (CApi314.Py_InitializeFromInitConfig(config) < 0) {
                MemorySegment code = arena.allocate(C_INT);
                if (CApi314.PyInitConfig_GetExitCode(config, code) == 1) {
                    throw InitializationException.exit(code.get(C_INT, 0));
                }
                throw InitializationException.error(null, error());
            }
        } finally {
            CApi314.PyInitConfig_Free(config);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> cast(Object value) {
        return (List<String>) value;
    }

    private void setInt(String name, long value) {
        int r;
        try (Arena a = Arena.ofConfined()) {
            r = CApi314.PyInitConfig_SetInt(config, a.allocateFrom(name), value);
        }
        check(r, name, value);
    }

    private void setString(String name, String value) {
        utf8(name, value);
        int r;
        try (Arena a = Arena.ofConfined()) {
            r = CApi314.PyInitConfig_SetStr(config, a.allocateFrom(name), a.allocateFrom(value));
        }
        check(r, name, value);
    }

    private void setList(String name, List<String> values) {
        int r;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment items = a.allocate(C_POINTER, Math.max(1, values.size()));
            for (int i = 0; i < values.size(); i++) {
                utf8(name, values.get(i));
                items.setAtIndex(C_POINTER, i, a.allocateFrom(values.get(i)));
            }
            r = CApi314.PyInitConfig_SetStrList(config, a.allocateFrom(name), values.size(), items);
        }
        check(r, name, values);
    }

    private static void utf8(String name, String value) {
        if (!SurrogateUtf8.isStrictUtf8(value)) {
            throw new ConfigurationException(name, "Setting " + name + " holds undecodable characters (" + value
                    + "), which PEP 741's UTF-8 API cannot carry");
        }
    }

    private void check(int r, String name, Object value) {
        if (r < 0) {
            throw new ConfigurationException(name, "CPython " + lib.version() + " rejects setting " + name + " = "
                    + value + ": " + error());
        }
    }

    private String error() {
        MemorySegment msg = arena.allocate(C_POINTER);
        return CApi314.PyInitConfig_GetError(config, msg) == 1 ? Downcalls.string(msg.get(C_POINTER, 0))
                : "unknown error";
    }

    /** Reads the resolved settings with {@code PyConfig_Get}; needs the GIL and the bootstrap. */
    static ResolvedSettings readBack(PyObjects py, Bootstrap boot, String defaultProgramName) {
        Reader r = new Reader(py, boot);
        boolean isolated = r.bool("isolated");
        return new ResolvedSettings(r.string("run_command"), r.string("run_module"), r.string("run_filename"),
                r.list("argv"), r.string("program_name").orElse(defaultProgramName), r.bool("inspect"),
                r.bool("interactive"), r.bool("quiet"), (int) r.number("verbose"), r.bool("site_import"), isolated,
                r.bool("safe_path"), r.bool("use_environment"), r.bool("skip_source_first_line"), LibC.isatty(0));
    }

    private record Reader(PyObjects py, Bootstrap boot) {
        Object get(String name) {
            MemorySegment o;
            try (Arena a = Arena.ofConfined()) {
                o = CApi314.PyConfig_Get(a.allocateFrom(name));
            }
            if (o.address() == 0) {
                py.decref(py.fetchException());
                throw new IllegalStateException("PyConfig_Get(" + name + ") failed");
            }
            try {
                return boot.encodeObject(o);
            } finally {
                py.decref(o);
            }
        }

        boolean bool(String name) {
            return number(name) != 0;
        }

        long number(String name) {
            Object v = get(name);
            return v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).longValue();
        }

        Optional<String> string(String name) {
            return Optional.ofNullable((String) get(name));
        }

        List<String> list(String name) {
            List<String> out = new ArrayList<>();
            for (Object o : (List<?>) get(name)) {
                out.add((String) o);
            }
            return out;
        }
    }
}
