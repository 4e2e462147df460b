package dev.pyhost.repl;

import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.spi.InteractiveBackend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * A fake {@link InteractiveBackend} for unit tests (no Python): a statement whose first line ends with {@code :}
 * needs a blank line to end (and is invalid when it ends without a body), unbalanced parentheses need more lines, a
 * line with {@code $} is invalid; {@code exit(n)} ends the REPL with status n. It records what it ran and the
 * prompts it gave.
 */
final class FakeInteractiveBackend implements InteractiveBackend {
    final List<String> executed = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    String ps1 = ">>> ";
    String ps2 = "... ";

    @Override
    public String prompt(boolean continuation) {
        return continuation ? ps2 : ps1;
    }

    @Override
    public Verdict check(String source) {
        if (source.contains("$")) {
            return Verdict.INVALID;
        }
        long open = source.chars().filter(c -> c == '(').count();
        long close = source.chars().filter(c -> c == ')').count();
        if (open > close) {
            return Verdict.INCOMPLETE;
        }
        String[] lines = source.split("\n");
        boolean compound = Indentation.endsWithColon(lines[0]);
        boolean endsBlank = source.endsWith("\n\n") || lines[lines.length - 1].isBlank();
        boolean emptyBody = Arrays.stream(lines).skip(1).allMatch(String::isBlank);
        if (compound && endsBlank && emptyBody) {
            return Verdict.INVALID;
        }
        return compound && !endsBlank ? Verdict.INCOMPLETE : Verdict.COMPLETE;
    }

    @Override
    public RunOutcome execute(String source) {
        executed.add(source);
        if (source.startsWith("exit(")) {
            return new RunOutcome.Exited(Integer.parseInt(source.substring(5, source.indexOf(')'))));
        }
        return new RunOutcome.Completed();
    }

    @Override
    public List<String> complete(String text) {
        return List.of();
    }

    @Override
    public OptionalInt beforeSession(boolean startup) {
        return OptionalInt.empty();
    }

    @Override
    public void interruptedInput() {
        events.add("KeyboardInterrupt");
    }

    @Override
    public boolean colour() {
        return false;
    }
}
