package dev.pyhost.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.ProviderException;
import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.api.spi.ExitHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plug-in registry: built-in, discovered and explicit layers, order, overrides and errors. */
class PluginsTest {
    @TempDir
    Path dir;

    private static Plugins<ExecutionMode> modes(boolean discover, List<ExecutionMode> explicit) {
        return Plugins.of(CoreRuntimeFactory.MODES, CoreRuntimeFactory.builtinModes(), discover,
                PluginsTest.class.getClassLoader(), explicit);
    }

    private static List<String> ids(Plugins<ExecutionMode> set) {
        return set.ordered().stream().map(ExecutionMode::id).toList();
    }

    @Test
    void builtInModesComeInCPythonsPrecedence() {
        assertEquals(List.of("command", "module", "directory-or-zip", "file", "stdin"), ids(modes(true, List.of())));
    }

    @Test
    void switchingDiscoveryOffKeepsTheBuiltInModes() {
        assertEquals(List.of("command", "module", "directory-or-zip", "file", "stdin"), ids(modes(false, List.of())));
    }

    @Test
    void withNothingAtAllTheDescriptionSaysSo() {
        Plugins<ExitHandler> none = Plugins.of(CoreRuntimeFactory.EXIT_HANDLERS, List.of(), false,
                getClass().getClassLoader(), List.of());
        assertEquals(List.of(), none.ordered());
        assertTrue(none.describe(ExitHandler::id).contains("none"));
    }

    @Test
    void anExplicitPluginReplacesTheBuiltInOneWithItsId() {
        ExecutionMode replacement = StubMode.never("file", 1);
        Plugins<ExecutionMode> set = modes(true, List.of(replacement));
        assertEquals(replacement, set.ordered().getFirst());
        assertEquals(5, set.ordered().size());
    }

    @Test
    void theSameIdTwiceIsAnErrorAndABlankIdToo() {
        ExecutionMode a = new dev.pyhost.core.modes.StdinMode();
        assertThrows(ProviderException.class, () -> modes(false, List.of(a, new dev.pyhost.core.modes.StdinMode())));
        ProviderException blank = assertThrows(ProviderException.class,
                () -> modes(false, List.of(StubMode.never(" ", 1))));
        assertTrue(blank.getMessage().contains("blank id"), blank.getMessage());
    }

    @Test
    void aServiceFileNamingAMissingClassNamesTheJarTheFileAndTheClass() throws IOException {
        Path jar = dir.resolve("broken-plugin.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/" + ExitHandler.class.getName()));
            OutputStream body = out;
            body.write("# a plug-in whose class is not in the jar\ncom.example.MissingExitHandler\n"
                    .getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                getClass().getClassLoader())) {
            ProviderException e = assertThrows(ProviderException.class, () -> Plugins.of(
                    CoreRuntimeFactory.EXIT_HANDLERS, List.of(), true, loader, List.of()));
            assertTrue(e.getMessage().contains("com.example.MissingExitHandler"), e.getMessage());
            assertTrue(e.getMessage().contains("META-INF/services/dev.pyhost.api.spi.ExitHandler"), e.getMessage());
            assertTrue(e.getMessage().contains(jar.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("not found"), e.getMessage());
        }
    }
}
