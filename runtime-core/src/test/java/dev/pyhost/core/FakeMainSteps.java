package dev.pyhost.core;

import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.backend.MainSteps;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fake {@link MainSteps} for unit tests of the wiring in {@link MainSequence}: it runs no Python, records
 * the steps called, and answers with configured outcomes.
 */
final class FakeMainSteps implements MainSteps {
    final List<String> calls = new ArrayList<>();
    RunOutcome outcome = new RunOutcome.Completed();
    RunOutcome replOutcome = new RunOutcome.Completed();
    String importer;
    boolean inspectFromEnvironment;
    boolean interrupted;

    @Override
    public Optional<String> importerPath(String path) {
        calls.add("probe " + path);
        return Optional.ofNullable(importer);
    }

    @Override
    public void prependSysPath(String entry) {
        calls.add("path0 " + entry);
    }

    @Override
    public void importReadline() {
        calls.add("readline");
    }

    @Override
    public void printHeader() {
        calls.add("header");
    }

    @Override
    public RunOutcome runCommand(String source) {
        calls.add("command " + source);
        return outcome;
    }

    @Override
    public RunOutcome runModule(String module, boolean setArgv0) {
        calls.add("module " + module + " " + setArgv0);
        return outcome;
    }

    @Override
    public RunOutcome runFile(String path, boolean skipFirstLine) {
        calls.add("file " + path + (skipFirstLine ? " -x" : ""));
        return outcome;
    }

    @Override
    public RunOutcome runStdin() {
        calls.add("stdin");
        return outcome;
    }

    @Override
    public RunOutcome runInspectLoop() {
        calls.add("repl");
        return replOutcome;
    }

    @Override
    public boolean inspectRequestedByEnvironment() {
        return inspectFromEnvironment;
    }

    @Override
    public void setInspect(boolean inspect) {
        calls.add("inspect " + inspect);
    }

    @Override
    public dev.pyhost.api.spi.InteractiveBackend interactive() {
        throw new UnsupportedOperationException("the fake runner has no interactive backend");
    }

    @Override
    public boolean unhandledKeyboardInterrupt() {
        return interrupted;
    }
}
