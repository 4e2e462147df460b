/**
 * PyHost's benchmarks: JMH benchmarks of a runtime inside a running JVM ({@link dev.pyhost.bench.StartupBenchmark},
 * {@link dev.pyhost.bench.EvalBenchmark}) and the embedding application the whole-process benchmark
 * ({@code bin/bench}) starts ({@link dev.pyhost.bench.QuickStart}). Speed is measured here, never asserted in tests.
 */
package dev.pyhost.bench;
