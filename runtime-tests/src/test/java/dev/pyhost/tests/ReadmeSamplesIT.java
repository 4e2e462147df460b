package dev.pyhost.tests;

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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java samples, as a user in another project would take them: every {@code java} block compiles as
 * written against PyHost's jars, on the class path and (with the README's {@code module-info}) on the module path,
 * and the quick start runs on both with nothing but the dependency {@code dev.pyhost:pyhost}: its output shows the
 * embedded CPython 3.14 was found (no {@code PYHOST_PYTHON}, no venv) and that both halves of the sample worked.
 */
class ReadmeSamplesIT {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TYPE_NAME = Pattern.compile(
            "(?m)^public (?:final |abstract )?(?:class|record|interface|enum) (\\w+)");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
    private static final String MAIN = "demo.Hello";

    private static List<String> blocks;
    private static String jars;

    @TempDir
    Path dir;

    @BeforeAll
    static void readReadme() throws IOException {
        String readme = Files.readString(Checkout.root().resolve("README.md"), StandardCharsets.UTF_8);
        blocks = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(readme);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        jars = String.join(File.pathSeparator, pyhostArtifacts());
    }

    /** The jars of {@code dev.pyhost:pyhost} and what it brings, taken from this test's own class path. */
    private static List<String> pyhostArtifacts() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> out = new ArrayList<>();
        Pattern ours = Pattern.compile(".*/(runtime-(api|core|cpython|atexit|embedded)|pyhost)(/target/[^/]+\\.jar"
                + "|/target/classes|-0\\.[^/]*\\.jar)$");
        for (String entry : cp.split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (ours.matcher(entry).matches() || (name.startsWith("cpython-") && name.contains("linux-x86_64"))) {
                out.add(entry);
            }
        }
        return out;
    }

    private Path writeSources(Path root, boolean withModuleInfo) throws IOException {
        for (String block : blocks) {
            Path file;
            if (block.stripLeading().startsWith("module ")) {
                if (!withModuleInfo) {
                    continue;
                }
                file = root.resolve("module-info.java");
            } else {
                Matcher type = TYPE_NAME.matcher(block);
                assertTrue(type.find(), "a README java block has no public type:\n" + block);
                Matcher pkg = PACKAGE.matcher(block);
                Path folder = pkg.find() ? root.resolve(pkg.group(1).replace('.', '/')) : root;
                file = folder.resolve(type.group(1) + ".java");
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, block, StandardCharsets.UTF_8);
        }
        return root;
    }

    private static void compile(Path sources, Path classes, List<String> pathOptions) throws IOException {
        List<String> args = new ArrayList<>(List.of("--release", "25", "-d", classes.toString()));
        args.addAll(pathOptions);
        try (var files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(diagnostics, true, StandardCharsets.UTF_8);
        int rc = ToolProvider.findFirst("javac").orElseThrow().run(print, print, args.toArray(String[]::new));
        assertEquals(0, rc, "the README's samples do not compile as written:\n" + diagnostics);
    }

    private static void assertQuickStartRan(Child c) {
        assertEquals(0, c.status(), c.stderr());
        assertTrue(c.stdout().startsWith("hello from 3.14."), "the embedded CPython runs by default:\n" + c.stdout());
        assertTrue(c.stdout().contains("exit status 0\n"), c.stdout());
        assertTrue(c.stdout().contains("Beautiful is better than ugly."), "runModule(\"this\") ran:\n" + c.stdout());
        assertTrue(c.stdout().contains("Ada 7 (x, y)\n[1, 2.5, x, null]\n[0, 2, 4]\n"
                + "json.decoder.JSONDecodeError at line 1\n"), "calls, conversion, Java functions, exceptions:\n"
                + c.stdout());
        assertTrue(c.stdout().contains("Completed[]\n"), c.stdout());
        assertTrue(c.stdout().contains("\npython ended: "), "the lambda exit handler ran:\n" + c.stdout());
        assertFalse(c.stderr().contains("WARNING"), "no native-access warning:\n" + c.stderr());
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    @Test
    void theSamplesCompileAndTheQuickStartRunsOnTheClassPath() throws IOException {
        assertTrue(blocks.size() >= 4, "the README should show the quick start, its module-info and two plug-ins");
        assertFalse(jars.isEmpty());
        Path classes = dir.resolve("classes");
        compile(writeSources(dir.resolve("src"), false), classes, List.of("-cp", jars));
        Child c = Child.run(List.of(java(), "--enable-native-access=ALL-UNNAMED", "-cp",
                classes + File.pathSeparator + jars, MAIN), Map.of("PATH", "/usr/bin:/bin"), dir);
        assertQuickStartRan(c);
    }

    @Test
    void theQuickStartRunsOnTheModulePathWithOneRequires() throws IOException {
        Path classes = dir.resolve("mods/demo");
        compile(writeSources(dir.resolve("src"), true), classes, List.of("--module-path", jars));
        Child c = Child.run(List.of(java(), "--enable-native-access=dev.pyhost.cpython", "--module-path",
                classes + File.pathSeparator + jars, "-m", "demo/" + MAIN), Map.of("PATH", "/usr/bin:/bin"), dir);
        assertQuickStartRan(c);
    }
}
