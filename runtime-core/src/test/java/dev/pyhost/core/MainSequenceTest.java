package dev.pyhost.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pyhost.api.ProviderException;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.backend.ResolvedSettings;
import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.api.spi.InteractiveMode;
import dev.pyhost.api.spi.MainContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unit tests of the run-main wiring with a fake runner (no Python). */
class MainSequenceTest {
    @TempDir
    Path cwd;

    private static ResolvedSettings settings(String command, String module, String file, List<String> argv,
            boolean inspect, boolean interactive, boolean tty) {
        return ResolvedSettings.builder().runCommand(command).runModule(module).runFilename(file).argv(argv)
                .inspect(inspect).interactive(interactive).stdinIsTerminal(tty).build();
    }

    private MainSequence.Result run(ResolvedSettings s, FakeMainSteps runner, ExecutionMode... extra) {
        Plugins<ExecutionMode> modes = Plugins.of(CoreRuntimeFactory.MODES, CoreRuntimeFactory.builtinModes(), false,
                getClass().getClassLoader(), List.of(extra));
        return MainSequence.run(RuntimeConfig.builder().build(), s, null, runner, modes, cwd);
    }

    @Test
    void commandWinsOverEverythingElseAndGetsEmptyPath0() {
        FakeMainSteps r = new FakeMainSteps();
        run(settings("pass", "mod", "/x/f.py", List.of("-c"), false, false, false), r);
        assertEquals(List.of("probe /x/f.py", "path0 ", "command pass"), r.calls);
    }

    @Test
    void moduleGetsTheWorkingDirectoryAsPath0() {
        FakeMainSteps r = new FakeMainSteps();
        run(settings(null, "json.tool", null, List.of("-m"), false, false, false), r);
        assertEquals(List.of("path0 " + cwd, "module json.tool true"), r.calls);
    }

    @Test
    void directoryAcceptedByTheImporterRunsMainFromIt() {
        FakeMainSteps r = new FakeMainSteps();
        r.importer = "/w/app.zip";
        run(settings(null, null, "/w/app.zip", List.of("app.zip"), false, false, false), r);
        assertEquals(List.of("probe /w/app.zip", "path0 /w/app.zip", "module __main__ false"), r.calls);
    }

    @Test
    void noCodeAndInteractiveStdinPrintsTheHeader() {
        FakeMainSteps r = new FakeMainSteps();
        run(settings(null, null, null, List.of(""), false, true, false), r);
        assertEquals(List.of("path0 ", "header", "stdin"), r.calls);
    }

    @Test
    void inspectWithInteractiveStdinEntersTheReplAndItsStatusWins() {
        FakeMainSteps r = new FakeMainSteps();
        r.outcome = new RunOutcome.Exited(3);
        MainSequence.Result res = run(settings(null, "m", null, List.of("-m"), true, true, false), r);
        assertEquals(List.of("path0 " + cwd, "module m true", "inspect false", "repl"), r.calls);
        assertEquals(0, res.status());
    }

    @Test
    void systemExitFromACommandEndsTheRunWithoutRepl() {
        FakeMainSteps r = new FakeMainSteps();
        r.outcome = new RunOutcome.Exited(5);
        r.inspectFromEnvironment = true;
        MainSequence.Result res = run(settings("x", null, null, List.of("-c"), false, true, true), r);
        assertEquals(5, res.status());
        assertEquals(List.of("path0 ", "command x"), r.calls);
    }

    @Test
    void inspectFromTheEnvironmentNeedsAnInteractiveStdin() {
        FakeMainSteps r = new FakeMainSteps();
        r.inspectFromEnvironment = true;
        r.outcome = new RunOutcome.Raised(new dev.pyhost.api.PythonException("ValueError", "x", ""));
        MainSequence.Result res = run(settings("x", null, null, List.of("-c"), false, false, false), r);
        assertEquals(1, res.status());
        assertEquals(List.of("path0 ", "command x"), r.calls);
    }

