package dev.pyhost.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The dependency direction of PyHost's modules, as {@code jdeps} reads it from the built jars (which classes use
 * which): api &lt;- core &lt;- (cpython, embedded, atexit, repl) &lt;- launcher, with the CPython binding on the API
 * alone; and what each module exports.
 */
class ModuleGraphIT {
    private static final String[] MODULES = {"runtime-api", "runtime-core", "runtime-cpython", "runtime-embedded",
        "runtime-atexit", "runtime-repl", "runtime-launcher", "pyhost"};

    private static List<String> jars() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> out = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("jline-") || name.startsWith("auto-service-annotations-")) {
                out.add(entry);
            }
            for (String module : MODULES) {
                if (entry.contains("/" + module + "/target/") || name.startsWith(module + "-0.")) {
                    out.add(entry);
                }
            }
        }
        return out;
    }

    @Test
    void dependenciesPointFromTheLauncherToTheApiOnly() {
        List<String> jars = jars();
        List<String> ours = jars.stream().filter(j -> !j.contains("jline-") && !j.contains("auto-service")).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("--multi-release", "25", "--module-path",
                String.join(File.pathSeparator, jars), "-s"));
        args.addAll(ours);
        int rc = ToolProvider.findFirst("jdeps").orElseThrow().run(print, print, args.toArray(String[]::new));
        assertEquals(0, rc, out.toString(StandardCharsets.UTF_8));
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            String[] edge = line.strip().split(" -> ");
            if (edge.length == 2 && edge[0].startsWith("dev.pyhost")) {
                graph.computeIfAbsent(edge[0], k -> new TreeSet<>()).add(edge[1].split(" ")[0]);
            }
        }
        assertEquals(Map.of(
                "dev.pyhost.api", Set.of("java.base"),
                "dev.pyhost.core", Set.of("dev.pyhost.api", "java.base"),
                "dev.pyhost.cpython", Set.of("dev.pyhost.api", "java.base"),
                "dev.pyhost.embedded", Set.of("dev.pyhost.api", "java.base"),
                "dev.pyhost.atexit", Set.of("dev.pyhost.api", "java.base"),
                "dev.pyhost.repl", Set.of("dev.pyhost.api", "java.base", "org.jline"),
                "dev.pyhost.launcher", Set.of("dev.pyhost.api", "dev.pyhost.cpython", "dev.pyhost.embedded",
                        "java.base")), graph, "jdeps says:\n" + out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void onlyTheApiAndThePluginModulesExportPackagesToEveryone() {
        Map<String, Set<String>> exports = new TreeMap<>();
        for (ModuleReference ref : ModuleFinder.of(jars().stream().map(Path::of).toArray(Path[]::new)).findAll()) {
            ModuleDescriptor d = ref.descriptor();
            if (d.name().startsWith("dev.pyhost")) {
                exports.put(d.name(), d.exports().stream()
                        .map(e -> e.source() + (e.isQualified() ? " to " + e.targets() : ""))
                        .collect(Collectors.toCollection(TreeSet::new)));
            }
        }
        assertEquals(Map.of(
                "dev.pyhost", Set.of(),
                "dev.pyhost.api", Set.of("dev.pyhost.api", "dev.pyhost.api.spi", "dev.pyhost.api.backend"),
                "dev.pyhost.core", Set.of(),
                "dev.pyhost.cpython", Set.of("dev.pyhost.cpython.process to [dev.pyhost.launcher]"),
                "dev.pyhost.embedded", Set.of("dev.pyhost.embedded"),
                "dev.pyhost.atexit", Set.of("dev.pyhost.atexit"),
                "dev.pyhost.repl", Set.of("dev.pyhost.repl"),
                "dev.pyhost.launcher", Set.of("dev.pyhost.launcher")), exports);
    }
}
