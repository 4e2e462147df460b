package dev.pyhost.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.pyhost.testkit.differential.InstalledPythons;
import dev.pyhost.testkit.differential.InstalledPythons.InstalledPython;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/pyhost} started in unusual process conditions gives the Python program what {@code python3} of the
 * same version gets in them, on CPython 3.10-3.14: closed standard descriptors ({@code sys} streams {@code None},
 * the descriptors closed), signals ignored by the parent ({@code nohup}, a background job), command-line bytes
 * in the C or POSIX locale (decoded by CPython's own rules, not the JVM's), and the JVM's option variables
 * ({@code JAVA_TOOL_OPTIONS}...), which reach the program's environment but not the JVM.
 */
class InheritedProcessStateIT {
    @TempDir
    static Path tmp;

    /** Writes what the program sees of its standard streams to the file named by its first argument. */
    private static final String STREAMS_REPORT = """
            import os, sys
            seen = []
            for fd, name in enumerate(('stdin', 'stdout', 'stderr')):
                seen.append('%s=%s' % (name, 'None' if getattr(sys, name) is None else 'stream'))
                seen.append('__%s__=%s' % (name, 'None' if getattr(sys, '__%s__' % name) is None else 'stream'))
                try:
                    os.fstat(fd)
                    seen.append('fd%d=open' % fd)
                except OSError as e:
                    seen.append('fd%d=errno %d' % (fd, e.errno))
            seen.append('next fd=%d' % open(os.devnull).fileno())
            with open(sys.argv[1], 'w') as report:
                report.write(' '.join(seen))
            print('to stdout')
            if sys.stderr is not None:
                sys.stderr.write('to stderr\\n')
            """;

    /** Prints the dispositions of SIGHUP, SIGINT and SIGQUIT, sends each to itself, and prints that it survived. */
    private static final String SIGNALS_REPORT = """
            import os, signal, sys
            wanted = [getattr(signal, name) for name in sys.argv[1:]]
            def name(handler):
                names = {signal.SIG_IGN: 'SIG_IGN', signal.SIG_DFL: 'SIG_DFL'}
                return names.get(handler, getattr(handler, '__name__', handler))
            print([(s.name, name(signal.getsignal(s))) for s in wanted])
            for s in wanted:
                if signal.getsignal(s) == signal.SIG_IGN:
                    os.kill(os.getpid(), s)
            print('survived')
            """;

    @TestFactory
    Stream<DynamicNode> closedStandardDescriptors() {
        return InstalledPythons.everyVersion(py -> Stream.of("<&-", ">&-", "2>&-", "<&- >&- 2>&-")
                .map(redirection -> dynamicTest(redirection, () -> closed(py, redirection))).toList());
    }

    private static void closed(InstalledPython py, String redirection) throws IOException {
        String line = "exec \"$0\" -c \"$1\" \"$2\" " + redirection;
        Path expectedReport = tmp.resolve("python-" + py.version() + "-" + redirection.hashCode());
        Path gotReport = tmp.resolve("pyhost-" + py.version() + "-" + redirection.hashCode());
        Child expected = SideBySide.python(py, line, Map.of(), null, STREAMS_REPORT, expectedReport.toString());
        Child got = SideBySide.pyhost(py, line, Map.of(), null, STREAMS_REPORT, gotReport.toString());
        String report = Files.readString(expectedReport, StandardCharsets.UTF_8);
        if (redirection.equals("<&-")) {
            assertEquals("stdin=None __stdin__=None fd0=errno 9 stdout=stream __stdout__=stream fd1=open "
                    + "stderr=stream __stderr__=stream fd2=open next fd=0", report, "python's own view");
        }
        assertEquals(report, Files.readString(gotReport, StandardCharsets.UTF_8), "what the program saw");
        SideBySide.assertSame(expected, got);
    }

    @TestFactory
    Stream<DynamicNode> programsWhenStandardInputIsClosed() {
        return InstalledPythons.everyVersion(py -> List.of(
                dynamicTest("the program is standard input", () -> SideBySide.assertSame(
                        SideBySide.python(py, "exec \"$0\" <&-", Map.of(), null),
                        SideBySide.pyhost(py, "exec \"$0\" <&-", Map.of(), null))),
                // the interactive hook and the loop find descriptor 0 closed (3.13's hook fails on os.dup(0))
                dynamicTest("inspect mode, the program is standard input", () -> SideBySide.assertSame(
                        SideBySide.python(py, "exec \"$0\" -i <&-", Map.of(), null),
                        SideBySide.pyhost(py, "exec \"$0\" -i <&-", Map.of(), null))),
                dynamicTest("inspect mode after a command", () -> SideBySide.assertSame(
                        SideBySide.python(py, "exec \"$0\" -i -c pass <&-", Map.of(), null),
                        SideBySide.pyhost(py, "exec \"$0\" -i -c pass <&-", Map.of(), null))),
                dynamicTest("'-' with arguments", () -> SideBySide.assertSame(
                        SideBySide.python(py, "exec \"$0\" - a b <&-", Map.of(), null),
                        SideBySide.pyhost(py, "exec \"$0\" - a b <&-", Map.of(), null))),
                dynamicTest("an uncaught exception with standard error closed", () -> {
                    String line = "exec \"$0\" -c 'print(1); 1/0' 2>&-";
                    Child expected = SideBySide.python(py, line, Map.of(), null);
                    assertEquals(1, expected.status());
                    SideBySide.assertSame(expected, SideBySide.pyhost(py, line, Map.of(), null));
                })));
    }

