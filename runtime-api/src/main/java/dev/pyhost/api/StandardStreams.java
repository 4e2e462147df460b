package dev.pyhost.api;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where a runtime's {@code sys.stdin}, {@code sys.stdout} and {@code sys.stderr} lead: immutable, set with
 * {@link PythonRuntime.Builder#standardStreams(StandardStreams)}. Each of the three is either the process's file
 * descriptor, as {@code python} has it ({@link Output#inherit()}, {@link Input#inherit()}), or a Java stream.
 *
 * <p>An embedding gets {@link #java()} unless it chooses otherwise: Python's output goes to whatever
 * {@link System#out} and {@link System#err} are at the moment it is written (so a test runner's capture,
 * {@link System#setOut} and the order against Java's own prints all hold), and standard input is empty, because
 * reading file descriptor 0 in a process such as a Surefire fork would steal its command channel. {@code bin/pyhost}
 * uses {@link #inherit()}.
 *
 * <p>A Java stream replaces the three Python text streams once CPython is initialized, {@code sys.__stdout__} and
 * the others included. They keep the encoding and error handler CPython chose from the configuration
 * ({@code PYTHONIOENCODING}, the UTF-8 mode, {@link Setting#STDIO_ENCODING}); output is line-buffered, as python's
 * is at a terminal, and unbuffered with {@code -u} ({@link Setting#BUFFERED_STDIO} false); {@code flush()} and
 * {@code print(..., flush=True)} reach the Java stream at once, and Python's buffered bytes are flushed into it
 * when the runtime finalizes (so {@code atexit} output arrives). Java's streams are called with the GIL released;
 * an {@link java.io.IOException} they throw is an {@code OSError} in Python. Their {@code fileno()} raises
 * {@code io.UnsupportedOperation} and {@code isatty()} is false. What reaches the file descriptors directly
 * ({@code os.write(1, ...)}, child processes, C extensions, {@code faulthandler}, CPython's own messages before
 * the streams are in place, such as {@code -v} import traces) still goes to the process's descriptors.
 *
 * @param stdin where {@code sys.stdin} reads
 * @param stdout where {@code sys.stdout} writes
 * @param stderr where {@code sys.stderr} writes
 */
public record StandardStreams(Input stdin, Output stdout, Output stderr) {
    private static final StandardStreams INHERIT = new StandardStreams(Input.inherit(), Output.inherit(),
            Output.inherit());
    private static final StandardStreams JAVA = new StandardStreams(Input.empty(), Output.systemOut(),
            Output.systemErr());

    /** Checks that each stream is given. */
    public StandardStreams {
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    /** {@return file descriptors 0, 1 and 2 exactly as {@code python} uses them; what {@code bin/pyhost} uses} */
    public static StandardStreams inherit() {
        return INHERIT;
    }

    /**
     * {@return the default of an embedding: output to {@link System#out} and {@link System#err} as they are when
     * Python writes, and an empty standard input (Python reads end of file)}
     */
    public static StandardStreams java() {
        return JAVA;
    }

    /**
     * Uses three Java byte streams.
     *
     * @param in what {@code sys.stdin} reads
     * @param out what {@code sys.stdout} writes to
     * @param err what {@code sys.stderr} writes to
     * @return the streams
     */
    public static StandardStreams of(InputStream in, OutputStream out, OutputStream err) {
        return new StandardStreams(Input.of(in), Output.of(out), Output.of(err));
    }

    /**
     * {@return these streams with another standard input}
     *
     * @param in the standard input
     */
    public StandardStreams withStdin(Input in) {
        return new StandardStreams(in, stdout, stderr);
    }

    /**
     * {@return these streams with another standard output}
     *
     * @param out the standard output
     */
    public StandardStreams withStdout(Output out) {
        return new StandardStreams(stdin, out, stderr);
    }

    /**
     * {@return these streams with another standard error}
     *
     * @param err the standard error
     */
    public StandardStreams withStderr(Output err) {
        return new StandardStreams(stdin, stdout, err);
    }

    /** {@return whether all three are the process's file descriptors} */
    public boolean inheritsAll() {
        return stdin instanceof Input.Inherit && stdout instanceof Output.Inherit && stderr instanceof Output.Inherit;
    }

    /** Where {@code sys.stdout} or {@code sys.stderr} writes. */
    public sealed interface Output {
        /** {@return the process's file descriptor (1 or 2), as {@code python} uses it} */
        static Output inherit() {
            return new Inherit();
        }

        /** {@return whatever {@link System#out} is when Python writes} */
        static Output systemOut() {
            return new ToStream(() -> System.out, "System.out");
        }

        /** {@return whatever {@link System#err} is when Python writes} */
        static Output systemErr() {
            return new ToStream(() -> System.err, "System.err");
        }

        /**
         * {@return a byte stream: it receives what Python encoded, and is flushed after each write} Not closed by
         * PyHost.
         *
         * @param out the stream
         */
        static Output of(OutputStream out) {
            Objects.requireNonNull(out, "out");
            return new ToStream(() -> out, out.toString());
        }

        /**
         * {@return a character stream: it receives the text Python wrote, decoded again with the stream's encoding
         * (bytes that do not decode, written to {@code sys.stdout.buffer}, become U+FFFD, or lone surrogates under
         * the {@code surrogateescape} error handler); flushed after each write} Not closed by PyHost.
         *
         * @param out the writer
         */
        static Output of(Writer out) {
            return new ToWriter(out);
        }

        /**
         * {@return a logger: one record per line of text, without its line end; a last line without one is logged
         * when the runtime finalizes}
         *
         * @param logger the logger
         * @param level the level of every record
         */
        static Output of(System.Logger logger, System.Logger.Level level) {
            return new ToLogger(logger, level);
        }

        /** The process's file descriptor. */
        record Inherit() implements Output {
        }

        /**
         * A byte stream, looked up at each write.
         *
         * @param stream gives the stream to write to
         * @param description what it is, for messages
         */
        record ToStream(Supplier<? extends OutputStream> stream, String description) implements Output {
            /** Checks the arguments. */
            public ToStream {
                Objects.requireNonNull(stream, "stream");
                Objects.requireNonNull(description, "description");
            }
        }

        /**
         * A character stream.
         *
         * @param writer the writer
         */
        record ToWriter(Writer writer) implements Output {
            /** Checks the argument. */
            public ToWriter {
                Objects.requireNonNull(writer, "writer");
            }
        }

        /**
         * A logger, one record per line.
         *
         * @param logger the logger
         * @param level the level of the records
         */
        record ToLogger(System.Logger logger, System.Logger.Level level) implements Output {
            /** Checks the arguments. */
            public ToLogger {
                Objects.requireNonNull(logger, "logger");
                Objects.requireNonNull(level, "level");
            }
        }
    }

    /** Where {@code sys.stdin} reads. */
    public sealed interface Input {
        /** {@return file descriptor 0, as {@code python} uses it} */
        static Input inherit() {
            return new Inherit();
        }

        /** {@return nothing: Python reads end of file at once ({@code input()} raises {@code EOFError})} */
        static Input empty() {
            return new FromStream(InputStream::nullInputStream, "empty");
        }

        /**
         * {@return whatever {@link System#in} is when Python reads} Not in a process whose standard input carries
         * something else, such as a Surefire fork's commands.
         */
        static Input systemIn() {
            return new FromStream(() -> System.in, "System.in");
        }

        /**
         * {@return a byte stream, decoded by Python with the configured encoding} Not closed by PyHost.
         *
         * @param in the stream
         */
        static Input of(InputStream in) {
            Objects.requireNonNull(in, "in");
            return new FromStream(() -> in, in.toString());
        }

        /** File descriptor 0. */
        record Inherit() implements Input {
        }

        /**
         * A byte stream, looked up at each read.
         *
         * @param stream gives the stream to read
         * @param description what it is, for messages
         */
        record FromStream(Supplier<? extends InputStream> stream, String description) implements Input {
            /** Checks the arguments. */
            public FromStream {
                Objects.requireNonNull(stream, "stream");
                Objects.requireNonNull(description, "description");
            }
        }
    }
}
