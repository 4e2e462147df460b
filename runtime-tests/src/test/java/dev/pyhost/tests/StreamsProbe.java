package dev.pyhost.tests;

import dev.pyhost.api.ExitStatus;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.Setting;
import dev.pyhost.api.StandardStreams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.ResourceBundle;

/**
 * Run in a child JVM by {@link StandardStreamsIT} (one runtime per process): runs one scenario of Python's standard
 * streams over Java streams on the python given as the first argument, and reports what each Java stream received
 * as {@code key<TAB>value} lines on the process's standard output (in values, a line feed, a tab and a backslash
 * are escaped as in Java source, and any character outside printable ASCII as a backslash, {@code u} and four
 * hex digits).
 */
public final class StreamsProbe {
    /** The code of the {@code bytes} case. */
    static final String BYTES_CODE = """
            import atexit, sys, warnings
            atexit.register(lambda: print('atexit says bye'))
            print('hello', 42)
            name = input('name? ')
            print('got', repr(name))
            print('rest', repr(sys.stdin.read()))
            sys.stdout.flush()  # text and bytes mixed: as python asks, flush the text first
            sys.stdout.buffer.write(b'bytes\\n')
            sys.stdout.flush()
            print('same', sys.stdout is sys.__stdout__, sys.stderr is sys.__stderr__, sys.stdin is sys.__stdin__)
            print('tty', sys.stdout.isatty(), sys.stdout.encoding, sys.stdout.name, sys.stderr.errors)
            warnings.warn('careful')
            print('partial', end='')
            def fail():
                raise ValueError('boom')
            fail()
            """;
    /** The standard input of the {@code bytes} case. */
    static final String BYTES_STDIN = "Ada\nline two\nlast, no newline";

    /** The code of the {@code encoding} case. */
    static final String ENCODING_CODE = """
            import sys
            print(repr(input()), sys.stdin.encoding)
            print('é€', sys.stdout.encoding, sys.stdout.errors, sys.stdout.write_through)
            print('€', file=sys.stderr)
            """;

    /** The program of the {@code program} case, read from standard input. */
    static final String PROGRAM = """
            # -*- coding: utf-8 -*-
            import sys
            print('from stdin', __name__, __file__, repr(sys.stdin.read()), 'é')
            def fail():
                raise KeyError('k')
            try:
                fail()
            finally:
                print('finally')
            """;

    private StreamsProbe() {
    }

    /**
     * Runs the probe.
     *
     * @param args the python executable and the scenario
     */
    public static void main(String[] args) throws Exception {
        Path python = Path.of(args[0]);
        switch (args[1]) {
            case "bytes" -> bytes(python);
            case "text" -> text(python);
            case "encoding" -> encoding(python);
            case "ioerror" -> ioError(python);
            case "default" -> defaults(python);
            case "gil" -> gilReleased(python);
            case "program" -> program(python);
            default -> throw new IllegalArgumentException(args[1]);
        }
    }

