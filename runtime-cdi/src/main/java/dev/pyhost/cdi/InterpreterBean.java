package dev.pyhost.cdi;

import dev.pyhost.api.ExitStatus;
import dev.pyhost.api.Interpreter;
import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.PythonVersion;
import dev.pyhost.api.RunOutcome;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@link Interpreter} bean of one runtime: every call starts the runtime if needed, is counted while it runs
 * (so that shutdown can wait for it), and is refused once shutdown has begun. {@code runFile} and
 * {@code runModule} fire {@link RunEnded}.
 */
final class InterpreterBean implements Interpreter {
    private final RuntimeHandle handle;

    InterpreterBean(RuntimeHandle handle) {
        this.handle = handle;
    }

    private <T> T call(Function<Interpreter, T> work) {
        PythonRuntime rt = handle.enter();
        try {
            return work.apply(rt.interpreter());
        } finally {
            handle.exit();
        }
    }

    @Override
    public PythonVersion version() {
        return call(Interpreter::version);
    }

    @Override
    public void exec(String source) {
        call(py -> {
            py.exec(source);
            return null;
        });
    }

    @Override
    public Object eval(String expression) {
        return call(py -> py.eval(expression));
    }

    @Override
    public RunOutcome runFile(Path file) {
        RunOutcome outcome = call(py -> py.runFile(file));
        handle.fire(RunEnded.class, new RunEnded(handle.name(), "file " + file, Optional.of(outcome),
                ExitStatus.of(outcome.status())));
        return outcome;
    }

    @Override
    public RunOutcome runModule(String module) {
        RunOutcome outcome = call(py -> py.runModule(module));
        handle.fire(RunEnded.class, new RunEnded(handle.name(), "module " + module, Optional.of(outcome),
                ExitStatus.of(outcome.status())));
        return outcome;
    }

    @Override
    public boolean isOpen() {
        if (!handle.accepting()) {
            return false;
        }
        Optional<PythonRuntime> rt = handle.current();
        if (rt.isEmpty()) {
            return true; // not started yet: the first call starts it
        }
        try {
            return rt.get().interpreter().isOpen();
        } catch (LifecycleException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "Interpreter bean '" + handle.name() + "'";
    }
}
