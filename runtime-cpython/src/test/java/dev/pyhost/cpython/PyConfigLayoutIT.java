package dev.pyhost.cpython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.cpython.PyConfigLayout.Field;
import dev.pyhost.cpython.PyConfigLayout.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemoryLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks {@link PyConfigLayout} (and the {@code PyStatus} layout of {@link PyStatusCheck}) against known offsets
 * and, when gcc and the headers
 * (pyenv-installed CPythons for 3.10 to 3.13, the bytedeco CPython jar in the local Maven
 * repository for 3.14) are available, against what gcc computes from the real headers.
 */
class PyConfigLayoutIT {

    /** Version of the bytedeco CPython artifact whose headers are used for 3.14. */
    private static final String BYTEDECO_314 = "3.14.3-1.5.13";

    /** Where the headers live inside the bytedeco CPython jar. */
    private static final String BYTEDECO_INCLUDE = "org/bytedeco/cpython/linux-x86_64/include/";

    /** PyPreConfig fields (Linux) with their expected offsets, in declaration order. */
    private static final Map<String, Long> PRECONFIG = orderedMap(
            "_config_init", 0L, "parse_argv", 4L, "isolated", 8L, "use_environment", 12L,
            "configure_locale", 16L, "coerce_c_locale", 20L, "coerce_c_locale_warn", 24L,
            "utf8_mode", 28L, "dev_mode", 32L, "allocator", 36L);

    /** The fields of {@code PyStatus}, which {@link PyStatusCheck#LAYOUT} declares. */
    private static final List<String> STATUS_FIELDS = List.of("_type", "func", "err_msg", "exitcode");

    /** Checks sizeof(PyConfig) and a few field offsets that are known independently. */
    @ParameterizedTest(name = "CPython 3.{0}")
    @CsvSource({
        // minor, size, parse_argv, argv, inspect, program_name, run_command, module_search_paths_set
        "10, 392,  80, 104, 164, 240, 352, 272",
        "11, 424,  96, 120, 180, 264, 384, 296",
        "12, 432, 104, 128, 188, 272, 392, 304",
        "13, 448, 104, 128, 188, 280, 400, 312",
        "14, 456, 104, 128, 188, 288, 408, 320",
    })
    void knownOffsets(int minor, long size, long parseArgv, long argv, long inspect,
            long programName, long runCommand, long modulePathsSet) {
        PyConfigLayout layout = PyConfigLayout.forMinor(minor);
        assertEquals(minor, layout.minor());
        assertEquals(size, layout.size(), "sizeof(PyConfig)");
        assertEquals(4, layout.field("isolated").offset());
        assertEquals(8, layout.field("use_environment").offset());
        assertEquals(16, layout.field("install_signal_handlers").offset());
        assertEquals(parseArgv, layout.field("parse_argv").offset());
        assertEquals(argv, layout.field("argv").offset());
        assertEquals(inspect, layout.field("inspect").offset());
        assertEquals(programName, layout.field("program_name").offset());
        assertEquals(runCommand, layout.field("run_command").offset());
        assertEquals(modulePathsSet, layout.field("module_search_paths_set").offset());
        assertEquals(Kind.WSTR_LIST, layout.field("argv").kind());
        assertEquals(Kind.ULONG, layout.field("hash_seed").kind());
    }

