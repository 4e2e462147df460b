package dev.pyhost.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pyhost.testkit.differential.ChildEnvironment;
import dev.pyhost.testkit.differential.ChildProcess;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's example, as a separate Maven project of a third party: every block of {@code README.md} marked
 * {@code file=...} is written as that file, PyHost's artifacts (the jars this build just packaged, with their
 * POMs) go into a private local repository, and {@code mvn test} runs there. Maven takes everything else from
 * the shared repository through a {@code file:} mirror, which copies what the project needs into the private one
 * and never writes into the shared one. Runs after {@code package} (Failsafe), since it needs the kit's jar.
 */
class SeparateProjectIT {
    private static final Pattern FILE_BLOCK = Pattern.compile("```\\w+ file=(\\S+)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern OURS = Pattern.compile(".*/(runtime-[a-z]+|pyhost)/target/([^/]+)-0\\.1\\.0-SNAPSHOT\\.jar");
    private static final String VERSION = "0.1.0-SNAPSHOT";

    @Test
    void theReadmeProjectTestsItsPluginsAndItsServiceWithTheKitAlone(@TempDir Path tmp) throws IOException {
        Path module = Path.of("").toAbsolutePath();
        Path project = Files.createDirectories(tmp.resolve("greeter"));
        Map<String, String> files = readmeFiles(module.resolve("README.md"));
        assertEquals(List.of("pom.xml", "src/main/java/demo/Greeter.java", "src/main/java/demo/AppMainMode.java",
                "src/main/java/demo/AuditExit.java", "src/test/java/demo/GreeterTest.java",
                "src/test/java/demo/AppMainModeContractTest.java", "src/test/java/demo/AuditExitContractTest.java"),
                List.copyOf(files.keySet()));
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = project.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
        }

        Path repo = Files.createDirectories(tmp.resolve("repository"));
        List<String> installed = installPyHost(module, repo);
        assertTrue(installed.containsAll(List.of("runtime-api", "runtime-testkit", "pyhost", "runtime-embedded")),
                installed.toString());
        Path settings = Files.writeString(tmp.resolve("settings.xml"), """
                <settings>
                  <mirrors>
                    <mirror>
                      <id>shared-local-repository</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(sharedRepository().toUri()));

        ChildEnvironment env = ChildEnvironment.clean()
                .with("JAVA_HOME", System.getProperty("java.home"))
                .with("MAVEN_OPTS", "--sun-misc-unsafe-memory-access=allow");
        ChildProcess.Result build = ChildProcess.run(List.of("mvn", "-B", "-Dstyle.color=never", "-s",
                settings.toString(), "-Dmaven.repo.local=" + repo, "test"), project, env, null, Duration.ofMinutes(15));
        String log = build.stdoutText() + build.stderrText();
        if (build.status() != 0) {
            fail("mvn test of the README's project failed with status " + build.status() + ":\n" + tail(log));
        }
        assertTrue(log.contains("Tests run: 5, Failures: 0, Errors: 0, Skipped: 0") && log.contains("GreeterTest"),
                tail(log));
        assertTrue(log.contains("Tests run: 8, Failures: 0, Errors: 0, Skipped: 0, Time elapsed")
                && log.contains("AppMainModeContractTest"), "every rule of the mode contract ran:\n" + tail(log));
        assertTrue(log.contains("Tests run: 6, Failures: 0, Errors: 0, Skipped: 0, Time elapsed")
                && log.contains("AuditExitContractTest"), "every rule of the exit handler contract ran:\n" + tail(log));
        assertTrue(log.contains("Tests run: 19, Failures: 0, Errors: 0, Skipped: 0"), tail(log));
        assertTrue(Files.isRegularFile(repo.resolve("org/junit/jupiter/junit-jupiter-api/5.14.1/"
                + "junit-jupiter-api-5.14.1.jar")), "the mirror copied what the project needs into its repository");
        assertFalse(Files.exists(sharedRepository().resolve("demo/greeter")), "nothing was installed anywhere");
    }

    /** The {@code file=} blocks of the README, in order. */
    private static Map<String, String> readmeFiles(Path readme) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        Matcher m = FILE_BLOCK.matcher(Files.readString(readme, StandardCharsets.UTF_8));
        while (m.find()) {
            files.put(m.group(1), m.group(2));
        }
        return files;
    }

    /**
     * Puts PyHost's artifacts of this build into the private repository, as {@code mvn install} lays them out: the
     * jars on this test's class path that are reactor modules, each with its module's POM, and the parent POM.
     */
    private static List<String> installPyHost(Path module, Path repo) throws IOException {
        List<String> installed = new ArrayList<>();
        Path root = module.getParent();
        copy(root.resolve("pom.xml"), repo, "pyhost-parent", "pom");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = new ArrayList<>(List.of(cp.split(File.pathSeparator)));
        entries.add(module.resolve("target/runtime-testkit-" + VERSION + ".jar").toString());
        for (String entry : entries) {
            Matcher m = OURS.matcher(entry);
            if (!m.matches() || installed.contains(m.group(2))) {
                continue;
            }
            Path jar = Path.of(entry);
            Path moduleDir = jar.getParent().getParent();
            if (!Files.isRegularFile(jar)) {
                fail(jar + " is missing: run this test with mvn verify, after the jars are packaged");
            }
            copy(jar, repo, m.group(2), "jar");
            copy(moduleDir.resolve("pom.xml"), repo, m.group(2), "pom");
            installed.add(m.group(2));
        }
        return installed;
    }

    private static void copy(Path from, Path repo, String artifact, String extension) throws IOException {
        Path dir = Files.createDirectories(repo.resolve("dev/pyhost").resolve(artifact).resolve(VERSION));
        Files.copy(from, dir.resolve(artifact + "-" + VERSION + "." + extension));
    }

    private static Path sharedRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 150), lines.size()));
    }
}
