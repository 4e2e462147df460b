package dev.pyhost.cpython;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonObject;
import dev.pyhost.api.PythonScope;
import dev.pyhost.api.PythonVersion;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.spi.ValueConverter;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * {@link Interpreter} of a {@link CPythonRuntime}: object-API calls run on the caller's thread through the
 * {@link ObjectLayer}; programs run as {@code __main__} go through the bootstrap on the interpreter's main thread.
 */
final class CPythonInterpreter implements Interpreter {
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
    public PythonVersion version() {
        return runtime.lib().version();
    }

    @Override
    public PythonScope mainScope() {
        return main;
    }

    @Override
    public PythonScope newScope() {
        return CPythonScope.fresh(layer);
    }

    @Override
    public PythonObject importModule(String name) {
        Objects.requireNonNull(name, "name");
        return layer.withGil(() -> layer.ownLocked(CApiObjects.PyImport_ImportModule(ObjectLayer.cString(name))));
    }

    @Override
    public dev.pyhost.api.SharedSegment share(java.lang.foreign.MemorySegment segment) {
        return CPythonSharedSegment.share(layer, segment);
    }

    @Override
    public PythonObject toPython(Object value) {
        return layer.withGil(() -> layer.ownLocked(layer.conversions.toPythonLocked(value)));
    }

    @Override
    public void addConverter(ValueConverter<?> converter) {
        layer.addConverter(converter);
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

    @Override
    public <T> T withTimeout(java.time.Duration timeout, java.util.function.Supplier<T> work) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(work, "work");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new dev.pyhost.api.ConfigurationException("timeout", "A timeout must be positive, not " + timeout);
        }
        return runtime.cancellation().withTimeout(timeout, work);
    }
}
