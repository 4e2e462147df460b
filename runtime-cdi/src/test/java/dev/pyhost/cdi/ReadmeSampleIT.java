package dev.pyhost.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Weld SE application, as a user would build it: its Java block compiles as written against
 * {@code runtime-cdi}, {@code runtime-embedded} and Weld SE, with an empty {@code beans.xml}, and runs in a fresh JVM
 * with no PyHost or Python variable set, on the class path and on the module path with the flags the README gives.
 * The extension is found through its service file, the injected interpreter runs the embedded CPython 3.14, the
 * bean exit handler runs exactly once at container shutdown, and the exit event is observed after it.
 */
class ReadmeSampleIT {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TYPE_NAME = Pattern.compile("(?m)^public (?:final )?class (\\w+)");
    private static final String MAIN = "demo.PricingApp";
    private static final Pattern MODULE_FLAG = Pattern.compile("(--add-(?:modules|reads)) (\\S+)");

    private static List<String> blocks;
    private static List<String> moduleFlags;
    private static String jars;
    private static String modules;
    private static String payload;

    @TempDir
    Path dir;

    @BeforeAll
    static void readReadme() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("basedir", ".")).resolve("README.md"));
        blocks = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(readme);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        moduleFlags = new ArrayList<>();
        Matcher flag = MODULE_FLAG.matcher(readme);
        while (flag.find()) {
            moduleFlags.addAll(List.of(flag.group(1), flag.group(2)));
        }
        List<String> all = applicationClassPath();
        jars = String.join(File.pathSeparator, all);
        // the native payload goes on the class path: its module descriptor requires JavaCPP, which PyHost does not use
        payload = all.stream().filter(ReadmeSampleIT::isPayload).findFirst().orElseThrow();
        modules = String.join(File.pathSeparator, all.stream().filter(j -> !isPayload(j)).toList());
    }

    private static boolean isPayload(String jar) {
        String name = Path.of(jar).getFileName().toString();
        return name.startsWith("cpython-") && name.endsWith("-linux-x86_64.jar");
    }

    /**
     * What the README's application depends on: this module and what it brings, {@code runtime-embedded} and
     * Weld SE; not the tests, JUnit, weld-junit5 or the MicroProfile Config API that only the tests use.
     */
    private static List<String> applicationClassPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> out = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            boolean testOnly = entry.endsWith("test-classes") || name.startsWith("junit-") || name.startsWith("opentest4j")
                    || name.startsWith("apiguardian") || name.startsWith("microprofile-config-api")
                    || name.startsWith("weld-junit") || name.startsWith("jakarta.persistence")
                    || name.startsWith("spotbugs") || name.startsWith("jsr305");
            if (!testOnly) {
                out.add(entry);
            }
        }
        return out;
    }

    private Path writeSources(boolean moduleInfo) throws IOException {
        Path src = dir.resolve("src");
        assertEquals(1, blocks.size(), "the README shows one Java compilation unit");
        String block = blocks.getFirst();
        Matcher type = TYPE_NAME.matcher(block);
        assertTrue(type.find() && block.startsWith("package demo;"), "a full compilation unit in package demo");
        Files.createDirectories(src.resolve("demo"));
        Files.writeString(src.resolve("demo").resolve(type.group(1) + ".java"), block);
        if (moduleInfo) {
            // as the README says in prose: one requires, and the package opened for Weld
            Files.writeString(src.resolve("module-info.java"), "module demo {\n    requires dev.pyhost.cdi;\n"
                    + "    opens demo;\n}\n");
        }
        return src;
    }

    private static void compile(Path sources, Path classes, List<String> pathOptions) throws IOException {
        List<String> args = new ArrayList<>(List.of("--release", "25", "-Xlint:all", "-Werror", "-d",
                classes.toString()));
        args.addAll(pathOptions);
        try (var files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(diagnostics, true, StandardCharsets.UTF_8);
        int rc = ToolProvider.findFirst("javac").orElseThrow().run(print, print, args.toArray(String[]::new));
        assertEquals(0, rc, "the README's sample does not compile as written:\n" + diagnostics);
        Files.createDirectories(classes.resolve("META-INF"));
        Files.writeString(classes.resolve("META-INF/beans.xml"), ""); // the empty beans.xml the README asks for
    }

    private record Ran(int status, String stdout, String stderr) {
    }

    private Ran run(List<String> command) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PYTHON") || k.startsWith("PYHOST")
                || k.equals("VIRTUAL_ENV"));
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the sample ended");
        return new Ran(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void assertTheSampleRan(Ran r) {
        assertEquals(0, r.status(), r.stdout() + r.stderr());
        assertEquals(List.of("100 with VAT: 120.0 (CPython 3.14.3)", "exit handler: status 0",
                "runtime <default> exited with status 0"), r.stdout().lines().toList(),
                "Python answered, then the exit handler ran once, then the exit event:\n" + r.stderr());
        assertFalse(r.stderr().contains("restricted method"), "no native-access warning:\n" + r.stderr());
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    @Test
    void theSampleCompilesAndRunsOnTheClassPath() throws Exception {
        Path classes = dir.resolve("classes");
        compile(writeSources(false), classes, List.of("-cp", jars));
        assertTheSampleRan(run(List.of(java(), "--enable-native-access=ALL-UNNAMED", "-cp",
                classes + File.pathSeparator + jars, MAIN)));
    }

    @Test
    void theSampleRunsOnTheModulePathWithTheFlagsTheReadmeGives() throws Exception {
        Path classes = dir.resolve("mods/demo");
        compile(writeSources(true), classes, List.of("--module-path", modules));
        List<String> cmd = new ArrayList<>(List.of(java(), "--enable-native-access=dev.pyhost.cpython"));
        assertEquals(6, moduleFlags.size(), "the README gives --add-modules and two --add-reads: " + moduleFlags);
        cmd.addAll(moduleFlags);
        cmd.addAll(List.of("--module-path", classes + File.pathSeparator + modules, "-cp", payload, "-m",
                "demo/" + MAIN));
        assertTheSampleRan(run(cmd));
    }
}
