package dev.pyhost.cpython;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Memory layout of CPython's {@code PyConfig} and {@code PyPreConfig} structs for CPython
 * 3.10 to 3.14 on Linux x86-64 release builds (no {@code Py_DEBUG}, no {@code Py_STATS}, no
 * {@code Py_GIL_DISABLED}, no {@code MS_WINDOWS}, no {@code __APPLE__}).
 *
 * <p>The field order and C types are transcribed from each version's
 * {@code Include/cpython/initconfig.h}; offsets are not hard-coded but computed with the
 * LP64 C alignment rules ({@code int} 4-byte aligned, pointers, {@code unsigned long} and
 * {@code PyWideStringList} 8-byte aligned, struct size rounded up to 8).
 */
final class PyConfigLayout {

    /** C type of a {@code PyConfig} field, as far as the layout is concerned. */
    enum Kind {
        /** {@code int}: 4 bytes, 4-byte aligned. */
        INT,
        /** {@code unsigned long}: 8 bytes, 8-byte aligned (LP64). */
        ULONG,
        /** {@code wchar_t *}: 8 bytes, 8-byte aligned. */
        WSTR,
        /**
         * {@code PyWideStringList} = {@code {Py_ssize_t length; wchar_t **items;}}: 16 bytes,
         * 8-byte aligned.
         */
        WSTR_LIST
    }

    /**
     * One field of {@code PyConfig}.
     *
     * @param name   the C field name
     * @param kind   the field's C type
     * @param offset the byte offset of the field from the start of the struct
     */
    record Field(String name, Kind kind, long offset) { }

    /** {@code sizeof(PyPreConfig)}: ten {@code int}s, identical on CPython 3.8 to 3.14 on Linux. */
    static final long PRECONFIG_SIZE = 40;

    /** {@code PyPreConfig} fields in declaration order (all {@code int}; no MS_WINDOWS field). */
    private static final List<String> PRECONFIG_FIELDS = List.of(
            "_config_init", "parse_argv", "isolated", "use_environment", "configure_locale",
            "coerce_c_locale", "coerce_c_locale_warn", "utf8_mode", "dev_mode", "allocator");

    private static final int MIN_MINOR = 10;
    private static final int MAX_MINOR = 14;

    /**
     * A declared field, present in CPython 3.{@code since} to 3.{@code until} inclusive.
     */
    private record Decl(String name, Kind kind, int since, int until) { }

    /**
     * {@code PyConfig} fields in declaration order across all supported versions; each entry
     * records the range of minor versions that declare it.
     */
    private static final List<Decl> DECLS = List.of(
            all("_config_init", Kind.INT),
            all("isolated", Kind.INT),
            all("use_environment", Kind.INT),
            all("dev_mode", Kind.INT),
            all("install_signal_handlers", Kind.INT),
            all("use_hash_seed", Kind.INT),
            all("hash_seed", Kind.ULONG),
            all("faulthandler", Kind.INT),
            all("tracemalloc", Kind.INT),
            since(12, "perf_profiling", Kind.INT),
            since(14, "remote_debug", Kind.INT),
            all("import_time", Kind.INT),
            since(11, "code_debug_ranges", Kind.INT),
            all("show_ref_count", Kind.INT),
            all("dump_refs", Kind.INT),
            since(11, "dump_refs_file", Kind.WSTR),
            all("malloc_stats", Kind.INT),
            all("filesystem_encoding", Kind.WSTR),
            all("filesystem_errors", Kind.WSTR),
            all("pycache_prefix", Kind.WSTR),
            all("parse_argv", Kind.INT),
            all("orig_argv", Kind.WSTR_LIST),
            all("argv", Kind.WSTR_LIST),
            all("xoptions", Kind.WSTR_LIST),
            all("warnoptions", Kind.WSTR_LIST),
            all("site_import", Kind.INT),
            all("bytes_warning", Kind.INT),
            all("warn_default_encoding", Kind.INT),
            all("inspect", Kind.INT),
            all("interactive", Kind.INT),
            all("optimization_level", Kind.INT),
            all("parser_debug", Kind.INT),
            all("write_bytecode", Kind.INT),
            all("verbose", Kind.INT),
            all("quiet", Kind.INT),
            all("user_site_directory", Kind.INT),
            all("configure_c_stdio", Kind.INT),
            all("buffered_stdio", Kind.INT),
            all("stdio_encoding", Kind.WSTR),
            all("stdio_errors", Kind.WSTR),
            // legacy_windows_stdio: MS_WINDOWS only
            all("check_hash_pycs_mode", Kind.WSTR),
            since(11, "use_frozen_modules", Kind.INT),
            since(11, "safe_path", Kind.INT),
            since(12, "int_max_str_digits", Kind.INT),
            since(14, "thread_inherit_context", Kind.INT),
            since(14, "context_aware_warnings", Kind.INT),
            // use_system_logger (3.14+): __APPLE__ only
            since(13, "cpu_count", Kind.INT),
            // enable_gil (3.13+), tlbc_enabled (3.14+): Py_GIL_DISABLED only
            all("pathconfig_warnings", Kind.INT),
            all("program_name", Kind.WSTR),
            all("pythonpath_env", Kind.WSTR),
            all("home", Kind.WSTR),
            all("platlibdir", Kind.WSTR),
            all("module_search_paths_set", Kind.INT),
            all("module_search_paths", Kind.WSTR_LIST),
            since(11, "stdlib_dir", Kind.WSTR),
            all("executable", Kind.WSTR),
            all("base_executable", Kind.WSTR),
            all("prefix", Kind.WSTR),
            all("base_prefix", Kind.WSTR),
            all("exec_prefix", Kind.WSTR),
            all("base_exec_prefix", Kind.WSTR),
            all("skip_source_first_line", Kind.INT),
            all("run_command", Kind.WSTR),
            all("run_module", Kind.WSTR),
            all("run_filename", Kind.WSTR),
            since(13, "sys_path_0", Kind.WSTR),
            all("_install_importlib", Kind.INT),
            all("_init_main", Kind.INT),
            new Decl("_isolated_interpreter", Kind.INT, 10, 11),
            since(11, "_is_python_build", Kind.INT)
            // _pystats (3.12+): Py_STATS only; run_presite (3.13+): Py_DEBUG only
    );