    /** Checks version-specific fields and the consistency of the field list. */
    @ParameterizedTest(name = "CPython 3.{0}")
    @ValueSource(ints = {10, 11, 12, 13, 14})
    void fieldListIsConsistent(int minor) {
        PyConfigLayout layout = PyConfigLayout.forMinor(minor);
        List<Field> fields = layout.fields();
        assertEquals("_config_init", fields.getFirst().name());
        assertEquals(0, fields.getFirst().offset());
        for (int i = 1; i < fields.size(); i++) {
            assertTrue(fields.get(i).offset() > fields.get(i - 1).offset(), fields.get(i).name());
            assertEquals(fields.get(i), layout.field(fields.get(i).name()));
        }
        assertTrue(layout.size() > fields.getLast().offset());
        assertEquals(0, layout.size() % 8);
        assertThrows(UnsupportedOperationException.class, () -> fields.add(fields.getFirst()));

        assertEquals(minor >= 11, layout.has("stdlib_dir"));
        assertEquals(minor >= 12, layout.has("int_max_str_digits"));
        assertEquals(minor >= 13, layout.has("sys_path_0"));
        assertEquals(minor <= 11, layout.has("_isolated_interpreter"));
        for (String added : List.of("remote_debug", "thread_inherit_context", "context_aware_warnings")) {
            assertEquals(minor >= 14, layout.has(added), added);
        }
        if (minor >= 14) {
            assertEquals(layout.field("perf_profiling").offset() + 4, layout.field("remote_debug").offset());
            assertEquals(layout.field("int_max_str_digits").offset() + 4,
                    layout.field("thread_inherit_context").offset());
            assertEquals(layout.field("context_aware_warnings").offset() + 4, layout.field("cpu_count").offset());
        }
        // Only in special builds (MS_WINDOWS, Py_GIL_DISABLED, Py_STATS, Py_DEBUG, __APPLE__).
        for (String absent : List.of("legacy_windows_stdio", "enable_gil", "tlbc_enabled", "_pystats",
                "run_presite", "use_system_logger")) {
            assertFalse(layout.has(absent), absent);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layout.field("no_such_field"));
        assertEquals("PyConfig of CPython 3." + minor + " has no field 'no_such_field'", e.getMessage());
    }

    /** Checks which versions are supported and how unsupported ones are rejected. */
    @Test
    void supportedVersions() {
        for (int minor = 0; minor < 20; minor++) {
            assertEquals(minor >= 10 && minor <= 14, PyConfigLayout.supports(minor));
        }
        assertTrue(PyConfigLayout.forMinor(12) == PyConfigLayout.forMinor(12));
        for (int minor : new int[] {9, 15, -1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PyConfigLayout.forMinor(minor));
            assertTrue(e.getMessage().contains("3." + minor), e.getMessage());
            assertTrue(e.getMessage().contains("3.10") && e.getMessage().contains("3.14"), e.getMessage());
        }
    }

    /** Checks PyPreConfig offsets and size. */
    @Test
    void preconfig() {
        assertEquals(40, PyConfigLayout.PRECONFIG_SIZE);
        PRECONFIG.forEach((name, offset) ->
                assertEquals(offset.longValue(), PyConfigLayout.preconfigOffset(name), name));
        assertThrows(IllegalArgumentException.class, () -> PyConfigLayout.preconfigOffset("legacy_windows_fs_encoding"));
    }

    /**
     * Compiles a C program against the real headers of a pyenv-installed CPython and compares
     * the declared members (names and types, after preprocessing), every offsetof() and both
     * sizeof()s with the Java layout.
     */
    @ParameterizedTest(name = "CPython {0}")
    @ValueSource(strings = {"3.10.13", "3.11.7", "3.12.1", "3.13.0"})
    void matchesGcc(String version, @TempDir Path tmp) throws Exception {
        int minor = Integer.parseInt(version.split("\\.")[1]);
        assumeGcc(tmp);
        Result pyenv = runOrSkip(tmp, "pyenv not on PATH", "pyenv", "prefix", version);
        Assumptions.assumeTrue(pyenv.exit() == 0,
                "pyenv has no CPython " + version + ": " + pyenv.output().strip());
        Path include = Path.of(pyenv.output().strip()).resolve("include/python3." + minor);
        Assumptions.assumeTrue(Files.isRegularFile(include.resolve("Python.h"))
                        && Files.isRegularFile(include.resolve("cpython/initconfig.h")),
                "no CPython headers in " + include);
        compareWithGcc("CPython " + version, PyConfigLayout.forMinor(minor), include, tmp);
    }

    /**
     * Like {@link #matchesGcc}, for CPython 3.14, with the headers extracted from the bytedeco
     * CPython jar in the local Maven repository (a Linux x86-64 release GIL build).
     */
    @Test
    void matchesGcc314(@TempDir Path tmp) throws Exception {
        assumeGcc(tmp);
        String repo = System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        Path jar = Path.of(repo, "org", "bytedeco", "cpython", BYTEDECO_314,
                "cpython-" + BYTEDECO_314 + "-linux-x86_64.jar");
        if (!Files.isRegularFile(jar)) {
            Assumptions.abort("no bytedeco CPython jar at " + jar);
        }
        Path include = extractIncludes(jar, tmp.resolve("include")).resolve("python3.14");
        assertTrue(Files.isRegularFile(include.resolve("Python.h"))
                        && Files.isRegularFile(include.resolve("cpython/initconfig.h")),
                "no CPython 3.14 headers in " + jar);
        compareWithGcc("CPython " + BYTEDECO_314 + " (bytedeco)", PyConfigLayout.forMinor(14), include, tmp);
    }

