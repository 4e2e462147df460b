package dev.pyhost.cpython;

import static dev.pyhost.cpython.LibPython.status;
import static dev.pyhost.cpython.LibPython.voidFn;
import static dev.pyhost.cpython.LibC.INT;
import static dev.pyhost.cpython.LibC.LONG;
import static dev.pyhost.cpython.LibC.PTR;

import dev.pyhost.api.ConfigurationException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.Setting;
import dev.pyhost.api.backend.ResolvedSettings;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a {@link RuntimeConfig} to CPython 3.10-3.13 through the {@code PyPreConfig} and {@code PyConfig}
 * structs, at the offsets of {@link PyConfigLayout}, then initializes. Strings go through CPython's own setters
 * ({@code PyConfig_SetString}, {@code PyWideStringList_Append}, {@code PyConfig_SetBytesArgv}), never as
 * pointers CPython did not allocate.
 */
@SuppressWarnings("restricted") // this module is the one place that calls native code
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
     * when asked), initializes, and returns the settings CPython resolved.
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
        invokeVoid(isolated ? "PyPreConfig_InitIsolatedConfig" : "PyPreConfig_InitPythonConfig", pre);
        pre.set(INT, PyConfigLayout.preconfigOffset("parse_argv"), parse ? 1 : 0);
        for (Setting<Boolean> s : List.of(Setting.ISOLATED, Setting.USE_ENVIRONMENT, Setting.DEV_MODE, Setting.UTF8_MODE)) {
            rc.get(s).ifPresent(v -> pre.set(INT, PyConfigLayout.preconfigOffset(s.name()), v ? 1 : 0));
        }
        if (parse) {
            PyStatusCheck.check(invokeStatus("Py_PreInitializeFromBytesArgs", status(PTR, LONG, PTR), pre, (long) argv.size(), argvBytes));
        } else {
            PyStatusCheck.check(invokeStatus("Py_PreInitialize", status(PTR), pre));
        }

        config = arena.allocate(layout.size(), 8);
        invokeVoid(isolated ? "PyConfig_InitIsolatedConfig" : "PyConfig_InitPythonConfig", config);
        try {
            setInt("parse_argv", parse ? 1 : 0);
            if (!argv.isEmpty()) {
                PyStatusCheck.check(invokeStatus("PyConfig_SetBytesArgv", status(PTR, LONG, PTR), config, (long) argv.size(), argvBytes));
            }
            if (rc.get(Setting.PROGRAM_NAME).isEmpty() && !parse) {
                setString("program_name", installation.executable().toString());
            }
            for (Map.Entry<Setting<?>, Object> e : rc.settings().entrySet()) {
                apply(e.getKey(), e.getValue());
            }
            PyStatusCheck.check(invokeStatus("PyConfig_Read", status(PTR), config));
            String programName = rc.get(Setting.PROGRAM_NAME)
                    .orElse(!argv.isEmpty() && !argv.getFirst().isEmpty() ? argv.getFirst() : "python3");
            ResolvedSettings settings = readBack(parse ? programName : installation.executable().toString());
            PyStatusCheck.check(invokeStatus("Py_InitializeFromConfig", status(PTR), config));
            return settings;
        } finally {
            invokeVoid("PyConfig_Clear", config);
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
                config.set(LONG, layout.field(name).offset(), seed);
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
        config.set(INT, layout.field(name).offset(), value);
    }

    private void setString(String name, String value) {
        MemorySegment field = config.asSlice(layout.field(name).offset(), 8);
        PyStatusCheck.check(invokeStatus("PyConfig_SetString", status(PTR, PTR, PTR), config, field, wide(value)));
    }

    private void appendList(String name, String value) {
        MemorySegment list = config.asSlice(layout.field(name).offset(), 16);
        PyStatusCheck.check(invokeStatus("PyWideStringList_Append", status(PTR, PTR), list, wide(value)));
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
        return config.get(INT, layout.field(name).offset());
    }

    private Optional<String> readString(String name) {
        MemorySegment p = config.get(PTR, layout.field(name).offset());
        return p.address() == 0 ? Optional.empty() : Optional.of(fromWide(p));
    }

    private List<String> readList(String name) {
        long offset = layout.field(name).offset();
        long n = config.get(LONG, offset);
        MemorySegment items = config.get(PTR, offset + 8).reinterpret(n * 8);
        List<String> out = new ArrayList<>((int) n);
        for (long i = 0; i < n; i++) {
            out.add(fromWide(items.getAtIndex(PTR, i)));
        }
        return out;
    }

    /** A NUL-terminated {@code wchar_t} (UTF-32) copy; lone surrogates stay as they are, as in CPython. */
    private MemorySegment wide(String s) {
        int[] cps = s.codePoints().toArray();
        MemorySegment w = arena.allocate(4L * (cps.length + 1), 4);
        for (int i = 0; i < cps.length; i++) {
            w.setAtIndex(INT, i, cps[i]);
        }
        w.setAtIndex(INT, cps.length, 0);
        return w;
    }

    static String fromWide(MemorySegment p) {
        MemorySegment w = p.reinterpret(Long.MAX_VALUE);
        StringBuilder sb = new StringBuilder();
        for (long i = 0; ; i++) {
            int cp = w.getAtIndex(INT, i);
            if (cp == 0) {
                return sb.toString();
            }
            sb.appendCodePoint(cp);
        }
    }

    private MemorySegment bytesArgv(List<String> argv) {
        MemorySegment array = arena.allocate(PTR, Math.max(1, argv.size()));
        for (int i = 0; i < argv.size(); i++) {
            byte[] b = SurrogateUtf8.encodeEscape(argv.get(i));
            MemorySegment s = arena.allocate(b.length + 1L);
            MemorySegment.copy(b, 0, s, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, b.length);
            array.setAtIndex(PTR, i, s);
        }
        return array;
    }

    private void invokeVoid(String name, MemorySegment arg) {
        try {
            lib.fn(name, voidFn(PTR)).invokeExact(arg);
        } catch (Throwable t) {
            throw LibC.rethrow(name, t);
        }
    }

    private MemorySegment invokeStatus(String name, java.lang.foreign.FunctionDescriptor fd, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = (SegmentAllocator) arena;
        System.arraycopy(args, 0, all, 1, args.length);
        try {
            return (MemorySegment) lib.fn(name, fd).invokeWithArguments(all);
        } catch (Throwable t) {
            throw LibC.rethrow(name, t);
        }
    }
}
