package dev.pyhost.bench.buffers;

import dev.pyhost.api.PythonBuffer;
import dev.pyhost.api.PythonObject;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.PythonScope;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.SharedSegment;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 1 MiB buffer handed from one side to the other, which then reads its last byte: shared without a copy
 * ({@code Interpreter.share} and a {@code memoryview} one way, {@code PythonObject.buffer()} the other) against the
 * copying baseline ({@code byte[]} to {@code bytes}, {@code bytes} to {@code byte[]}). Each operation includes the
 * whole lifetime: lending and revoking, or exporting and releasing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BufferBenchmark {
    private static final int SIZE = 1 << 20;

    private PythonRuntime python;
    private PythonScope scope;
    private Arena arena;
    private MemorySegment javaMemory;
    private PythonObject lastOfView;
    private PythonObject lastOfBytes;
    private PythonObject pythonBuffer;

    /** Creates the benchmark (for JMH). */
    public BufferBenchmark() {
    }

    /** Starts the runtime, allocates the Java segment and the Python bytearray. */
    @Setup(Level.Trial)
    public void start() {
        python = PythonRuntime.builder(RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED).build()).start();
        scope = python.interpreter().newScope();
        scope.exec("""
                def last_of_view(x):
                    with memoryview(x) as m:
                        return m[-1]
                def last_of_bytes(b):
                    return b[-1]
                data = bytearray(range(256)) * 4096
                """);
        lastOfView = scope.get("last_of_view", PythonObject.class);
        lastOfBytes = scope.get("last_of_bytes", PythonObject.class);
        pythonBuffer = scope.get("data", PythonObject.class);
        arena = Arena.ofShared();
        javaMemory = arena.allocate(SIZE);
        javaMemory.set(ValueLayout.JAVA_BYTE, SIZE - 1, (byte) 42);
    }

    /** Releases everything and finalizes. */
    @TearDown(Level.Trial)
    public void close() {
        pythonBuffer.close();
        lastOfBytes.close();
        lastOfView.close();
        scope.close();
        python.close();
        arena.close();
    }

    /**
     * Java to Python without a copy: lend the segment, Python takes a memoryview and reads the last byte, revoke.
     *
     * @return the byte Python read
     */
    @Benchmark
    public long javaToPythonShared() {
        try (SharedSegment shared = python.interpreter().share(javaMemory);
                PythonObject exporter = shared.exporter()) {
            return lastOfView.invoke(Long.class, exporter);
        }
    }

    /**
     * Java to Python by copying: the segment to a {@code byte[]}, converted to {@code bytes}, Python reads the last
     * byte.
     *
     * @return the byte Python read
     */
    @Benchmark
    public long javaToPythonCopied() {
        return lastOfBytes.invoke(Long.class, (Object) javaMemory.toArray(ValueLayout.JAVA_BYTE));
    }

    /**
     * Python to Java without a copy: export the bytearray, Java reads the last byte of the segment, release.
     *
     * @return the byte Java read
     */
    @Benchmark
    public byte pythonToJavaShared() {
        try (PythonBuffer buffer = pythonBuffer.buffer()) {
            return buffer.segment().get(ValueLayout.JAVA_BYTE, SIZE - 1);
        }
    }

    /**
     * Python to Java by copying: the bytearray converted to a {@code byte[]}, Java reads its last byte.
     *
     * @return the byte Java read
     */
    @Benchmark
    public byte pythonToJavaCopied() {
        byte[] copy = pythonBuffer.as(byte[].class);
        return copy[SIZE - 1];
    }
}
