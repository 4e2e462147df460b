package dev.pyhost.bench;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonRuntime;
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
 * The round trip of one small request on a started runtime: from the calling Java thread to the interpreter's
 * thread, the GIL taken, CPython compiling and evaluating the source, the result converted to Java, the GIL
 * released, and back.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EvalBenchmark {
    private PythonRuntime python;
    private Interpreter py;

    /** Creates the benchmark (for JMH). */
    public EvalBenchmark() {
    }

    /** Starts the runtime once for all measurements. */
    @Setup(Level.Trial)
    public void start() {
        python = PythonRuntime.builder(Runtimes.SERVICE).start();
        py = python.interpreter();
    }

    /** Finalizes it. */
    @TearDown(Level.Trial)
    public void close() {
        python.close();
    }

    /**
     * {@code eval("1+1")}: an expression compiled and evaluated, an {@code int} converted back.
     *
     * @return the result
     */
    @Benchmark
    public Object evalOnePlusOne() {
        return py.eval("1+1");
    }

    /**
     * {@code exec("pass")}: the round trip with nothing to convert back.
     */
    @Benchmark
    public void execPass() {
        py.exec("pass");
    }
}
