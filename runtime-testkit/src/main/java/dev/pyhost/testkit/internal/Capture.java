package dev.pyhost.testkit.internal;

import dev.pyhost.api.PythonRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Python's {@code sys.stdout} and {@code sys.stderr} of one runtime, captured by the helper module: read live while
 * the runtime runs, from the files the helper writes at interpreter exit once it finalized, and frozen when the
 * capture stops.
 */
public final class Capture implements AutoCloseable {
    private final PythonRuntime runtime;
    private final long key;
    private final Path dir;
    private String frozenOut;
    private String frozenErr;

    private Capture(PythonRuntime runtime, long key, Path dir) {
        this.runtime = runtime;
        this.key = key;
        this.dir = dir;
    }

    /**
     * Starts capturing.
     *
     * @param runtime the runtime, open
     * @return the capture; close it to stop
     */
    public static Capture start(PythonRuntime runtime) {
        Path dir;
        try {
            dir = Files.createTempDirectory("pyhost-capture-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long key = PythonSide.newKey();
        PythonSide.run(runtime.interpreter(), "start_capture(" + key + ", "
                + PythonSide.literal(dir.resolve("capture").toString()) + ")");
        return new Capture(runtime, key, dir);
    }

    /** {@return the text written to {@code sys.stdout} so far} */
    public synchronized String stdout() {
        return frozenOut != null ? frozenOut : read(1);
    }

    /** {@return the text written to {@code sys.stderr} so far} */
    public synchronized String stderr() {
        return frozenErr != null ? frozenErr : read(2);
    }

    /** Forgets what was captured so far (while the runtime is open). */
    public synchronized void clear() {
        if (frozenOut == null && RuntimeSlot.isOpen(runtime)) {
            PythonSide.run(runtime.interpreter(), "clear_capture(" + key + ")");
        }
    }

    private String read(int which) {
        if (RuntimeSlot.isOpen(runtime)) {
            return (String) PythonSide.value(runtime.interpreter(), "captured(" + key + ", " + which + ")");
        }
        Path file = dir.resolve(which == 1 ? "capture.out" : "capture.err");
        try {
            return Files.isRegularFile(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops capturing: keeps the text as it is now and puts the original streams back. */
    @Override
    public synchronized void close() {
        if (frozenOut != null) {
            return;
        }
        String out = read(1);
        String err = read(2);
        frozenOut = out;
        frozenErr = err;
        if (RuntimeSlot.isOpen(runtime)) {
            PythonSide.run(runtime.interpreter(), "stop_capture(" + key + ")");
        }
        for (String name : new String[] {"capture.out", "capture.err"}) {
            try {
                Files.deleteIfExists(dir.resolve(name));
            } catch (IOException ignored) {
                // a temporary file left behind does no harm
            }
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary folder left behind does no harm
        }
    }
}
