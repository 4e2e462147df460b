package dev.pyhost.core;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonVersion;
import dev.pyhost.api.backend.BackendRuntime;
import dev.pyhost.api.backend.MainSteps;
import dev.pyhost.api.backend.ResolvedSettings;
import java.nio.file.Path;
import java.util.List;

/** A fake {@link BackendRuntime} for unit tests of the lifecycle wiring: no Python, a scripted finalization. */
final class FakeBackendRuntime implements BackendRuntime {
    final FakeMainSteps steps = new FakeMainSteps();
    int finalizeResult;
    int finalizeCalls;
    /** The bound each finalization was given, in order; {@code null} for none. */
    final List<java.time.Duration> bounds = new java.util.ArrayList<>();
    List<String> abandoned = List.of();
    final List<String> log;

    FakeBackendRuntime(List<String> log) {
        this.log = log;
    }

    @Override
    public PythonInstallation installation() {
        return new PythonInstallation(Path.of("/fake/bin/python3"), Path.of("/fake/lib/libpython3.13.so"),
                new PythonVersion(3, 13, 0), "a fake");
    }

    @Override
    public Interpreter interpreter() {
        return null;
    }

    @Override
    public ResolvedSettings settings() {
        return ResolvedSettings.builder().runCommand("pass").argv(List.of("-c")).build();
    }

    @Override
    public MainSteps steps() {
        return steps;
    }

    @Override
    public int finalizeRuntime(Runnable atInterpreterExit) {
        bounds.add(null);
        return finalize(atInterpreterExit);
    }

    private int finalize(Runnable atInterpreterExit) {
        finalizeCalls++;
        if (finalizeCalls == 1) {
            log.add("python atexit");
            atInterpreterExit.run();
            log.add("finalized");
        }
        return finalizeResult;
    }

    @Override
    public int finalizeRuntime(Runnable atInterpreterExit, java.time.Duration finalizeBound) {
        bounds.add(finalizeBound);
        return finalize(atInterpreterExit);
    }

    @Override
    public List<String> abandoned() {
        return abandoned;
    }

    @Override
    public boolean busy() {
        return false;
    }

    @Override
    public void close() {
        finalizeRuntime(() -> { });
    }
}
