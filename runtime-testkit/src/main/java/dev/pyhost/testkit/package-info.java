/**
 * The JUnit 5 extension of PyHost's test kit: {@link dev.pyhost.testkit.PyHostTest} (with
 * {@link dev.pyhost.testkit.PyHostExtension}) gives tests a {@link dev.pyhost.api.PythonRuntime}, its
 * {@link dev.pyhost.api.Interpreter}, a fresh {@link dev.pyhost.testkit.PythonNamespace},
 * {@link dev.pyhost.testkit.CapturedOutput} and {@link dev.pyhost.testkit.PythonRuntimes}, with the lifecycles of
 * {@link dev.pyhost.testkit.RuntimeLifecycle}; {@link dev.pyhost.testkit.RequiresPython} runs a test only on a
 * CPython version, build or feature that fits.
 */
package dev.pyhost.testkit;
