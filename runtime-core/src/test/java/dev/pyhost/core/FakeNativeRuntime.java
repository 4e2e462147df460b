package dev.pyhost.core;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonVersion;
import dev.pyhost.api.spi.LaunchSettings;
import dev.pyhost.api.spi.MainRunner;
import dev.pyhost.api.spi.NativeRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A fake {@link NativeRuntime} for unit tests of the lifecycle wiring: no Python, a scripted finalization. */
final class FakeNativeRuntime implements NativeRuntime {
    final FakeMainRunner runner = new FakeMainRunner();
    int finalizeResult;
    int finalizeCalls;
    final List<String> log;

    FakeNativeRuntime(List<String> log) {
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
    public LaunchSettings settings() {
        return new LaunchSettings(Optional.of("pass"), Optional.empty(), Optional.empty(), List.of("-c"), "python3",
                false, false, false, 0, true, false, false, true, false, false);
    }

    @Override
    public MainRunner runner() {
        return runner;
    }

    @Override
    public int finalizeRuntime(Runnable atInterpreterExit) {
        finalizeCalls++;
        if (finalizeCalls == 1) {
            log.add("python atexit");
            atInterpreterExit.run();
            log.add("finalized");
        }
        return finalizeResult;
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
