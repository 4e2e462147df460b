package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_LONG;
import static dev.pyhost.cpython.Downcalls.C_POINTER;

import dev.pyhost.api.ConfigurationException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.Setting;
import dev.pyhost.api.backend.ResolvedSettings;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a {@link RuntimeConfig} to CPython 3.10-3.14 (on 3.14 for the Python profile; the isolated one goes
 * through {@link Pep741Initializer}) through the {@code PyPreConfig} and {@code PyConfig} structs, at the
 * offsets of {@link PyConfigLayout}, then initializes. Strings go through CPython's own setters
 * ({@code PyConfig_SetString}, {@code PyWideStringList_Append}, {@code PyConfig_SetBytesArgv}), never as
 * pointers CPython did not allocate.
 */
final class PyConfigStructInitializer {
    private final LibPython lib;
    private final PyConfigLayout layout;
    private final Arena arena;
    private MemorySegment config;

    PyConfigStructInitializer(LibPython lib, Arena arena) {
        this.lib = lib;
        this.layout = PyConfigLayout.forMinor(lib.version().minor());
        this.arena = arena;
    }

    /**
     * Pre-initializes, fills {@code PyConfig}, reads it ({@code PyConfig_Read}, which parses the command line
     * when asked) for the settings CPython resolves, then initializes from a second, unread copy.
     */
    ResolvedSettings initialize(RuntimeConfig rc, PythonInstallation installation) {
        boolean isolated = rc.profile() == RuntimeConfig.Profile.ISOLATED;
        boolean parse = rc.parsesCommandLine();
        List<String> argv = new ArrayList<>(rc.get(Setting.ARGV).orElse(List.of()));
        if (parse) {
            argv.addFirst(rc.get(Setting.PROGRAM_NAME).orElse(installation.executable().toString()));
        }
        MemorySegment argvBytes = bytesArgv(argv);

        MemorySegment pre = arena.allocate(PyConfigLayout.PRECONFIG_SIZE, 8);
        if (isolated) {
            CApi.PyPreConfig_InitIsolatedConfig(pre);
        } else {
            CApi.PyPreConfig_InitPythonConfig(pre);
        }
        pre.set(C_INT, PyConfigLayout.preconfigOffset("parse_argv"), parse ? 1 : 0);
        for (Setting<Boolean> s : List.of(Setting.ISOLATED, Setting.USE_ENVIRONMENT, Setting.DEV_MODE, Setting.UTF8_MODE)) {
            rc.get(s).ifPresent(v -> pre.set(C_INT, PyConfigLayout.preconfigOffset(s.name()), v ? 1 : 0));
        }
        if (parse) {
            PyStatusCheck.check(CApi.Py_PreInitializeFromBytesArgs(arena, pre, argv.size(), argvBytes));
        } else {
            PyStatusCheck.check(CApi.Py_PreInitialize(arena, pre));
        }

        ResolvedSettings settings;
        fill(rc, isolated, parse, argv, argvBytes, installation);
        try {
            PyStatusCheck.check(CApi.PyConfig_Read(arena, config));
            String programName = rc.get(Setting.PROGRAM_NAME)
                    .orElse(!argv.isEmpty() && !argv.getFirst().isEmpty() ? argv.getFirst() : "python3");
            settings = readBack(parse ? programName : installation.executable().toString());
        } finally {
            CApi.PyConfig_Clear(config);
        }
        // Initialize from a struct that was never read, as pymain_init does: on 3.10-3.13 Py_InitializeFromConfig
        // reads the config again, and a second read of a read config loses settings that the first derived from the
        // command line (-X warn_default_encoding is one).
        fill(rc, isolated, parse, argv, argvBytes, installation);
        try {
            PyStatusCheck.check(CApi.Py_InitializeFromConfig(arena, config));
            return settings;
        } finally {
            CApi.PyConfig_Clear(config);
        }
    }

    /** Allocates {@code config} and fills it from the runtime configuration, unread. */
    private void fill(RuntimeConfig rc, boolean isolated, boolean parse, List<String> argv, MemorySegment argvBytes,
            PythonInstallation installation) {
        config = arena.allocate(layout.size(), 8);
        if (isolated) {
            CApi.PyConfig_InitIsolatedConfig(config);
        } else {
            CApi.PyConfig_InitPythonConfig(config);
        }
        try {
            setInt("parse_argv", parse ? 1 : 0);
            if (!argv.isEmpty()) {
                PyStatusCheck.check(CApi.PyConfig_SetBytesArgv(arena, config, argv.size(), argvBytes));
            }
            if (rc.get(Setting.PROGRAM_NAME).isEmpty() && !parse) {
                setString("program_name", installation.executable().toString());
            }
            for (Map.Entry<Setting<?>, Object> e : rc.settings().entrySet()) {
                apply(e.getKey(), e.getValue());
            }
        } catch (RuntimeException | Error e) {
            CApi.PyConfig_Clear(config);
            throw e;
        }
    }

