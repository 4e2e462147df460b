package dev.pyhost.cdi;

import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonVersion;
import java.util.Objects;

/**
 * CDI event: a runtime of the container has started (CPython is initialized). Fired with the runtime's
 * {@link PyRuntime} qualifier, to synchronous observers on the thread that started it, then to asynchronous ones.
 * An exception of a synchronous observer reaches the call that started the runtime; the runtime stays started.
 *
 * @param runtime the runtime's name ({@link PyRuntime#DEFAULT} for the default one)
 * @param version the exact version of the loaded libpython
 * @param installation the installation it runs on
 */
public record RuntimeStarted(String runtime, PythonVersion version, PythonInstallation installation) {
    /** Checks that nothing is missing. */
    public RuntimeStarted {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(installation, "installation");
    }
}