    @TestFactory
    Stream<DynamicNode> signalsIgnoredByTheParent() {
        return InstalledPythons.everyVersion(py -> List.of(
                // what the test JVM's children inherit, most likely nothing ignored
                dynamicTest("as inherited", () -> signals(py, "exec \"$0\" -c \"$1\" SIGHUP SIGINT SIGQUIT", null)),
                dynamicTest("SIGHUP, SIGINT and SIGQUIT ignored", () -> signals(py,
                        "trap '' HUP INT QUIT; exec \"$0\" -c \"$1\" SIGHUP SIGINT SIGQUIT",
                        "[('SIGHUP', 'SIG_IGN'), ('SIGINT', 'SIG_IGN'), ('SIGQUIT', 'SIG_IGN')]\nsurvived\n")),
                dynamicTest("SIGQUIT alone ignored", () -> signals(py,
                        "trap '' QUIT; exec \"$0\" -c \"$1\" SIGQUIT",
                        "[('SIGQUIT', 'SIG_IGN')]\nsurvived\n")),
                dynamicTest("nohup", () -> signals(py, "exec nohup \"$0\" -c \"$1\" SIGHUP", null)),
                dynamicTest("a background job of a non-interactive shell", () -> signals(py,
                        "\"$0\" -c \"$1\" SIGINT SIGQUIT & wait $!", null))));
    }

    private static void signals(InstalledPython py, String line, String pythonOutput) {
        Child expected = SideBySide.python(py, line, Map.of(), null, SIGNALS_REPORT);
        if (pythonOutput != null) {
            assertEquals(pythonOutput, expected.stdout(), "python's own view");
        }
        SideBySide.assertSame(expected, SideBySide.pyhost(py, line, Map.of(), null, SIGNALS_REPORT));
    }

    @TestFactory
    Stream<DynamicNode> argumentBytesInTheCLocale() {
        // é.py and the arguments are made of bytes by the shell: 'naïve' in UTF-8, and a byte no encoding decodes
        String line = "printf 'import sys; print(ascii(sys.argv), sys.getfilesystemencoding(), sys.flags.utf8_mode)' "
                + "> \"$(printf '\\303\\251').py\" && exec %s \"$0\" \"$(printf '\\303\\251')\".py "
                + "\"$(printf 'na\\303\\257ve')\" \"$(printf 'a\\377b')\"";
        String command = "exec %s \"$0\" -c 'import sys; print(ascii(sys.argv))' \"$(printf 'na\\303\\257ve')\"";
        Map<String, String> locales = Map.of(
                "no LANG, no LC_ALL", "env -u LANG -u LC_ALL -u LC_CTYPE",
                "LC_ALL=C", "env LC_ALL=C",
                "LC_ALL=POSIX", "env LC_ALL=POSIX",
                "LC_ALL=C, PYTHONUTF8=0", "env LC_ALL=C PYTHONUTF8=0",
                "LC_ALL=C, PYTHONCOERCECLOCALE=0", "env LC_ALL=C PYTHONCOERCECLOCALE=0");
        return InstalledPythons.everyVersion(py -> locales.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .flatMap(e -> Stream.of(
                        dynamicTest(e.getKey() + ": a script named é.py", () -> {
                            String l = line.formatted(e.getValue());
                            Path cwd = Files.createDirectories(tmp.resolve("locale"));
                            Child expected = SideBySide.python(py, l, Map.of(), cwd);
                            assertEquals(0, expected.status(), expected.stderr());
                            SideBySide.assertSame(expected, SideBySide.pyhost(py, l, Map.of(), cwd));
                        }),
                        dynamicTest(e.getKey() + ": -c", () -> {
                            String l = command.formatted(e.getValue());
                            SideBySide.assertSame(SideBySide.python(py, l, Map.of(), null),
                                    SideBySide.pyhost(py, l, Map.of(), null));
                        })))
                .toList());
    }

    @TestFactory
    Stream<DynamicNode> javaOptionVariablesReachTheProgramButNotTheJvm() {
        // honoured, any of these would print on stdout or stderr ("Picked up ...", "NOTE: Picked up ...", flags)
        String line = "JAVA_TOOL_OPTIONS='-XX:+PrintCommandLineFlags -Dx=\"a b\"' JDK_JAVA_OPTIONS=-XX:+PrintVMOptions "
                + "_JAVA_OPTIONS= exec \"$0\" -c \"$1\"";
        String bytes = "JAVA_TOOL_OPTIONS=\"$(printf 'a\\377b')\" exec \"$0\" -c \"$1\"";
        String report = "import os; print([(k, os.environb.get(k)) for k in (b'JAVA_TOOL_OPTIONS', b'JDK_JAVA_OPTIONS', "
                + "b'_JAVA_OPTIONS', b'MALLOC_ARENA_MAX')], sorted(k for k in os.environ if k.startswith('PYHOST_SAVED')))";
        return InstalledPythons.everyVersion(py -> List.of(
                dynamicTest("set, with blanks and quotes", () -> {
                    Child expected = SideBySide.python(py, line, Map.of(), null, report);
                    assertTrue(expected.stdout().startsWith("[(b'JAVA_TOOL_OPTIONS', b'-XX:+PrintCommandLineFlags "
                            + "-Dx=\"a b\"'), (b'JDK_JAVA_OPTIONS', b'-XX:+PrintVMOptions'), (b'_JAVA_OPTIONS', b'')"),
                            expected.stdout());
                    SideBySide.assertSame(expected, SideBySide.pyhost(py, line, Map.of(), null, report));
                }),
                dynamicTest("undecodable bytes", () -> SideBySide.assertSame(
                        SideBySide.python(py, bytes, Map.of(), null, report),
                        SideBySide.pyhost(py, bytes, Map.of(), null, report)))));
    }
}
