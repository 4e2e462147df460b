/**
 * JMH benchmarks of many interpreters: a CPU-bound pure-Python workload spread over an {@link
 * dev.pyhost.api.InterpreterPool} of 1, 2 and 4 isolated sub-interpreters against the main interpreter alone
 * ({@code bin/bench interpreters} runs them beside python3 with threads and with multiprocessing).
 */
package dev.pyhost.bench.interpreters;
