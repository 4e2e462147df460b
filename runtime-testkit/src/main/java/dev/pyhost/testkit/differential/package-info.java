/**
 * Helpers for differential tests against the real {@code python} of the same version:
 * {@link dev.pyhost.testkit.differential.ChildProcess} runs a program and reports its exit status as Python does
 * (a death by signal {@code N} is {@code -N}), {@link dev.pyhost.testkit.differential.ChildEnvironment} gives it an
 * exact environment, {@link dev.pyhost.testkit.differential.InstalledPythons} finds the CPythons 3.10 to 3.14 of this
 * machine, and {@link dev.pyhost.testkit.differential.DifferentialRunner} runs the
 * {@link dev.pyhost.testkit.differential.ConformanceCase}s of a corpus with python and with a candidate, and
 * compares.
 */
package dev.pyhost.testkit.differential;
