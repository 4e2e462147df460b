/**
 * The contracts between PyHost's own parts, not meant for embedders or plug-in authors: the lifecycle manager
 * behind {@link dev.pyhost.api.PythonRuntime#builder} ({@link dev.pyhost.api.backend.RuntimeFactory}, implemented
 * by {@code runtime-core}) and an interpreter backend ({@link dev.pyhost.api.backend.InterpreterProvider},
 * {@link dev.pyhost.api.backend.BackendRuntime}, {@link dev.pyhost.api.backend.MainSteps}, implemented by
 * {@code runtime-cpython}). These types may change in any release.
 */
package dev.pyhost.api.backend;
