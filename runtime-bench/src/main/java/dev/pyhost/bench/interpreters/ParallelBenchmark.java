package dev.pyhost.bench.interpreters;

import dev.pyhost.api.InterpreterPool;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.SubInterpreterConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A batch of {@value #TASKS} CPU-bound pure-Python tasks ({@link #WORK}: a loop of integer arithmetic, no I/O, no C
 * extension) run through an {@link InterpreterPool} of {@code interpreters} workers: {@code ISOLATED} gives each
 * worker a sub-interpreter with its own GIL, {@code MAIN} makes them all share the main interpreter (the baseline
 * that one GIL allows). The time per batch against the 1-interpreter figure is the speed-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class ParallelBenchmark {
    /** Tasks per batch. */
    static final int TASKS = 8;
    /** The workload, defined in each interpreter. */
    static final String WORK = "def work(n):\n    total = 0\n    for i in range(n):\n        total += i * i % 7\n"
            + "    return total\n";

    /** Workers in the pool. */
    @Param({"1", "2", "4"})
    public int interpreters;

    /** {@code ISOLATED} sub-interpreters, or every worker on the {@code MAIN} interpreter. */
    @Param({"ISOLATED", "MAIN"})
    public String kind;

    private PythonRuntime python;
    private InterpreterPool pool;

    /** Creates the benchmark (for JMH). */
    public ParallelBenchmark() {
    }

    /** Starts the runtime and the pool. */
    @Setup(Level.Trial)
    public void start() {
        python = PythonRuntime.builder(RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED).build()).start();
        InterpreterPool.Builder b = InterpreterPool.builder(python).size(interpreters).initialization(WORK);
        if (kind.equals("MAIN")) {
            b.onMainInterpreter();
        } else {
            b.config(SubInterpreterConfig.isolated());
        }
        pool = b.build();
    }

    /** Closes the pool and the runtime. */
    @TearDown(Level.Trial)
    public void close() {
        pool.close();
        python.close();
    }

    /**
     * One batch.
     *
     * @return the sum of the results
     * @throws Exception when a task failed
     */
    @Benchmark
    public long batch() throws Exception {
        List<CompletableFuture<Object>> results = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            results.add(pool.submit(py -> py.call("work", 300_000)));
        }
        long sum = 0;
        for (CompletableFuture<Object> r : results) {
            sum += (Long) r.get();
        }
        return sum;
    }
}
