/**
 * The place for the benchmarks of the object API (issue 9): the overhead of a direct call into Python through a
 * live object handle, and the cost of converting arguments and results between Java and Python. Each belongs in
 * a class of its own here, shaped as {@link dev.pyhost.bench.EvalBenchmark} (a runtime started once per trial,
 * {@code Mode.AverageTime} in microseconds or nanoseconds), so that {@code bin/bench jmh} finds and runs it with
 * the others.
 */
package dev.pyhost.bench.calls;
