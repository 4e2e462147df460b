/**
 * The benchmarks of the object API: the overhead of a direct call into Python through a live object handle (from a
 * platform thread and from a virtual thread), evaluating a small expression, and converting a 10,000-element list
 * each way ({@link dev.pyhost.bench.calls.CallBenchmark}). {@code bin/bench jmh CallBenchmark} runs them.
 */
package dev.pyhost.bench.calls;