    /** Byte streams for all three: print, input(), read(), buffer writes, warnings, atexit, a traceback. */
    private static void bytes(Path python) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayInputStream in = new ByteArrayInputStream(BYTES_STDIN.getBytes(StandardCharsets.UTF_8));
        ExitStatus status;
        try (PythonRuntime rt = PythonRuntime.builder(RuntimeConfig.builder().python(python).command(BYTES_CODE)
                .build()).standardStreams(StandardStreams.of(in, out, err)).start()) {
            status = rt.runMain();
        }
        report("status", String.valueOf(status.code()));
        report("out", out.toString(StandardCharsets.UTF_8));
        report("err", err.toString(StandardCharsets.UTF_8));
    }

    /** A Writer for stdout, a Logger for stderr, UTF-8 text both ways. */
    private static void text(Path python) {
        StringWriter out = new StringWriter();
        List<String> records = new ArrayList<>();
        System.Logger logger = new RecordingLogger(records);
        ByteArrayInputStream in = new ByteArrayInputStream("héllo € ✓\n".getBytes(StandardCharsets.UTF_8));
        String code = """
                import sys
                line = input()
                print(line.upper(), len(line), sys.stdout.errors)
                try:
                    sys.stdout.fileno()
                except OSError as e:
                    print('fileno', type(e).__name__)
                sys.stdout.buffer.write('ü\\n'.encode())
                sys.stdout.buffer.write(b'\\xff\\n')
                print('one', file=sys.stderr)
                print('two\\nthree', file=sys.stderr)
                sys.stderr.write('unfinished')
                """;
        ExitStatus status;
        try (PythonRuntime rt = PythonRuntime.builder(RuntimeConfig.builder().python(python).command(code).build())
                .standardStreams(new StandardStreams(StandardStreams.Input.of(in), StandardStreams.Output.of(out),
                        StandardStreams.Output.of(logger, System.Logger.Level.WARNING))).start()) {
            status = rt.runMain();
        }
        report("status", String.valueOf(status.code()));
        report("out", out.toString());
        report("records", String.join("|", records));
    }

    /** The configured encoding and error handler, and the unbuffered mode, reach the Java bytes. */
    private static void encoding(Path python) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[] {(byte) 0xe9, '\n'});
        RuntimeConfig config = RuntimeConfig.builder().python(python).command(ENCODING_CODE)
                .set(Setting.STDIO_ENCODING, "latin-1").set(Setting.STDIO_ERRORS, "replace")
                .set(Setting.BUFFERED_STDIO, false).build();
        ExitStatus status;
        try (PythonRuntime rt = PythonRuntime.builder(config).standardStreams(StandardStreams.of(in, out, err))
                .start()) {
            status = rt.runMain();
        }
        report("status", String.valueOf(status.code()));
        report("out", HexFormat.of().formatHex(out.toByteArray()));
        report("err", HexFormat.of().formatHex(err.toByteArray()));
    }

    /** An IOException of the Java stream is an OSError in Python. */
    private static void ioError(Path python) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk on fire");
            }
        };
        String code = """
                import sys
                try:
                    print('lost', flush=True)
                except OSError as e:
                    print('caught', type(e).__name__, e.errno, e.strerror, file=sys.stderr)
                """;
        ExitStatus status;
        try (PythonRuntime rt = PythonRuntime.builder(RuntimeConfig.builder().python(python).command(code).build())
                .standardStreams(StandardStreams.of(InputStream.nullInputStream(), broken, err)).start()) {
            status = rt.runMain();
        }
        report("status", String.valueOf(status.code()));
        report("err", err.toString(StandardCharsets.UTF_8));
    }

    /**
     * The default of an embedding: whatever System.out is when Python writes, in order with Java's own prints, and
     * an empty standard input.
     */
    private static void defaults(Path python) {
        PrintStream original = System.out;
        ByteArrayOutputStream swapped = new ByteArrayOutputStream();
        String code = """
                import sys
                print('python 1')
                java_print('java 2')
                print('python 3')
                swap()
                print('python into the swapped stream')
                try:
                    input()
                except EOFError:
                    print('stdin is empty', file=sys.stderr)
                """;
        ExitStatus status;
        try (PythonRuntime rt = PythonRuntime.builder(RuntimeConfig.builder().python(python).build()).start()) {
            rt.interpreter().set("java_print", (java.util.function.Consumer<Object>) System.out::println);
            rt.interpreter().set("swap", (Runnable) () -> System.setOut(new PrintStream(swapped, true,
                    StandardCharsets.UTF_8)));
            System.out.println("java 0");
            rt.interpreter().exec(code);
            status = rt.shutdown();
        } finally {
            System.setOut(original);
        }
        report("status", String.valueOf(status.code()));
        report("swapped", swapped.toString(StandardCharsets.UTF_8));
    }

    /**
     * Java's stream runs with the GIL released: its write waits for another Python thread to call Java, which that
     * thread can do only while the GIL is free (else the write gives up after 20 s and Python sees an OSError).
     */
    private static void gilReleased(Path python) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        OutputStream waiting = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    if (!released.await(20, java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new IOException("the other Python thread never ran: the GIL was held");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
                received.write(b, off, len);
            }
        };
        String code = """
                import threading, time
                t = threading.Thread(target=lambda: (time.sleep(0.2), release()))
                t.start()
                print('written while another thread ran', flush=True)
                t.join()
                """;
        ExitStatus status;
        try (PythonRuntime rt = PythonRuntime.builder(RuntimeConfig.builder().python(python).build())
                .standardStreams(StandardStreams.of(InputStream.nullInputStream(), waiting, err)).start()) {
            rt.interpreter().set("release", (Runnable) released::countDown);
            rt.interpreter().exec(code);
            status = rt.shutdown();
        }
        report("status", String.valueOf(status.code()));
        report("out", received.toString(StandardCharsets.UTF_8));
        report("err", err.toString(StandardCharsets.UTF_8));
    }

    /** Without a command, runMain() reads the program from the configured standard input, as python from fd 0. */
    private static void program(Path python) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayInputStream in = new ByteArrayInputStream(PROGRAM.getBytes(StandardCharsets.UTF_8));
        ExitStatus status;
        try (PythonRuntime rt = PythonRuntime.builder(RuntimeConfig.builder().python(python).build())
                .standardStreams(StandardStreams.of(in, out, err)).start()) {
            status = rt.runMain();
        }
        report("status", String.valueOf(status.code()));
        report("out", out.toString(StandardCharsets.UTF_8));
        report("err", err.toString(StandardCharsets.UTF_8));
    }

    private static void report(String key, String value) {
        StringBuilder line = new StringBuilder(key).append('\t');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 32 || c > 126) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        System.out.println(line);
    }

    /** Keeps each record's message. */
    private record RecordingLogger(List<String> records) implements System.Logger {
        @Override
        public String getName() {
            return "recording";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            synchronized (records) {
                records.add(level + ":" + msg);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            synchronized (records) {
                records.add(level + ":" + format);
            }
        }
    }
}