    @Test
    void anInterruptCountsAsStatusOneBeforeTheSignal() {
        FakeMainSteps r = new FakeMainSteps();
        r.outcome = new RunOutcome.Interrupted(new dev.pyhost.api.PythonException("KeyboardInterrupt", "", ""));
        assertEquals(1, run(settings("x", null, null, List.of("-c"), false, false, false), r).status());
        r.outcome = new RunOutcome.Failed(2, "can't open file");
        assertEquals(2, run(settings(null, null, "/nope.py", List.of("/nope.py"), false, false, false), r).status());
    }

    @Test
    void aCustomModeWithALowerOrderRunsFirst() {
        FakeMainSteps r = new FakeMainSteps();
        ExecutionMode custom = new StubMode("custom", 50,
                c -> c.command().orElse("").startsWith("#custom"), c -> new RunOutcome.Exited(42));
        assertEquals(42, run(settings("#custom", null, null, List.of("-c"), false, false, false), r, custom).status());
    }

    @Test
    void replacingTheStdinModeByIdIsPossibleAndNoModeIsAnError() {
        FakeMainSteps r = new FakeMainSteps();
        ExecutionMode never = StubMode.never("stdin", 1000);
        ProviderException e = assertThrows(ProviderException.class,
                () -> run(settings(null, null, null, List.of(""), false, false, false), r, never));
        assertEquals(true, e.getMessage().contains("stdin (order 1000)"), e.getMessage());
    }

    /** A fake terminal front end: records what it was asked and ends the inspect REPL with status 7. */
    private static final class FakeInteractiveMode implements InteractiveMode {
        final List<String> calls = new java.util.ArrayList<>();
        final boolean accepts;

        FakeInteractiveMode(boolean accepts) {
            this.accepts = accepts;
        }

        @Override
        public String id() {
            return "fake-repl";
        }

        @Override
        public int order() {
            return 900;
        }

        @Override
        public boolean appliesTo(MainContext context) {
            return false;
        }

        @Override
        public RunOutcome run(MainContext context) {
            throw new AssertionError();
        }

        @Override
        public boolean inspectAppliesTo(MainContext context) {
            calls.add("asked");
            return accepts;
        }

        @Override
        public Optional<RunOutcome> inspect(MainContext context) {
            calls.add("inspect");
            return Optional.of(new RunOutcome.Exited(7));
        }
    }

    @Test
    void inspectOnATerminalIsDelegatedToAnInteractiveMode() {
        FakeMainSteps r = new FakeMainSteps();
        FakeInteractiveMode repl = new FakeInteractiveMode(true);
        MainSequence.Result res = run(settings("x", null, null, List.of("-c"), true, true, true), r, repl);
        assertEquals(List.of("readline", "path0 ", "command x", "inspect false"), r.calls);
        assertEquals(List.of("asked", "inspect"), repl.calls);
        assertEquals(7, res.status());
    }

    @Test
    void inspectWithPipedStdinKeepsTheBasicLoopEvenWithAnInteractiveMode() {
        FakeMainSteps r = new FakeMainSteps();
        FakeInteractiveMode repl = new FakeInteractiveMode(true);
        MainSequence.Result res = run(settings("x", null, null, List.of("-c"), true, true, false), r, repl);
        assertEquals(List.of("path0 ", "command x", "inspect false", "repl"), r.calls);
        assertEquals(List.of(), repl.calls);
        assertEquals(0, res.status());
    }

    @Test
    void inspectOnATerminalFallsBackToTheBasicLoopWhenNoInteractiveModeAccepts() {
        FakeMainSteps r = new FakeMainSteps();
        FakeInteractiveMode repl = new FakeInteractiveMode(false);
        run(settings("x", null, null, List.of("-c"), true, true, true), r, repl);
        assertEquals(List.of("readline", "path0 ", "command x", "inspect false", "repl"), r.calls);
        assertEquals(List.of("asked"), repl.calls);
    }
}
