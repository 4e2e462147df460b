package dev.pyhost.cdi;

import dev.pyhost.api.ExitStatus;
import dev.pyhost.api.Interpreter;
import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PythonCode;
import dev.pyhost.api.PythonObject;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.PythonScope;
import dev.pyhost.api.PythonVersion;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.spi.ValueConverter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@link Interpreter} bean of one runtime: every call starts the runtime if needed, is counted while it runs
 * (so that shutdown can wait for it), and is refused once shutdown has begun; the main scope's methods are counted
 * the same way. Handles, compiled code and scopes of their own that calls return belong to the runtime they came
 * from: they are not counted. {@code runFile} and {@code runModule} fire {@link RunEnded}.
 */
final class InterpreterBean implements Interpreter {
    private final RuntimeHandle handle;
    private final PythonScope mainScope = new MainScope();

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
    public PythonScope mainScope() {
        return mainScope;
    }

    @Override
    public PythonScope newScope() {
        return call(Interpreter::newScope);
    }

    @Override
    public PythonObject importModule(String name) {
        return call(py -> py.importModule(name));
    }

    @Override
    public PythonObject toPython(Object value) {
        return call(py -> py.toPython(value));
    }

    @Override
    public dev.pyhost.api.SharedSegment share(java.lang.foreign.MemorySegment segment) {
        return call(py -> py.share(segment));
    }

    @Override
    public void addConverter(ValueConverter<?> converter) {
        call(py -> {
            py.addConverter(converter);
            return null;
        });
    }

    @Override
    public RunOutcome runFile(Path file, List<String> argv) {
        RunOutcome outcome = call(py -> py.runFile(file, argv));
        handle.fire(RunEnded.class, new RunEnded(handle.name(), "file " + file, Optional.of(outcome),
                ExitStatus.of(outcome.status())));
        return outcome;
    }

    @Override
    public RunOutcome runModule(String module, List<String> argv) {
        RunOutcome outcome = call(py -> py.runModule(module, argv));
        handle.fire(RunEnded.class, new RunEnded(handle.name(), "module " + module, Optional.of(outcome),
                ExitStatus.of(outcome.status())));
        return outcome;
    }

    @Override
    public int interrupt() {
        return call(Interpreter::interrupt);
    }

    @Override
    public <T> T withTimeout(java.time.Duration timeout, java.util.function.Supplier<T> work) {
        return call(py -> py.withTimeout(timeout, work));
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

    /** The main scope of the current runtime, each call counted. */
    private final class MainScope implements PythonScope {
        private PythonScope scope(Interpreter py) {
            return py.mainScope();
        }

        @Override
        public void exec(String source) {
            InterpreterBean.this.call(py -> {
                scope(py).exec(source);
                return null;
            });
        }

        @Override
        public Object eval(String expression) {
            return InterpreterBean.this.call(py -> scope(py).eval(expression));
        }

        @Override
        public <T> T eval(String expression, Class<T> type) {
            return InterpreterBean.this.call(py -> scope(py).eval(expression, type));
        }

        @Override
        public void set(String name, Object value) {
            InterpreterBean.this.call(py -> {
                scope(py).set(name, value);
                return null;
            });
        }

        @Override
        public Object get(String name) {
            return InterpreterBean.this.call(py -> scope(py).get(name));
        }

        @Override
        public <T> T get(String name, Class<T> type) {
            return InterpreterBean.this.call(py -> scope(py).get(name, type));
        }

        @Override
        public boolean contains(String name) {
            return InterpreterBean.this.call(py -> scope(py).contains(name));
        }

        @Override
        public void remove(String name) {
            InterpreterBean.this.call(py -> {
                scope(py).remove(name);
                return null;
            });
        }

        @Override
        public Object call(String callable, Object... args) {
            return InterpreterBean.this.call(py -> scope(py).call(callable, args));
        }

        @Override
        public PythonCode compile(String source) {
            return InterpreterBean.this.call(py -> scope(py).compile(source));
        }

        @Override
        public PythonObject globals() {
            return InterpreterBean.this.call(py -> scope(py).globals());
        }

        @Override
        public void close() {
            // the main scope belongs to the interpreter
        }
    }
}
