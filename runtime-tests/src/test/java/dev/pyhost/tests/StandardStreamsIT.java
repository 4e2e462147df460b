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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Python's standard streams over Java streams ({@link dev.pyhost.api.StandardStreams}) with real CPython
 * 3.10-3.14, one child JVM per case ({@link StreamsProbe}; one runtime per process): byte streams, a
 * {@link java.io.Writer} and a {@link System.Logger}, {@code input()} and {@code sys.stdin.read()}, the configured
 * encoding and error handler (compared byte for byte with {@code python} itself), {@code atexit} output, a
 * traceback, a warning, an {@code IOException} as {@code OSError}, and the default of an embedding.
 */
class StandardStreamsIT {

    @TestFactory
    Stream<DynamicNode> everyVersion() {
        return InstalledPythons.everyVersion(py -> List.of(
                dynamicTest("byte streams: print, input, read, buffer, warning, atexit, traceback", () -> bytes(py)),
                dynamicTest("a Writer and a Logger, text decoded again", () -> text(py)),
                dynamicTest("the configured encoding, errors and -u, byte for byte as python", () -> encoding(py)),
                dynamicTest("an IOException of Java is an OSError in Python", () -> ioError(py)),
                dynamicTest("default: System.out at write time, in order with Java, empty stdin",
                        () -> defaults(py)),
                dynamicTest("Java's stream runs with the GIL released", () -> gilReleased(py)),
                dynamicTest("runMain without a command reads the program from the Java stdin, as python",
                        () -> program(py))));
    }

    private static Child probe(InstalledPython py, String scenario) {
        Child c = Child.java(Map.of(), StreamsProbe.class.getName(), List.of(py.executable().toString(), scenario));
        assertEquals(0, c.status(), () -> "probe failed\nstdout:\n" + c.stdout() + "\nstderr:\n" + c.stderr());
        return c;
    }

    private static void bytes(InstalledPython py) throws IOException, InterruptedException {
        Child c = probe(py, "bytes");
        Map<String, String> r = c.table();
        assertEquals("1", r.get("status"));
        Python real = python(py, List.of("-c", StreamsProbe.BYTES_CODE), StreamsProbe.BYTES_STDIN.getBytes(StandardCharsets.UTF_8),
                Map.of());
        assertEquals(1, real.status());
        assertEquals(escaped(new String(real.out(), StandardCharsets.UTF_8)), r.get("out"), "stdout as python's");
        assertEquals(escaped(new String(real.err(), StandardCharsets.UTF_8)), r.get("err"), "stderr as python's");
        assertTrue(r.get("out").endsWith("partialatexit says bye\\n"), "atexit output arrives");
        assertTrue(r.get("err").endsWith("ValueError: boom\\n"), "the traceback arrives");
        assertEquals("", c.stderr(), "nothing reaches file descriptor 2");
    }

    private static void text(InstalledPython py) {
        Map<String, String> r = probe(py, "text").table();
        assertEquals("0", r.get("status"));
        String out = r.get("out");
        // The stray byte 0xff decodes as python's error handler allows: a lone surrogate under surrogateescape (a C
        // or POSIX locale turns the UTF-8 mode on), else U+FFFD.
        String stray = out.contains(" surrogateescape\\n") ? "\\udcff" : "\\ufffd";
        assertTrue(out.startsWith("H\\u00c9LLO \\u20ac \\u2713 9 "), out);
        assertTrue(out.contains("\\nfileno UnsupportedOperation\\n"), out);
        assertTrue(out.endsWith("\\n\\u00fc\\n" + stray + "\\n"), out);
        assertEquals("WARNING:one|WARNING:two|WARNING:three|WARNING:unfinished", r.get("records"));
    }

    private static void encoding(InstalledPython py) throws IOException, InterruptedException {
        Map<String, String> r = probe(py, "encoding").table();
        assertEquals("0", r.get("status"));
        Python real = python(py, List.of("-c", StreamsProbe.ENCODING_CODE), new byte[] {(byte) 0xe9, '\n'},
                Map.of("PYTHONIOENCODING", "latin-1:replace", "PYTHONUNBUFFERED", "1"));
        assertEquals(0, real.status());
        assertEquals(HexFormat.of().formatHex(real.out()), r.get("out"), "stdout as python's");
        assertEquals(HexFormat.of().formatHex(real.err()), r.get("err"), "stderr as python's");
    }

    /** What the real python wrote. */
    private record Python(int status, byte[] out, byte[] err) {
    }

    /** Runs the real python with arguments and standard input, its output to files. */
    private static Python python(InstalledPython py, List<String> args, byte[] stdin, Map<String, String> env)
            throws IOException, InterruptedException {
        Path in = Files.createTempFile("pyhost-stdin", ".bin");
        Path out = Files.createTempFile("pyhost-stdout", ".bin");
        Path err = Files.createTempFile("pyhost-stderr", ".bin");
        try {
            Files.write(in, stdin);
            List<String> command = new ArrayList<>(List.of(py.executable().toString()));
            command.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(command).redirectInput(in.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("PYTHON") || k.startsWith("PYHOST"));
            pb.environment().putAll(env);
            Process p = pb.start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python timed out");
            return new Python(p.exitValue(), Files.readAllBytes(out), Files.readAllBytes(err));
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The probe's escaping of a value. */
    private static String escaped(String value) {
        StringBuilder b = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> b.append(c < 32 || c > 126 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.toString();
    }

    private static void ioError(InstalledPython py) {
        Map<String, String> r = probe(py, "ioerror").table();
        // The bytes of the failed write stay in Python's buffer, flushing them fails again at finalization, and the
        // status is CPython's for a failed flush at exit: 120.
        assertEquals("120", r.get("status"));
        assertTrue(r.get("err").startsWith("caught OSError 5 java.io.IOException: disk on fire (Java stream "),
                r.get("err"));
    }

    private static void program(InstalledPython py) throws IOException, InterruptedException {
        Map<String, String> r = probe(py, "program").table();
        Python real = python(py, List.of(), StreamsProbe.PROGRAM.getBytes(StandardCharsets.UTF_8), Map.of());
        assertEquals(String.valueOf(real.status()), r.get("status"));
        assertEquals(escaped(new String(real.out(), StandardCharsets.UTF_8)), r.get("out"), "stdout as python's");
        assertEquals(escaped(new String(real.err(), StandardCharsets.UTF_8)), r.get("err"), "stderr as python's");
        assertTrue(r.get("out").startsWith("from stdin __main__ <stdin> '' \\u00e9\\nfinally"), r.get("out"));
    }

    private static void gilReleased(InstalledPython py) {
        Map<String, String> r = probe(py, "gil").table();
        assertEquals("written while another thread ran\\n", r.get("out"), r.get("err"));
        assertEquals("", r.get("err"));
        assertEquals("0", r.get("status"));
    }

    private static void defaults(InstalledPython py) {
        Child c = probe(py, "default");
        assertTrue(c.stdout().startsWith("java 0\npython 1\njava 2\npython 3\nstatus\t0\n"), c.stdout());
        assertEquals("python into the swapped stream\\n", c.table().get("swapped"));
        assertEquals("stdin is empty\n", c.stderr());
    }
}
