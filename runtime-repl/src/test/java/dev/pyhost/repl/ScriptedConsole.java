package dev.pyhost.repl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A {@link Console} fed from a script of inputs; records the prompts, prefills and history it saw. */
final class ScriptedConsole implements Console {
    private final Deque<Input> script;
    final List<String> prompts = new ArrayList<>();
    final List<String> prefills = new ArrayList<>();
    final List<String> history = new ArrayList<>();

    ScriptedConsole(Input... inputs) {
        this.script = new ArrayDeque<>(List.of(inputs));
    }

    static Input line(String text) {
        return new Input.Line(text);
    }

    @Override
    public Input read(String prompt, String continuationPrompt, String prefill) {
        prompts.add(prompt);
        prefills.add(prefill);
        return script.isEmpty() ? new Input.End() : script.removeFirst();
    }

    @Override
    public void remember(String entry) {
        history.add(entry);
    }

    @Override
    public void normalMode() {
    }

    @Override
    public void endOfInput() {
    }
}
