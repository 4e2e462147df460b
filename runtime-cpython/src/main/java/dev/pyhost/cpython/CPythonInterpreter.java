package dev.pyhost.cpython;

import dev.pyhost.api.PythonVersion;
import dev.pyhost.api.RunOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * {@link Interpreter} of a {@link CPythonRuntime}: object-API calls run on the caller's thread through the
 * {@link ObjectLayer}; programs run as {@code __main__} go through the bootstrap on the interpreter's main thread.
 */
final class CPythonInterpreter extends LayerInterpreter {
    private final CPythonRuntime runtime;
    private final ObjectLayer layer;
    private final CPythonScope main;

    CPythonInterpreter(CPythonRuntime runtime, ObjectLayer layer) {
        this.runtime = runtime;
        this.layer = layer;
        this.main = CPythonScope.main(layer);
        layer.attach(this);
    }

    @Override
    ObjectLayer layer() {
        return layer;
    }

    @Override
    CPythonScope main() {
        return main;
    }

    @Override
    void checkOpen() {
        // the main scope and new scopes refuse calls themselves once the runtime is finalized
    }

    @Override
    public PythonVersion version() {
        return runtime.lib().version();
    }

    @Override
    public RunOutcome runFile(Path file, List<String> argv) {
        return run("file", file.toAbsolutePath().toString(), argv);
    }

    @Override
    public RunOutcome runModule(String module, List<String> argv) {
        return run("module", Objects.requireNonNull(module, "module"), argv);
    }

    private RunOutcome run(String kind, String target, List<String> argv) {
        String[] args = List.copyOf(Objects.requireNonNull(argv, "argv")).toArray(String[]::new);
        Object[] all = new Object[args.length + 2];
        all[0] = kind;
        all[1] = target;
        System.arraycopy(args, 0, all, 2, args.length);
        return BootCodec.expect(runtime.boot("api_run", all), RunOutcome.class, "api_run");
    }

    @Override
    public boolean isOpen() {
        return runtime.isOpen();
    }

    @Override
    public int interrupt() {
        if (!runtime.isOpen() || layer.gil.isClosed()) {
            throw new dev.pyhost.api.LifecycleException(CPythonRuntime.FINALIZED);
        }
        return runtime.cancellation().interrupt();
    }
}
