package dev.pyhost.tests;

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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's done-criterion for the standard streams: a separate Maven project whose one unit test runs Python that
 * prints 20,000 lines, under Surefire's default settings (a forked JVM that talks to Maven over its standard
 * output). With the embedding's default streams the build passes and Surefire reports no corrupted channel; the
 * same project with {@code StandardStreams.inherit()} (Python writing to file descriptor 1, as before) makes Surefire
 * report one, which shows that the check can fail. The project depends on {@code dev.pyhost:pyhost} only (so it runs
 * the embedded CPython 3.14); this build's jars go into a private local repository, and Maven takes everything else
 * from the shared one through a {@code file:} mirror, writing nothing there.
 */
class SurefireChannelIT {
    private static final String VERSION = "0.1.0-SNAPSHOT";
    private static final Pattern OURS =
            Pattern.compile(".*/(runtime-[a-z]+|pyhost)/target/([^/]+)-0\\.1\\.0-SNAPSHOT\\.jar");
    private static final String CORRUPTED = "Corrupted channel";

    private static final String POM = """
            <?xml version="1.0" encoding="UTF-8"?>
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>demo</groupId>
              <artifactId>prints-a-lot</artifactId>
              <version>1</version>
              <properties>
                <maven.compiler.release>25</maven.compiler.release>
                <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
              </properties>
              <dependencies>
                <dependency>
                  <groupId>dev.pyhost</groupId>
                  <artifactId>pyhost</artifactId>
                  <version>0.1.0-SNAPSHOT</version>
                </dependency>
                <dependency>
                  <groupId>org.junit.jupiter</groupId>
                  <artifactId>junit-jupiter</artifactId>
                  <version>5.14.1</version>
                  <scope>test</scope>
                </dependency>
              </dependencies>
              <build>
                <plugins>
                  <plugin>
                    <artifactId>maven-compiler-plugin</artifactId>
                    <version>3.15.0</version>
                  </plugin>
                  <plugin>
                    <artifactId>maven-resources-plugin</artifactId>
                    <version>3.3.1</version>
                  </plugin>
                  <plugin>
                    <!-- Surefire's default settings: only the version is chosen. -->
                    <artifactId>maven-surefire-plugin</artifactId>
                    <version>3.5.4</version>
                  </plugin>
                </plugins>
              </build>
            </project>
            """;

    private static final String TEST = """
            package demo;

            import static org.junit.jupiter.api.Assertions.assertEquals;

            import dev.pyhost.api.PythonRuntime;
            import dev.pyhost.api.RuntimeConfig;
            import dev.pyhost.api.StandardStreams;
            import org.junit.jupiter.api.Test;

            class PrintsALotTest {
                @Test
                void pythonPrintsALot() {
                    String code = "import sys\\n"
                            + "for i in range(20000):\\n"
                            + "    print('python line', i)\\n"
                            + "print('python to stderr', file=sys.stderr)\\n"
                            + "print('python done', flush=True)\\n";
                    PythonRuntime.Builder builder = PythonRuntime.builder(RuntimeConfig.builder().command(code).build());
                    if ("inherit".equals(System.getenv("DEMO_STREAMS"))) {
                        builder.standardStreams(StandardStreams.inherit());
                    }
                    System.out.println("java before");
                    try (PythonRuntime python = builder.start()) {
                        assertEquals(0, python.runMain().code());
                    }
                    System.out.println("java after");
                }
            }
            """;

    @Test
    void pythonPrintingALotLeavesSurefiresChannelIntact(@TempDir Path tmp) throws IOException {
        Path project = Files.createDirectories(tmp.resolve("prints-a-lot"));
        Files.writeString(project.resolve("pom.xml"), POM, StandardCharsets.UTF_8);
        Path test = project.resolve("src/test/java/demo/PrintsALotTest.java");
        Files.createDirectories(test.getParent());
        Files.writeString(test, TEST, StandardCharsets.UTF_8);
        Path repo = Files.createDirectories(tmp.resolve("repository"));
        installPyHost(repo);
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

        String log = build(project, settings, repo, "java");
        assertTrue(log.contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0"), tail(log));
        assertFalse(log.contains(CORRUPTED), "Surefire reported a corrupted channel:\n" + tail(log));
        assertEquals(List.of(), dumpStreams(project), "Surefire wrote a dump of a corrupted stream");
        int before = log.indexOf("java before");
        int first = log.indexOf("python line 0\n");
        int last = log.indexOf("python line 19999\n");
        int after = log.indexOf("java after");
        assertTrue(before >= 0 && before < first && first < last && last < log.indexOf("python done")
                && log.indexOf("python done") < after, "Python's lines reach Maven's console in order with Java's:\n"
                + tail(log));
        assertTrue(log.contains("python to stderr"), tail(log));

        String inherited = build(project, settings, repo, "inherit");
        assertTrue(inherited.contains(CORRUPTED),
                "the control run (Python on file descriptor 1) should corrupt the channel:\n" + tail(inherited));
    }

    /** Runs {@code mvn test} with the streams the project's test chooses; its log, the build having passed. */
    private static String build(Path project, Path settings, Path repo, String streams) {
        ChildEnvironment env = ChildEnvironment.clean()
                .with("JAVA_HOME", System.getProperty("java.home"))
                .with("MAVEN_OPTS", "--sun-misc-unsafe-memory-access=allow")
                .with("DEMO_STREAMS", streams);
        ChildProcess.Result build = ChildProcess.run(List.of("mvn", "-B", "-Dstyle.color=never", "-s",
                settings.toString(), "-Dmaven.repo.local=" + repo, "test"), project, env, null,
                Duration.ofMinutes(15));
        String log = build.stdoutText() + build.stderrText();
        if (build.status() != 0) {
            fail("mvn test (" + streams + ") failed with status " + build.status() + ":\n" + tail(log));
        }
        return log;
    }

    private static List<Path> dumpStreams(Path project) throws IOException {
        Path reports = project.resolve("target/surefire-reports");
        if (!Files.isDirectory(reports)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(reports)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".dumpstream")).toList();
        }
    }

    /**
     * Lays out this build's jars as {@code mvn install} would, each with its module's POM, and the parent POM: the
     * reactor modules on this test's class path.
     */
    private static void installPyHost(Path repo) throws IOException {
        Path root = Checkout.root();
        copy(root.resolve("pom.xml"), repo, "pyhost-parent", "pom");
        List<String> installed = new ArrayList<>();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : cp.split(File.pathSeparator)) {
            Matcher m = OURS.matcher(entry);
            if (!m.matches() || installed.contains(m.group(2))) {
                continue;
            }
            Path jar = Path.of(entry);
            if (!Files.isRegularFile(jar)) {
                fail(jar + " is missing: run this test with mvn verify, after the jars are packaged");
            }
            copy(jar, repo, m.group(2), "jar");
            copy(jar.getParent().getParent().resolve("pom.xml"), repo, m.group(2), "pom");
            installed.add(m.group(2));
        }
        assertTrue(installed.containsAll(List.of("pyhost", "runtime-api", "runtime-core", "runtime-cpython",
                "runtime-atexit", "runtime-embedded")), "this build's jars are on the class path: " + installed);
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
