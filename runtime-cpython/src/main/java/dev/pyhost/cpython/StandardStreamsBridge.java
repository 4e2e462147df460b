package dev.pyhost.cpython;

import dev.pyhost.api.PyHostException;
import dev.pyhost.api.StandardStreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Python's {@code sys.stdin}, {@code sys.stdout} and {@code sys.stderr} over the Java streams of a
 * {@link StandardStreams}: the Python half ({@code stdio.py}) builds text streams over raw streams whose reads and
 * writes are Java functions ({@link JavaFunctions}, so Java runs with the GIL released); this half gives those
 * functions. A Java {@link IOException} is returned to Python as a message, which raises it as {@code OSError}.
 * Streams that inherit their file descriptor are left as CPython made them.
 */
final class StandardStreamsBridge implements AutoCloseable {
    /** The longest read asked of Java at once. */
    private static final int MAX_READ = 1 << 16;

    private final List<LineLog> logs;

    private StandardStreamsBridge(List<LineLog> logs) {
        this.logs = logs;
    }

    /**
     * Installs the streams that do not inherit their descriptor; on the interpreter's thread with the GIL held,
     * once CPython is initialized.
     *
     * @param layer the object layer (for Java functions and conversion)
     * @param streams where the streams lead
     * @return the bridge, to {@linkplain #close() close} after finalization; {@code null} when every stream
     *         inherits its descriptor
     * @throws PyHostException when {@code stdio.py} fails (a PyHost bug)
     */
    static StandardStreamsBridge installLocked(ObjectLayer layer, StandardStreams streams) {
        if (streams.inheritsAll()) {
            return null;
        }
        List<LineLog> logs = new ArrayList<>();
        MemorySegment globals = layer.py.newDict();
        MemorySegment code;
        try (Arena arena = Arena.ofConfined()) {
            code = CApiObjects.Py_CompileStringExFlags(arena.allocateFrom(Bootstrap.resource("stdio.py")),
                    arena.allocateFrom("<pyhost-stdio>"), 257, MemorySegment.NULL, -1);
        }
        if (code.address() == 0) {
            throw new PyHostException("PyHost's stdio.py does not compile (a PyHost bug): " + layer.errorLocked());
        }
        CApiObjects.PyDict_SetItemString(globals, ObjectLayer.cString("__builtins__"),
                CApiObjects.PyImport_AddModule(ObjectLayer.cString("builtins")));
        MemorySegment r = layer.py.evalCode(code, globals);
        layer.py.decref(code);
        if (r.address() == 0) {
            throw new PyHostException("PyHost's stdio.py does not run (a PyHost bug): " + layer.errorLocked());
        }
        layer.py.decref(r);
        List<MemorySegment> functions = new ArrayList<>();
        try {
            Object[] args = new Object[5];
            args[0] = reader(layer, streams.stdin(), functions);
            args[1] = writer(layer, streams.stdout(), functions, logs);
            args[2] = streams.stdout() instanceof StandardStreams.Output.ToWriter
                    || streams.stdout() instanceof StandardStreams.Output.ToLogger;
            args[3] = writer(layer, streams.stderr(), functions, logs);
            args[4] = streams.stderr() instanceof StandardStreams.Output.ToWriter
                    || streams.stderr() instanceof StandardStreams.Output.ToLogger;
            MemorySegment install = layer.py.dictItem(globals, "install");
            layer.py.decref(layer.checkLocked(layer.callLocked(install, args)));
        } catch (RuntimeException e) {
            throw new PyHostException("PyHost could not install the standard streams (a PyHost bug): " + e, e);
        } finally {
            for (MemorySegment f : functions) {
                layer.py.decref(f);
            }
            layer.py.decref(globals); // the streams' classes keep what they use of it
        }
        return new StandardStreamsBridge(logs);
    }

    /** After finalization: logs what is left of a last line without its line end. Idempotent. */
    @Override
    public void close() {
        for (LineLog log : logs) {
            log.finish();
        }
    }

    private static Object reader(ObjectLayer layer, StandardStreams.Input in, List<MemorySegment> functions) {
        return switch (in) {
            case StandardStreams.Input.Inherit x -> null;
            case StandardStreams.Input.FromStream s -> function(layer, functions, (Object size) -> {
                try {
                    InputStream stream = s.stream().get();
                    byte[] buffer = new byte[(int) Math.min(MAX_READ, Math.max(1, (Long) size))];
                    int n = stream.read(buffer, 0, buffer.length);
                    return n <= 0 ? new byte[0] : Arrays.copyOf(buffer, n);
                } catch (IOException | UncheckedIOException e) {
                    return message(e, s.description());
                }
            });
        };
    }

    private static Object writer(ObjectLayer layer, StandardStreams.Output out, List<MemorySegment> functions,
            List<LineLog> logs) {
        return switch (out) {
            case StandardStreams.Output.Inherit x -> null;
            case StandardStreams.Output.ToStream s -> function(layer, functions, (Object data) -> {
                try {
                    OutputStream stream = s.stream().get();
                    stream.write((byte[]) data);
                    stream.flush();
                    return null;
                } catch (IOException | UncheckedIOException e) {
                    return message(e, s.description());
                }
            });
            case StandardStreams.Output.ToWriter w -> function(layer, functions, (Object text) -> {
                try {
                    w.writer().write((String) text);
                    w.writer().flush();
                    return null;
                } catch (IOException | UncheckedIOException e) {
                    return message(e, w.writer().toString());
                }
            });
            case StandardStreams.Output.ToLogger l -> {
                LineLog log = new LineLog(l.logger(), l.level());
                logs.add(log);
                yield function(layer, functions, (Object text) -> {
                    log.write((String) text);
                    return null;
                });
            }
        };
    }

    private static MemorySegment function(ObjectLayer layer, List<MemorySegment> functions,
            Function<Object, Object> f) {
        MemorySegment fn = JavaFunctions.create(layer, f);
        functions.add(fn);
        return fn;
    }

    private static String message(Exception e, String stream) {
        Throwable cause = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        return cause.getClass().getName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                + " (Java stream " + stream + ")";
    }

    /** Text to a logger, one record per line. Thread-safe; called with the GIL released. */
    static final class LineLog {
        private final System.Logger logger;
        private final System.Logger.Level level;
        private final StringBuilder pending = new StringBuilder();

        LineLog(System.Logger logger, System.Logger.Level level) {
            this.logger = logger;
            this.level = level;
        }

        /** Logs each complete line of the text, keeping the rest for the next write. */
        void write(String text) {
            List<String> lines = new ArrayList<>();
            synchronized (this) {
                int start = 0;
                int nl;
                while ((nl = text.indexOf('\n', start)) >= 0) {
                    pending.append(text, start, nl);
                    lines.add(pending.toString());
                    pending.setLength(0);
                    start = nl + 1;
                }
                pending.append(text, start, text.length());
            }
            for (String line : lines) {
                logger.log(level, line);
            }
        }

        /** Logs a last line without a line end, if any. */
        void finish() {
            String rest;
            synchronized (this) {
                rest = pending.toString();
                pending.setLength(0);
            }
            if (!rest.isEmpty()) {
                logger.log(level, rest);
            }
        }
    }
}
