package dev.pyhost.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.ProviderException;
import dev.pyhost.api.spi.ExecutionMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ServiceLoader-backed registry: discovery, order, overrides and errors. */
class PluginsTest {
    private static Plugins<ExecutionMode> modes(boolean discover, List<ExecutionMode> explicit) {
        return Plugins.of(ExecutionMode.class, discover, PluginsTest.class.getClassLoader(), explicit,
                ExecutionMode::id, ExecutionMode::order);
    }

    @Test
    void builtInModesAreDiscoveredInCPythonsPrecedence() {
        assertEquals(List.of("command", "module", "importer-path", "file", "stdin"),
                modes(true, List.of()).ordered().stream().map(ExecutionMode::id).toList());
    }

    @Test
    void discoveryCanBeSwitchedOff() {
        assertEquals(List.of(), modes(false, List.of()).ordered());
        assertTrue(modes(false, List.of()).describe(ExecutionMode::id).contains("none"));
    }

    @Test
    void anExplicitPluginReplacesTheDiscoveredOneWithItsId() {
        ExecutionMode replacement = mode("file", 1);
        Plugins<ExecutionMode> set = modes(true, List.of(replacement));
        assertEquals("file", set.ordered().getFirst().id());
        assertEquals(5, set.ordered().size());
    }

    @Test
    void theSameIdTwiceIsAnErrorAndABlankIdToo() {
        ExecutionMode a = new dev.pyhost.core.modes.StdinMode();
        assertThrows(ProviderException.class, () -> modes(false, List.of(a, new dev.pyhost.core.modes.StdinMode())));
        ProviderException blank = assertThrows(ProviderException.class, () -> modes(false, List.of(mode(" ", 1))));
        assertTrue(blank.getMessage().contains("blank id"), blank.getMessage());
    }

    private static ExecutionMode mode(String id, int order) {
        return StubMode.never(id, order);
    }
}