    private void apply(Setting<?> setting, Object value) {
        String name = setting.name();
        switch (name) {
            case "argv", "parse_argv", "utf8_mode" -> {
                return;
            }
            default -> {
            }
        }
        int minor = layout.minor();
        if (minor < setting.sinceMinor()) {
            throw new ConfigurationException(name, "Setting " + name + " needs CPython 3." + setting.sinceMinor()
                    + " or newer; this installation is " + lib.version());
        }
        if (name.equals("int_max_str_digits") && !layout.has(name)) {
            appendList("xoptions", "int_max_str_digits=" + value);
            return;
        }
        switch (value) {
            case Boolean b -> setInt(name, b ? 1 : 0);
            case Integer i -> setInt(name, i);
            case Long seed -> {
                config.set(C_LONG, layout.field(name).offset(), seed);
                setInt("use_hash_seed", 1);
            }
            case String s -> setString(name, s);
            case List<?> items -> {
                for (Object item : items) {
                    appendList(name, (String) item);
                }
                if (name.equals("module_search_paths")) {
                    setInt("module_search_paths_set", 1);
                }
            }
            default -> throw new IllegalArgumentException("setting " + name + " has a value of an unknown type: "
                    + value.getClass().getName());
        }
    }

    private void setInt(String name, int value) {
        config.set(C_INT, layout.field(name).offset(), value);
    }

    private void setString(String name, String value) {
        MemorySegment field = config.asSlice(layout.field(name).offset(), 8);
        PyStatusCheck.check(CApi.PyConfig_SetString(arena, config, field, wide(value)));
    }

    private void appendList(String name, String value) {
        MemorySegment list = config.asSlice(layout.field(name).offset(), 16);
        PyStatusCheck.check(CApi.PyWideStringList_Append(arena, list, wide(value)));
    }

    /** The resolved settings; {@code program_name} is computed later by getpath, so its default is given. */
    private ResolvedSettings readBack(String defaultProgramName) {
        boolean isolated = readInt("isolated") != 0;
        return new ResolvedSettings(
                readString("run_command"),
                readString("run_module"),
                readString("run_filename"),
                readList("argv"),
                readString("program_name").orElse(defaultProgramName),
                readInt("inspect") != 0,
                readInt("interactive") != 0,
                readInt("quiet") != 0,
                readInt("verbose"),
                readInt("site_import") != 0,
                isolated,
                layout.has("safe_path") ? readInt("safe_path") != 0 : isolated,
                readInt("use_environment") != 0,
                readInt("skip_source_first_line") != 0,
                LibC.isatty(0));
    }

    private int readInt(String name) {
        return config.get(C_INT, layout.field(name).offset());
    }

    private Optional<String> readString(String name) {
        MemorySegment p = config.get(C_POINTER, layout.field(name).offset());
        return p.address() == 0 ? Optional.empty() : Optional.of(fromWide(p));
    }

    @SuppressWarnings("restricted") // the items array holds as many pointers as the list's length says
    private List<String> readList(String name) {
        long offset = layout.field(name).offset();
        long n = config.get(C_LONG, offset);
        MemorySegment items = config.get(C_POINTER, offset + 8).reinterpret(n * C_POINTER.byteSize());
        List<String> out = new ArrayList<>((int) n);
        for (long i = 0; i < n; i++) {
            out.add(fromWide(items.getAtIndex(C_POINTER, i)));
        }
        return out;
    }

    /** A NUL-terminated {@code wchar_t} (UTF-32) copy; lone surrogates stay as they are, as in CPython. */
    private MemorySegment wide(String s) {
        int[] cps = s.codePoints().toArray();
        MemorySegment w = arena.allocate(4L * (cps.length + 1), 4);
        for (int i = 0; i < cps.length; i++) {
            w.setAtIndex(C_INT, i, cps[i]);
        }
        w.setAtIndex(C_INT, cps.length, 0);
        return w;
    }

    @SuppressWarnings("restricted") // a NUL-terminated wchar_t string has no known size
    static String fromWide(MemorySegment p) {
        MemorySegment w = p.reinterpret(Long.MAX_VALUE);
        StringBuilder sb = new StringBuilder();
        for (long i = 0; ; i++) {
            int cp = w.getAtIndex(C_INT, i);
            if (cp == 0) {
                return sb.toString();
            }
            sb.appendCodePoint(cp);
        }
    }

    private MemorySegment bytesArgv(List<String> argv) {
        MemorySegment array = arena.allocate(C_POINTER, Math.max(1, argv.size()));
        for (int i = 0; i < argv.size(); i++) {
            byte[] b = SurrogateUtf8.encodeEscape(argv.get(i));
            MemorySegment s = arena.allocate(b.length + 1L);
            MemorySegment.copy(b, 0, s, ValueLayout.JAVA_BYTE, 0, b.length);
            array.setAtIndex(C_POINTER, i, s);
        }
        return array;
    }
}
