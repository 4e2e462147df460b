package dev.pyhost.core;

import dev.pyhost.api.ExitStatus;
import dev.pyhost.api.Interpreter;
import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.spi.ExitHandler;
import java.util.Objects;

/**
 * A runtime whose run CPython's command-line parser already ended before initialization ({@code -h},
 * {@code -V}, a usage error), as {@code Py_RunMain} would end it through {@code Py_ExitStatusException}: the
 * text is printed, no interpreter exists, and {@link #runMain()} gives the status. No exit handler runs, since no
 * interpreter finalizes.
 */
final class EndedRuntime implements PythonRuntime {
    private final RuntimeConfig config;
    private final PythonInstallation installation;
    private final ExitStatus status;

    EndedRuntime(RuntimeConfig config, PythonInstallation installation, int code) {
        this.config = config;
        this.installation = installation;
        this.status = ExitStatus.of(code);
    }

    @Override
    public RuntimeConfig config() {
        return config;
    }

    @Override
    public PythonInstallation installation() {
        return installation;
    }

    @Override
    public Interpreter interpreter() {
        throw new LifecycleException("CPython's command line ended the run with status " + status.code()
                + " before the interpreter was initialized; runMain() returns that status");
    }

    @Override
    public PythonRuntime atExit(ExitHandler handler, Object data) {
        Objects.requireNonNull(handler, "handler");
        throw new LifecycleException("CPython's command line ended the run with status " + status.code()
                + " before the interpreter was initialized; no exit handler can run");
    }

    @Override
    public ExitStatus runMain() {
        return status;
    }

    @Override
    public ExitStatus shutdown() {
        return status;
    }

    @Override
    public void abandon(ExitStatus ignored) {
        // nothing was started, so nothing is left to run
    }

    @Override
    public void close() {
        // nothing was started
    }
}
