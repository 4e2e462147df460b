package dev.pyhost.cpython;

import dev.pyhost.api.PyHostException;
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
            return BootCodec.expect(runtime.boot("repl_prompt", continuation), String.class, "repl_prompt");
        }

        @Override
        public Verdict check(String source) {
            String verdict = BootCodec.expect(runtime.boot("repl_check", source), String.class, "repl_check");
            return switch (verdict) {
                case "complete" -> Verdict.COMPLETE;
                case "incomplete" -> Verdict.INCOMPLETE;
                case "invalid" -> Verdict.INVALID;
                default -> throw new PyHostException("PyHost's bootstrap gave the verdict '" + verdict
                        + "' (a PyHost bug; please report it)");
            };
        }

        @Override
        public RunOutcome execute(String source) {
            return run(runtime, "repl_execute", source);
        }

        @Override
        public List<String> complete(String text) {
            return ((List<?>) runtime.boot("repl_complete", text)).stream().map(String.class::cast).toList();
        }

        @Override
        public OptionalInt beforeSession(boolean startup) {
            Object code = runtime.boot("repl_before_session", startup);
            return code == null ? OptionalInt.empty()
                    : OptionalInt.of(Math.toIntExact(BootCodec.expect(code, Long.class, "repl_before_session")));
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
        return run(runtime, "run_command", source);
    }

    @Override
    public RunOutcome runModule(String module, boolean setArgv0) {
        return run(runtime, "run_module", module, setArgv0);
    }

    @Override
    public RunOutcome runFile(String path, boolean skipFirstLine) {
        return run(runtime, "run_file", path, skipFirstLine);
    }

    @Override
    public RunOutcome runStdin() {
        return run(runtime, "run_stdin", runtime.settings().stdinIsInteractive());
    }

    @Override
    public RunOutcome runInspectLoop() {
        return run(runtime, "run_inspect_loop");
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
        return runtime.unhandledKeyboardInterrupt();
    }

    /** Runs an entry point that ends as a {@link RunOutcome}. */
    private static RunOutcome run(CPythonRuntime runtime, String entry, Object... args) {
        return BootCodec.expect(runtime.runMainCode(entry, args), RunOutcome.class, entry);
    }
}