    private static final PyConfigLayout[] LAYOUTS = new PyConfigLayout[MAX_MINOR - MIN_MINOR + 1];

    static {
        for (int minor = MIN_MINOR; minor <= MAX_MINOR; minor++) {
            LAYOUTS[minor - MIN_MINOR] = new PyConfigLayout(minor);
        }
    }

    private final int minor;
    private final long size;
    private final List<Field> fields;
    private final Map<String, Field> byName;

    private PyConfigLayout(int minor) {
        this.minor = minor;
        List<Field> list = new ArrayList<>();
        Map<String, Field> map = new HashMap<>();
        long offset = 0;
        for (Decl d : DECLS) {
            if (minor < d.since() || minor > d.until()) {
                continue;
            }
            offset = align(offset, alignment(d.kind()));
            Field f = new Field(d.name(), d.kind(), offset);
            list.add(f);
            map.put(f.name(), f);
            offset += size(d.kind());
        }
        this.size = align(offset, 8);
        this.fields = Collections.unmodifiableList(list);
        this.byName = Map.copyOf(map);
    }

    /**
     * Whether this class knows the {@code PyConfig} layout of CPython 3.{@code minor}.
     *
     * @param minor the CPython minor version (e.g. {@code 12} for 3.12)
     * @return {@code true} for 10 to 14
     */
    static boolean supports(int minor) {
        return minor >= MIN_MINOR && minor <= MAX_MINOR;
    }

    /**
     * Returns the layout of {@code PyConfig} for CPython 3.{@code minor}.
     *
     * @param minor the CPython minor version (e.g. {@code 12} for 3.12)
     * @return the layout, never {@code null}
     * @throws IllegalArgumentException if {@link #supports(int)} is {@code false} for {@code minor}
     */
    static PyConfigLayout forMinor(int minor) {
        if (!supports(minor)) {
            throw new IllegalArgumentException("No PyConfig layout for CPython 3." + minor
                    + "; supported versions are 3." + MIN_MINOR + " to 3." + MAX_MINOR);
        }
        return LAYOUTS[minor - MIN_MINOR];
    }

    /**
     * The CPython minor version this layout describes.
     *
     * @return the minor version (e.g. {@code 12} for 3.12)
     */
    int minor() {
        return minor;
    }

    /**
     * {@code sizeof(PyConfig)} for this version.
     *
     * @return the struct size in bytes
     */
    long size() {
        return size;
    }

    /**
     * Whether this version's {@code PyConfig} declares a field of the given name.
     *
     * @param name the C field name
     * @return {@code true} if the field exists in this version
     */
    boolean has(String name) {
        return byName.containsKey(name);
    }

    /**
     * Returns the named field of this version's {@code PyConfig}.
     *
     * @param name the C field name
     * @return the field with its kind and offset
     * @throws IllegalArgumentException if this version has no such field
     */
    Field field(String name) {
        Field f = byName.get(name);
        if (f == null) {
            throw new IllegalArgumentException(
                    "PyConfig of CPython 3." + minor + " has no field '" + name + "'");
        }
        return f;
    }

    /**
     * All fields of this version's {@code PyConfig}.
     *
     * @return the fields in declaration order, as an unmodifiable list
     */
    List<Field> fields() {
        return fields;
    }

    /**
     * Byte offset of a field of {@code PyPreConfig} (all fields are {@code int}; identical on
     * CPython 3.8 to 3.14 on Linux).
     *
     * @param name the C field name, e.g. {@code "utf8_mode"}
     * @return the byte offset of the field
     * @throws IllegalArgumentException if {@code PyPreConfig} has no such field
     */
    static long preconfigOffset(String name) {
        int index = PRECONFIG_FIELDS.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("PyPreConfig has no field '" + name + "'");
        }
        return 4L * index;
    }

    private static Decl all(String name, Kind kind) {
        return new Decl(name, kind, MIN_MINOR, MAX_MINOR);
    }

    private static Decl since(int minor, String name, Kind kind) {
        return new Decl(name, kind, minor, MAX_MINOR);
    }

    private static long size(Kind kind) {
        return switch (kind) {
            case INT -> 4;
            case ULONG, WSTR -> 8;
            case WSTR_LIST -> 16;
        };
    }

    private static long alignment(Kind kind) {
        return switch (kind) {
            case INT -> 4;
            case ULONG, WSTR, WSTR_LIST -> 8;
        };
    }

    private static long align(long offset, long alignment) {
        return (offset + alignment - 1) / alignment * alignment;
    }
}