    /** Skips the calling test unless gcc can be run. */
    private static void assumeGcc(Path tmp) throws Exception {
        Result gcc = runOrSkip(tmp, "gcc not on PATH", "gcc", "--version");
        Assumptions.assumeTrue(gcc.exit() == 0, "gcc --version failed: " + gcc.output());
    }

    /**
     * Extracts the entries under {@link #BYTEDECO_INCLUDE} of {@code jar} into {@code target}.
     *
     * @return {@code target}
     */
    private static Path extractIncludes(Path jar, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        int files = 0;
        try (JarFile jf = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> en = jf.entries(); en.hasMoreElements(); ) {
                JarEntry entry = en.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !name.startsWith(BYTEDECO_INCLUDE)) {
                    continue;
                }
                Path out = root.resolve(name.substring(BYTEDECO_INCLUDE.length())).normalize();
                assertTrue(out.startsWith(root), "jar entry escapes the target directory: " + name);
                Files.createDirectories(out.getParent());
                try (InputStream in = jf.getInputStream(entry)) {
                    Files.copy(in, out);
                }
                files++;
            }
        }
        assertTrue(files > 0, "no " + BYTEDECO_INCLUDE + " entries in " + jar);
        return root;
    }

    /**
     * Preprocesses, compiles and runs {@link #cProgram} against the headers in {@code include}
     * and compares members, offsets and sizes with {@code layout} and the PyPreConfig constants.
     */
    private static void compareWithGcc(String label, PyConfigLayout layout, Path include, Path tmp)
            throws Exception {
        Path source = tmp.resolve("offsets.c");
        Files.writeString(source, cProgram(layout));

        // 1. Members as the compiler sees them (comments gone, #ifdefs resolved).
        Result pre = run(tmp, "gcc", "-E", "-P", "-I" + include, source.toString());
        assertEquals(0, pre.exit(), pre.output());
        Map<String, Kind> declared = declaredMembers(pre.output(), "PyConfig");
        Map<String, Kind> expected = new LinkedHashMap<>();
        layout.fields().forEach(f -> expected.put(f.name(), f.kind()));
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(declared.entrySet()),
                label + ": PyConfig members (name=kind) in declaration order");
        Map<String, Kind> preDeclared = declaredMembers(pre.output(), "PyPreConfig");
        assertEquals(List.copyOf(PRECONFIG.keySet()), List.copyOf(preDeclared.keySet()),
                label + ": PyPreConfig members");
        assertTrue(preDeclared.values().stream().allMatch(k -> k == Kind.INT), preDeclared.toString());

        // 2. Offsets and sizes as the compiler computes them.
        Path exe = tmp.resolve("offsets");
        Result cc = run(tmp, "gcc", "-I" + include, "-o", exe.toString(), source.toString());
        assertEquals(0, cc.exit(), cc.output());
        Result out = run(tmp, exe.toString());
        assertEquals(0, out.exit(), out.output());
        Map<String, Long> actual = new LinkedHashMap<>();
        for (String line : out.output().strip().split("\n")) {
            String[] parts = line.strip().split(" ");
            actual.put(parts[0], Long.parseLong(parts[1]));
        }

        Map<String, Long> want = new LinkedHashMap<>();
        want.put("sizeof(PyConfig)", layout.size());
        layout.fields().forEach(f -> want.put("PyConfig." + f.name(), f.offset()));
        want.put("sizeof(PyPreConfig)", PyConfigLayout.PRECONFIG_SIZE);
        PRECONFIG.keySet().forEach(n -> want.put("PyPreConfig." + n, PyConfigLayout.preconfigOffset(n)));
        want.put("sizeof(PyStatus)", PyStatusCheck.LAYOUT.byteSize());
        for (String n : STATUS_FIELDS) {
            want.put("PyStatus." + n, PyStatusCheck.LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement(n)));
        }
        List<String> mismatches = new ArrayList<>();
        want.forEach((key, value) -> {
            if (!value.equals(actual.get(key))) {
                mismatches.add(key + ": java " + value + ", gcc " + actual.get(key));
            }
        });
        assertEquals(want.keySet(), actual.keySet());
        assertTrue(mismatches.isEmpty(), label + " mismatches: " + mismatches);
    }

    /** C source printing sizeof and offsetof for every field in the layout and PyPreConfig. */
    private static String cProgram(PyConfigLayout layout) {
        StringBuilder c = new StringBuilder();
        c.append("#include <Python.h>\n#include <stddef.h>\n#include <stdio.h>\n");
        c.append("#if PY_MAJOR_VERSION != 3 || PY_MINOR_VERSION != ").append(layout.minor())
                .append("\n#error \"headers are not CPython 3.").append(layout.minor()).append("\"\n#endif\n");
        c.append("int main(void) {\n");
        c.append("    printf(\"sizeof(PyConfig) %zu\\n\", sizeof(PyConfig));\n");
        for (Field f : layout.fields()) {
            c.append("    printf(\"PyConfig.").append(f.name()).append(" %zu\\n\", offsetof(PyConfig, ")
                    .append(f.name()).append("));\n");
        }
        c.append("    printf(\"sizeof(PyPreConfig) %zu\\n\", sizeof(PyPreConfig));\n");
        for (String name : PRECONFIG.keySet()) {
            c.append("    printf(\"PyPreConfig.").append(name).append(" %zu\\n\", offsetof(PyPreConfig, ")
                    .append(name).append("));\n");
        }
        c.append("    printf(\"sizeof(PyStatus) %zu\\n\", sizeof(PyStatus));\n");
        for (String name : STATUS_FIELDS) {
            c.append("    printf(\"PyStatus.").append(name).append(" %zu\\n\", offsetof(PyStatus, ")
                    .append(name).append("));\n");
        }
        c.append("    return 0;\n}\n");
        return c.toString();
    }

    private static final Pattern MEMBER = Pattern.compile(
            "(int|unsigned long|wchar_t \\*|PyWideStringList) (\\w+)");

    /** Members of {@code typedef struct NAME {...} NAME;} in preprocessed source. */
    private static Map<String, Kind> declaredMembers(String preprocessed, String struct) {
        Matcher m = Pattern.compile("typedef\\s+struct\\s+" + struct + "\\s*\\{(.*?)\\}\\s*" + struct + "\\s*;",
                Pattern.DOTALL).matcher(preprocessed);
        assertTrue(m.find(), "no typedef struct " + struct + " in preprocessed headers");
        Map<String, Kind> members = new LinkedHashMap<>();
        for (String decl : m.group(1).split(";")) {
            String d = decl.replaceAll("\\s*\\*\\s*", " * ").replaceAll("\\s+", " ").strip();
            if (d.isEmpty()) {
                continue;
            }
            Matcher dm = MEMBER.matcher(d);
            assertTrue(dm.matches(), "unexpected member declaration in " + struct + ": " + d);
            Kind kind = switch (dm.group(1)) {
                case "int" -> Kind.INT;
                case "unsigned long" -> Kind.ULONG;
                case "wchar_t *" -> Kind.WSTR;
                default -> Kind.WSTR_LIST;
            };
            members.put(dm.group(2), kind);
        }
        return members;
    }

    private record Result(int exit, String output) { }

    /** Runs a command; skips the test if the program cannot be started at all. */
    private static Result runOrSkip(Path dir, String reason, String... command) throws Exception {
        try {
            return run(dir, command);
        } catch (IOException e) {
            Assumptions.assumeTrue(false, reason + " (" + e.getMessage() + ")");
            throw e;
        }
    }

    /** Runs a command in {@code dir}, returning its exit code and combined stdout/stderr. */
    private static Result run(Path dir, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "out", ".txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static Map<String, Long> orderedMap(Object... keyValues) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], (Long) keyValues[i + 1]);
        }
        return map;
    }
}
