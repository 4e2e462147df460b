/**
 * The lifecycle manager of PyHost: the {@link dev.pyhost.api.backend.RuntimeFactory} behind
 * {@link dev.pyhost.api.PythonRuntime#builder}, the plug-in registry, and {@code pymain_run_python} in Java.
 * Not exported: embedders use {@code dev.pyhost.api}.
 */
package dev.pyhost.core;
