package dev.pyhost.cpython;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonException;
import dev.pyhost.api.PythonVersion;
import dev.pyhost.api.RunOutcome;
import java.nio.file.Path;
import java.util.Objects;

/** {@link Interpreter} over the bootstrap's {@code api_*} entry points. */
final class CPythonInterpreter implements Interpreter {
    private static final String FILENAME = "<pyhost>";
    private final CPythonRuntime runtime;

    CPythonInterpreter(CPythonRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public PythonVersion version() {
        return runtime.lib().version();
    }

    @Override
    public void exec(String source) {
        value("api_exec", Objects.requireNonNull(source, "source"));
    }

    @Override
    public Object eval(String expression) {
        return value("api_eval", Objects.requireNonNull(expression, "expression"));
    }

    @Override
    public RunOutcome runFile(Path file) {
        return run("file", file.toAbsolutePath().toString());
    }

    @Override
    public RunOutcome runModule(String module) {
        return run("module", Objects.requireNonNull(module, "module"));
    }

    private RunOutcome run(String kind, String target) {
        return BootCodec.expect(runtime.boot("api_run", kind, target), RunOutcome.class, "api_run");
    }

    /** The value the entry point returned, or its Python exception thrown from the caller's stack. */
    private Object value(String entry, String source) {
        Object result = runtime.boot(entry, source, FILENAME);
        if (result instanceof PythonException e) {
            throw (PythonException) e.fillInStackTrace();
        }
        return BootCodec.expect(result, BootCodec.Returned.class, entry).value();
    }

    @Override
    public boolean isOpen() {
        return runtime.isOpen();
    }
}
