package dev.pyhost.bench.calls;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonCode;
import dev.pyhost.api.PythonObject;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.PythonScope;
import dev.pyhost.api.RuntimeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The object API's call overhead and conversion cost on a started runtime: a no-op Python function called through a
 * handle from a platform thread and from a virtual thread (each call on the caller's own thread, the virtual thread
 * pinned to its carrier for the call), a small expression evaluated (cached compilation) and run as compiled code,
 * and a 10,000-element list converted each way.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CallBenchmark {
    private static final int BATCH = 1_000;

    private PythonRuntime python;
    private PythonScope scope;
    private PythonObject noop;
    private PythonObject big;
    private PythonCode compiled;
    private List<Long> javaList;

    /** Creates the benchmark (for JMH). */
    public CallBenchmark() {
    }

    /** Starts the runtime and prepares the objects once for all measurements. */
    @Setup(Level.Trial)
    public void start() {
        python = PythonRuntime.builder(RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED).build()).start();
        Interpreter py = python.interpreter();
        scope = py.newScope();
        scope.exec("def noop():\n    pass\nbig = list(range(10000))\na = 20\n");
        noop = scope.get("noop", PythonObject.class);
        big = scope.get("big", PythonObject.class);
        compiled = scope.compile("a * 2 + 1");
        javaList = new ArrayList<>();
        for (long i = 0; i < 10_000; i++) {
            javaList.add(i);
        }
    }

    /** Releases everything and finalizes. */
    @TearDown(Level.Trial)
    public void close() {
        compiled.close();
        big.close();
        noop.close();
        scope.close();
        python.close();
    }

    /**
     * {@code noop()} from a platform thread: the GIL taken on the caller's own thread state, the call, {@code None}
     * converted to {@code null}.
     *
     * @return null
     */
    @Benchmark
    public Object noopCallPlatformThread() {
        return noop.invoke(Object.class);
    }

    /**
     * {@code noop()} from a virtual thread, 1,000 calls per started thread (the thread's start is spread over them).
     *
     * @throws InterruptedException never
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void noopCallVirtualThread() throws InterruptedException {
        Thread.ofVirtual().start(() -> {
            for (int i = 0; i < BATCH; i++) {
                noop.invoke(Object.class);
            }
        }).join();
    }

    /**
     * {@code eval("a * 2 + 1")}: the compiled code is cached by its text; evaluated, the {@code int} converted.
     *
     * @return 41
     */
    @Benchmark
    public Object evalSmallExpression() {
        return scope.eval("a * 2 + 1");
    }

    /**
     * The same expression compiled once ({@code PythonCode.run()}).
     *
     * @return 41
     */
    @Benchmark
    public Object runCompiledExpression() {
        return compiled.run();
    }

    /**
     * A Python list of 10,000 ints converted to a Java {@code List}.
     *
     * @return the list
     */
    @Benchmark
    public Object convertListOf10000ToJava() {
        return big.toJava();
    }

    /**
     * A Java {@code List} of 10,000 {@code Long}s converted to a Python list (and released).
     */
    @Benchmark
    public void convertListOf10000ToPython() {
        python.interpreter().toPython(javaList).close();
    }
}
