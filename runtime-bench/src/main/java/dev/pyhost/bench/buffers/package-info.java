/**
 * The benchmarks of zero-copy buffers: a 1 MiB buffer shared each way against copying it
 * ({@link dev.pyhost.bench.buffers.BufferBenchmark}). {@code bin/bench jmh BufferBenchmark} runs them.
 */
package dev.pyhost.bench.buffers;
