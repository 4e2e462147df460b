package dev.pyhost.cpython;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonException;
import dev.pyhost.api.PythonVersion;
import dev.pyhost.api.RunOutcome;
import java.nio.file.Path;
import java.util.List;
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
        unwrap(runtime.boot("api_exec", Objects.requireNonNull(source, "source"), FILENAME));
    }

    @Override
    public Object eval(String expression) {
        return unwrap(runtime.boot("api_eval", Objects.requireNonNull(expression, "expression"), FILENAME));
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
        List<?> r = (List<?>) runtime.boot("api_run", kind, target);
        if ("ok".equals(r.get(0))) {
            return new RunOutcome.Completed();
        }
        PythonException e = exception(r);
        if (r.get(4) instanceof Long code) {
            return new RunOutcome.Exited(code.intValue());
        }
        if (e.typeName().equals("KeyboardInterrupt")) {
            return new RunOutcome.Interrupted(e);
        }
        return new RunOutcome.Raised(e);
    }

    private static Object unwrap(Object encoded) {
        List<?> r = (List<?>) encoded;
        if ("ok".equals(r.get(0))) {
            return r.get(1);
        }
        throw exception(r);
    }

    private static PythonException exception(List<?> r) {
        return new PythonException((String) r.get(1), (String) r.get(2), (String) r.get(3));
    }

    @Override
    public boolean isOpen() {
        return runtime.isOpen();
    }
}
