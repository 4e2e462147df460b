package dev.pyhost.testkit.contract;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonObject;
import dev.pyhost.api.PythonScope;
import dev.pyhost.api.PythonVersion;
import dev.pyhost.api.spi.ValueConverter;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.spi.InteractiveBackend;
import dev.pyhost.api.spi.MainContext;
import dev.pyhost.api.spi.MainRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@link MainContext} the lifecycle manager made, handed to the mode under test with everything that runs code
 * noted down (and still done): the runner's calls, the interpreter's {@code exec}, {@code runFile} and
 * {@code runModule}, the interactive backend's {@code execute}, {@code beforeSession} and
 * {@code interruptedInput}. In guarded mode (for {@code run}), {@code runStdin()} runs the scenario's text as a
 * command instead of reading the test JVM's standard input.
 */
final class WatchedContext implements MainContext {
    private final MainContext real;
    private final String stdin;
    private final List<String> calls = new ArrayList<>();

    /**
     * Watches a context.
     *
     * @param real the lifecycle manager's context
     * @param stdin the text {@code runStdin()} runs, or {@code null} to pass the call through
     */
    WatchedContext(MainContext real, String stdin) {
        this.real = real;
        this.stdin = stdin;
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    private synchronized void note(String call) {
        calls.add(call);
    }

    @Override
    public RuntimeConfig config() {
        return real.config();
    }

    @Override
    public Optional<String> command() {
        return real.command();
    }

    @Override
    public Optional<String> module() {
        return real.module();
    }

    @Override
    public Optional<String> file() {
        return real.file();
    }

    @Override
    public Optional<String> directoryOrZip() {
        return real.directoryOrZip();
    }

    @Override
    public List<String> argv() {
        return real.argv();
    }

    @Override
    public boolean runsCode() {
        return real.runsCode();
    }

    @Override
    public boolean stdinIsTerminal() {
        return real.stdinIsTerminal();
    }

    @Override
    public boolean useEnvironment() {
        return real.useEnvironment();
    }

    @Override
    public Interpreter interpreter() {
        Interpreter py = real.interpreter();
        return new Interpreter() {
            @Override
            public PythonVersion version() {
                return py.version();
            }

            @Override
            public PythonScope mainScope() {
                note("interpreter().mainScope()");
                return py.mainScope();
            }

            @Override
            public PythonScope newScope() {
                note("interpreter().newScope()");
                return py.newScope();
            }

            @Override
            public PythonObject importModule(String name) {
                note("interpreter().importModule(" + name + ")");
                return py.importModule(name);
            }

            @Override
            public PythonObject toPython(Object value) {
                return py.toPython(value);
            }

            @Override
            public dev.pyhost.api.SharedSegment share(java.lang.foreign.MemorySegment segment) {
                note("interpreter().share(" + segment + ")");
                return py.share(segment);
            }

            @Override
            public void addConverter(ValueConverter<?> converter) {
                note("interpreter().addConverter(" + converter + ")");
                py.addConverter(converter);
            }

            @Override
            public void exec(String source) {
                note("interpreter().exec(" + source + ")");
                py.exec(source);
            }

            @Override
            public Object eval(String expression) {
                return py.eval(expression);
            }

            @Override
            public <T> T eval(String expression, Class<T> type) {
                return py.eval(expression, type);
            }

            @Override
            public Object get(String name) {
                return py.get(name);
            }

            @Override
            public <T> T get(String name, Class<T> type) {
                return py.get(name, type);
            }

            @Override
            public RunOutcome runFile(Path file, List<String> argv) {
                note("interpreter().runFile(" + file + ")");
                return py.runFile(file, argv);
            }

            @Override
            public RunOutcome runModule(String module, List<String> argv) {
                note("interpreter().runModule(" + module + ")");
                return py.runModule(module, argv);
            }

            @Override
            public boolean isOpen() {
                return py.isOpen();
            }

            @Override
            public int interrupt() {
                note("interpreter().interrupt()");
                return py.interrupt();
            }

            @Override
            public <T> T withTimeout(java.time.Duration timeout, java.util.function.Supplier<T> work) {
                return py.withTimeout(timeout, work);
            }
        };
    }

    @Override
    public MainRunner runner() {
        MainRunner r = real.runner();
        return new MainRunner() {
            @Override
            public RunOutcome runCommand(String source) {
                note("runner().runCommand(" + source + ")");
                return r.runCommand(source);
            }

            @Override
            public RunOutcome runModule(String module) {
                note("runner().runModule(" + module + ")");
                return r.runModule(module);
            }

            @Override
            public RunOutcome runPath(String path) {
                note("runner().runPath(" + path + ")");
                return r.runPath(path);
            }

            @Override
            public RunOutcome runStdin() {
                note("runner().runStdin()");
                return stdin == null ? r.runStdin() : r.runCommand(stdin);
            }

            @Override
            public void setInspect(boolean inspect) {
                note("runner().setInspect(" + inspect + ")");
                r.setInspect(inspect);
            }
        };
    }

    @Override
    public InteractiveBackend interactive() {
        InteractiveBackend b = real.interactive();
        return new InteractiveBackend() {
            @Override
            public String prompt(boolean continuation) {
                return b.prompt(continuation);
            }

            @Override
            public Verdict check(String source) {
                return b.check(source);
            }

            @Override
            public RunOutcome execute(String source) {
                note("interactive().execute(" + source + ")");
                return b.execute(source);
            }

            @Override
            public List<String> complete(String text) {
                return b.complete(text);
            }

            @Override
            public OptionalInt beforeSession(boolean startup) {
                note("interactive().beforeSession(" + startup + ")");
                return b.beforeSession(startup);
            }

            @Override
            public void interruptedInput() {
                note("interactive().interruptedInput()");
                b.interruptedInput();
            }

            @Override
            public boolean colour() {
                return b.colour();
            }
        };
    }
}
