package dev.pyhost.cpython;

import dev.pyhost.api.PythonException;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.backend.MainSteps;
import dev.pyhost.api.spi.InteractiveBackend;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** {@link MainSteps} over {@code boot.py}: each step is one bootstrap entry point. */
final class CPythonMainSteps implements MainSteps {
    private final CPythonRuntime runtime;
    private final InteractiveBackend backend;

    CPythonMainSteps(CPythonRuntime runtime) {
        this.runtime = runtime;
        this.backend = new Backend(runtime);
    }

    /** {@link InteractiveBackend} over the bootstrap's {@code repl_*} entry points. */
    private record Backend(CPythonRuntime runtime) implements InteractiveBackend {
        @Override
        public String prompt(boolean continuation) {
            return (String) runtime.boot("repl_prompt", continuation);
        }

        @Override
        public Verdict check(String source) {
            return switch ((String) runtime.boot("repl_check", source)) {
                case "complete" -> Verdict.COMPLETE;
                case "incomplete" -> Verdict.INCOMPLETE;
                default -> Verdict.INVALID;
            };
        }

        @Override
        public RunOutcome execute(String source) {
            return outcome(runtime.boot("repl_execute", source));
        }

        @Override
        public List<String> complete(String text) {
            return ((List<?>) runtime.boot("repl_complete", text)).stream().map(String.class::cast).toList();
        }

        @Override
        public OptionalInt beforeSession(boolean startup) {
            Object code = runtime.boot("repl_before_session", startup);
            return code == null ? OptionalInt.empty() : OptionalInt.of(((Long) code).intValue());
        }

        @Override
        public void interruptedInput() {
            runtime.boot("repl_interrupted");
        }

        @Override
        public boolean colour() {
            return Boolean.TRUE.equals(runtime.boot("repl_colour"));
        }
    }

    @Override
    public Optional<String> importerPath(String path) {
        return Optional.ofNullable((String) runtime.boot("importer_path", path));
    }

    @Override
    public void prependSysPath(String entry) {
        runtime.boot("prepend_path", entry);
    }

    @Override
    public void importReadline() {
        runtime.boot("import_readline");
    }

    @Override
    public void printHeader() {
        runtime.boot("print_header", runtime.settings().siteImport());
    }

    @Override
    public RunOutcome runCommand(String source) {
        return outcome(runtime.boot("run_command", source));
    }

    @Override
    public RunOutcome runModule(String module, boolean setArgv0) {
        return outcome(runtime.boot("run_module", module, setArgv0));
    }

    @Override
    public RunOutcome runFile(String path, boolean skipFirstLine) {
        return outcome(runtime.boot("run_file", path, skipFirstLine));
    }

    @Override
    public RunOutcome runStdin() {
        return outcome(runtime.boot("run_stdin", runtime.settings().stdinIsInteractive()));
    }

    @Override
    public RunOutcome runInspectLoop() {
        return outcome(runtime.boot("run_inspect_loop"));
    }

    @Override
    public boolean inspectRequestedByEnvironment() {
        if (!runtime.settings().useEnvironment()) {
            return false;
        }
        String v = LibC.getenv("PYTHONINSPECT");
        return v != null && !v.isEmpty();
    }

    @Override
    public void setInspect(boolean inspect) {
        runtime.boot("set_inspect", inspect);
    }

    @Override
    public InteractiveBackend interactive() {
        return backend;
    }

    @Override
    public boolean unhandledKeyboardInterrupt() {
        return Boolean.TRUE.equals(runtime.boot("unhandled_keyboard_interrupt"));
    }

    /** Decodes {@code (kind, status, type name, message)} from the bootstrap. */
    static RunOutcome outcome(Object encoded) {
        List<?> t = (List<?>) encoded;
        String kind = (String) t.get(0);
        int status = ((Long) t.get(1)).intValue();
        String type = (String) t.get(2);
        String message = t.get(3) == null ? "" : (String) t.get(3);
        return switch (kind) {
            case "completed" -> new RunOutcome.Completed();
            case "exited" -> new RunOutcome.Exited(status);
            case "raised" -> new RunOutcome.Raised(new PythonException(type, message, ""));
            case "interrupted" -> new RunOutcome.Interrupted(new PythonException(type, message, ""));
            case "failed" -> new RunOutcome.Failed(status, message);
            default -> throw new IllegalStateException("unknown outcome " + kind);
        };
    }
}
