package dev.pyhost.repl;

import static dev.pyhost.repl.ScriptedConsole.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.RunOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loop's logic with a fake backend: continuation, indentation, blocks, interrupts, end of input. */
class ReplLoopTest {
    private final FakeInteractiveBackend backend = new FakeInteractiveBackend();

    private RunOutcome run(ScriptedConsole console) {
        return new ReplLoop(backend, console, false).run();
    }

    @Test
    void aSimpleStatementRunsAtOnceAndCtrlDOnAnEmptyLineEndsWithZero() {
        ScriptedConsole console = new ScriptedConsole(line("6 * 7"));
        RunOutcome outcome = run(console);
        assertEquals(List.of("6 * 7\n"), backend.executed);
        assertEquals(new RunOutcome.Completed(), outcome);
        assertEquals(List.of(">>> ", ">>> "), console.prompts);
        assertEquals(List.of("6 * 7"), console.history);
    }

    @Test
    void aBlockIsIndentedAutomaticallyAndEndsWithABlankLine() {
        ScriptedConsole console = new ScriptedConsole(line("def f():"), line("    if x:  # comment"),
                line("        return 1"), line("        "), line("f()"));
        run(console);
        assertEquals(List.of("", "    ", "        ", "        ", "", ""), console.prefills);
        assertEquals(List.of(">>> ", "... ", "... ", "... ", ">>> ", ">>> "), console.prompts);
        assertEquals(List.of("def f():\n    if x:  # comment\n        return 1\n", "f()\n"), backend.executed);
        assertEquals(List.of("def f():\n    if x:  # comment\n        return 1", "f()"), console.history);
    }

    @Test
    void promptsAreReadAgainEveryTime() {
        ScriptedConsole console = new ScriptedConsole(line("1"), line("2"));
        backend.ps1 = "A ";
        run(console);
        assertEquals(List.of("A ", "A ", "A "), console.prompts);
    }

    @Test
    void colouredPromptsUseCPythonsColours() {
        ScriptedConsole console = new ScriptedConsole();
        new ReplLoop(backend, console, true).run();
        assertEquals(List.of("\u001b[1;35m>>> \u001b[0m"), console.prompts);
    }

    @Test
    void anInvalidStatementIsRunSoThatPythonReportsTheError() {
        run(new ScriptedConsole(line("x = $"), line("if 1:")));
        assertEquals(List.of("x = $\n", "if 1:\n"), backend.executed);
    }

    @Test
    void ctrlCDiscardsThePendingStatement() {
        ScriptedConsole console = new ScriptedConsole(line("if 1:"), new Input.Interrupt(), line("2"));
        run(console);
        assertEquals(List.of("KeyboardInterrupt"), backend.events);
        assertEquals(List.of("2\n"), backend.executed);
        assertEquals(List.of(">>> ", "... ", ">>> ", ">>> "), console.prompts);
    }

    @Test
    void exitEndsTheLoopWithItsStatus() {
        RunOutcome outcome = run(new ScriptedConsole(line("exit(3)"), line("never")));
        assertEquals(new RunOutcome.Exited(3), outcome);
        assertEquals(List.of("exit(3)\n"), backend.executed);
    }

    @Test
    void endOfInputInsideAStatementRunsItAndTheLoopGoesOn() {
        ScriptedConsole console = new ScriptedConsole(line("if 1:"), line("    pass"), new Input.End(), line("3"));
        run(console);
        assertEquals(List.of("if 1:\n    pass\n", "3\n"), backend.executed);
    }

    @Test
    void blankAndCommentLinesAtThePromptRunNothing() {
        run(new ScriptedConsole(line(""), line("   "), line("# note")));
        assertTrue(backend.executed.isEmpty());
    }

    @Test
    void aPastedBlockRunsStatementByStatementAndKeepsBlankLinesInsideABlock() {
        ScriptedConsole console = new ScriptedConsole(
                line("def g(x):\n    y = x\n\n    return y\n\nprint(g(1))\nif a:\n    b\nelse:\n    c\n"));
        run(console);
        assertEquals(List.of("def g(x):\n    y = x\n\n    return y\n", "print(g(1))\n", "if a:\n    b\nelse:\n    c\n"),
                backend.executed);
        assertEquals(List.of("def g(x):\n    y = x\n\n    return y", "print(g(1))", "if a:\n    b\nelse:\n    c"),
                console.history);
    }

    @Test
    void aRecalledBlockWithoutTheFinalBlankLineWaitsForIt() {
        ScriptedConsole console = new ScriptedConsole(line("def f():\n    return 1"), line("    "));
        run(console);
        assertEquals(List.of("", "    ", ""), console.prefills);
        assertEquals(List.of("def f():\n    return 1\n"), backend.executed);
    }

    @Test
    void anOpenBracketContinuesAtTheSameIndentation() {
        ScriptedConsole console = new ScriptedConsole(line("x = f(1,"), line("2)"));
        run(console);
        assertEquals(List.of("x = f(1,\n2)\n"), backend.executed);
        assertEquals("", console.prefills.get(1));
    }

    @Test
    void theHistoryRemembersEachStatementExactlyAsItRan() {
        ScriptedConsole console = new ScriptedConsole(line("# note"), line("x = 1   "), line("for i in y:"),
                line("    print(i)"), line("    "), line("if 1:"), line("    "), line("z = ("), line(""), new Input.End());
        run(console);
        assertEquals(List.of("x = 1   \n", "for i in y:\n    print(i)\n", "if 1:\n    \n", "z = (\n\n"), backend.executed);
        assertEquals(backend.executed.stream().map(s -> s.substring(0, s.length() - 1)).toList(), console.history,
                "what the front end remembers is what the backend ran, for it to add to Python's history");
    }

    @Test
    void blankAndCommentLinesAreWhatThePromptSkips() {
        assertTrue(ReplLoop.blankOrComment("   # c"));
        assertTrue(ReplLoop.blankOrComment(" \t"));
        assertFalse(ReplLoop.blankOrComment("x # y"));
    }
}
