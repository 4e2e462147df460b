package dev.pyhost.cdi;

import dev.pyhost.api.ExitStatus;
import dev.pyhost.api.Interpreter;
import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.spi.ExitHandler;
import java.util.Objects;

/**
 * The {@link PythonRuntime} bean of one runtime: starts it on first use, and turns {@link #close()} and
 * {@link #shutdown()} into the ordered teardown of {@link RuntimeHandle}. {@link #interpreter()} is the
 * {@link Interpreter} bean itself, so that calls through it are counted.
 */
final class RuntimeBean implements PythonRuntime {
    private final RuntimeHandle handle;

    RuntimeBean(RuntimeHandle handle) {
        this.handle = handle;
    }

    @Override
    public RuntimeConfig config() {
        return handle.config();
    }

    @Override
    public PythonInstallation installation() {
        return handle.started().installation();
    }

    @Override
    public Interpreter interpreter() {
        handle.started().interpreter(); // throws when CPython's command line ended the run before initialization
        return handle.interpreter();
    }

    @Override
    public dev.pyhost.api.SubInterpreter newInterpreter(dev.pyhost.api.SubInterpreterConfig subConfig) {
        return handle.started().newInterpreter(subConfig);
    }

    @Override
    public PythonRuntime atExit(ExitHandler handler, Object data) {
        Objects.requireNonNull(handler, "handler");
        handle.started().atExit(handler, data);
        return this;
    }

    @Override
    public ExitStatus runMain() {
        PythonRuntime rt = handle.enter();
        ExitStatus status;
        try {
            status = rt.runMain();
        } finally {
            handle.exit();
        }
        handle.finishedByRunMain(status);
        handle.fire(RunEnded.class, new RunEnded(handle.name(), "main", handle.mainOutcome(), status));
        return status;
    }

    @Override
    public ExitStatus shutdown() {
        return handle.finish();
    }

    @Override
    public void abandon(ExitStatus status) {
        Objects.requireNonNull(status, "status");
        try {
            handle.started().abandon(status);
        } catch (LifecycleException finalized) {
            // nothing is left to run
        }
    }

    @Override
    public void close() {
        handle.finish();
    }

    @Override
    public String toString() {
        return "PythonRuntime bean '" + handle.name() + "'";
    }
}
