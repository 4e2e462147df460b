package dev.pyhost.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A runtime's start inside a JVM that already runs: {@code PythonRuntime} start, the first {@code eval("1+1")}
 * result, and close (which finalizes CPython). One runtime runs in a process at a time, so each measured call is
 * one whole cycle. Each is timed once ({@link Mode#SingleShotTime}): a start is not a loop body.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StartupBenchmark {
    /** Creates the benchmark (for JMH). */
    public StartupBenchmark() {
    }

    /**
     * The first runtime of a fresh JVM: what an application pays once, when the JVM side of PyHost (the native
     * linker, the downcall handles, the plug-in discovery) is used for the first time. One measurement per fork,
     * many forks.
     *
     * @return the result, so that nothing is optimized away
     */
    @Benchmark
    @Fork(value = 10, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public Object firstStart() {
        return Runtimes.startEvalClose();
    }

    /**
     * A later runtime in the same JVM, after earlier ones were closed: CPython's own initialization and
     * finalization plus what PyHost does per runtime.
     *
     * @return the result, so that nothing is optimized away
     */
    @Benchmark
    @Fork(value = 2, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
    @Warmup(iterations = 5)
    @Measurement(iterations = 15)
    public Object restart() {
        return Runtimes.startEvalClose();
    }
}
