package dev.pyhost.embedded;

import static dev.pyhost.embedded.TestSupport.DESCRIPTION;
import static dev.pyhost.embedded.TestSupport.finish;
import static dev.pyhost.embedded.TestSupport.jar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application on the module path ({@code requires dev.pyhost.api; requires dev.pyhost.core;}) starts the embedded
 * CPython through the real lifecycle manager and CPython binding, with no {@code python3} on {@code PATH} to fall
 * back to, whether the payload jar is a module path entry, sits in a folder that is one, is renamed, or is resolved
 * as a module. Nobody has to {@code --add-modules} the payload.
 */
class ModulePathIT {
    private static final Set<String> PYHOST = Set.of("dev.pyhost.api", "dev.pyhost.core", "dev.pyhost.cpython",
            "dev.pyhost.embedded");

    @TempDir
    static Path work;
    static List<Path> pyhost;
    static Path app;
    static Path cache;
    static Path emptyPath;

    @BeforeAll
    static void buildTheApplication() throws IOException {
        pyhost = pyhostModules();
        cache = Files.createDirectory(work.resolve("cache"));
        emptyPath = Files.createDirectory(work.resolve("empty-path"));
        Path src = work.resolve("src/app");
        Files.createDirectories(src.resolve("app"));
        Files.writeString(src.resolve("module-info.java"), """
                module app {
                    requires dev.pyhost.api;
                    requires dev.pyhost.core;
                }
                """);
        Files.writeString(src.resolve("app/Main.java"), """
                package app;

                import dev.pyhost.api.PythonRuntime;
                import dev.pyhost.api.RuntimeConfig;

                public final class Main {
                    public static void main(String[] args) {
                        RuntimeConfig config = RuntimeConfig.builder().command("import sys; print('prefix:', sys.prefix)")
                                .build();
                        int code;
                        try (PythonRuntime python = PythonRuntime.builder(config).start()) {
                            System.out.println("origin: " + python.installation().origin());
                            System.out.flush();
                            code = python.runMain().code();
                        }
                        System.exit(code);
                    }
                }
                """);
        app = work.resolve("app-module");
        compile(src, app, modulePath(pyhost));
    }

    @Test
    void thePayloadJarAsAModulePathEntry() throws Exception {
        assertRunsTheEmbeddedCPython(modulePath(pyhost, app, jar()));
    }

    @Test
    void thePayloadJarInAFolderOfTheModulePath() throws Exception {
        Path lib = Files.createDirectories(work.resolve("lib-by-name"));
        Files.createSymbolicLink(lib.resolve(DESCRIPTION.jarFileName()), jar());
        assertRunsTheEmbeddedCPython(modulePath(pyhost, app, lib));
    }

    @Test
    void aRenamedPayloadJarInAFolderOfTheModulePath() throws Exception {
        Path lib = Files.createDirectories(work.resolve("lib-renamed"));
        Files.createSymbolicLink(lib.resolve("python.jar"), jar());
        assertRunsTheEmbeddedCPython(modulePath(pyhost, app, lib));
    }

    @Test
    void aRenamedPayloadJarResolvedAsAModule() throws Exception {
        Path lib = Files.createDirectories(work.resolve("lib-resolved"));
        Files.createSymbolicLink(lib.resolve("python.jar"), jar());
        // The payload's descriptor requires JavaCPP's org.bytedeco.cpython; an empty stand-in (wiring only) lets the
        // JVM resolve it, as JavaCPP itself would in an application that uses it.
        Path javacpp = work.resolve("src/javacpp");
        Files.createDirectories(javacpp);
        Files.writeString(javacpp.resolve("module-info.java"), "module org.bytedeco.cpython {}\n");
        Path standIn = work.resolve("javacpp-stand-in");
        compile(javacpp, standIn, "");
        assertRunsTheEmbeddedCPython(modulePath(pyhost, app, lib, standIn), "--add-modules", DESCRIPTION.moduleName());
    }

    private static void assertRunsTheEmbeddedCPython(String modulePath, String... options) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--module-path", modulePath,
                "--enable-native-access=dev.pyhost.cpython"));
        command.addAll(List.of(options));
        command.addAll(List.of("-m", "app/app.Main"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        for (String name : List.of("PYHOST_PYTHON", "VIRTUAL_ENV", "PYTHONHOME", "PYTHONPATH", "XDG_CACHE_HOME")) {
            env.remove(name);
        }
        env.put("PATH", emptyPath.toString());
        env.put("PYHOST_CACHE_DIR", cache.toString());
        Map.Entry<Integer, String> done = finish(pb.start());
        String out = done.getValue();
        assertEquals(0, done.getKey(), out);
        assertTrue(out.contains("origin: the embedded CPython (" + DESCRIPTION.artifact() + ", cached in " + cache),
                out);
        assertTrue(out.contains("prefix: " + cache + "/cpython-" + DESCRIPTION.version()), out);
    }

    /** The PyHost modules of the test class path (jars or class folders, whichever the reactor gives). */
    private static List<Path> pyhostModules() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Map<String, Path> found = new TreeMap<>();
        for (String entry : cp.split(File.pathSeparator)) {
            if (entry.isEmpty() || !Files.exists(Path.of(entry))) {
                continue;
            }
            try {
                for (ModuleReference ref : ModuleFinder.of(Path.of(entry)).findAll()) {
                    if (PYHOST.contains(ref.descriptor().name())) {
                        found.putIfAbsent(ref.descriptor().name(), Path.of(entry));
                    }
                }
            } catch (FindException e) {
                // not a module (a test-classes folder without a descriptor, a jar with a broken one): not ours
            }
        }
        assertEquals(PYHOST, found.keySet(), "PyHost modules on the test class path: " + cp);
        return List.copyOf(found.values());
    }

    private static String modulePath(List<Path> modules, Path... more) {
        List<String> entries = new ArrayList<>();
        modules.forEach(p -> entries.add(p.toString()));
        for (Path p : more) {
            entries.add(p.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void compile(Path src, Path out, String modulePath) throws IOException {
        ToolProvider javac = ToolProvider.findFirst("javac").orElse(null);
        assertNotNull(javac, "a JDK compiler");
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-proc:none"));
        if (!modulePath.isEmpty()) {
            args.addAll(List.of("--module-path", modulePath));
        }
        try (Stream<Path> files = Files.walk(src)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        assertEquals(0, javac.run(System.out, System.err, args.toArray(String[]::new)), "javac " + args);
    }
}
