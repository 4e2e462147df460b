package dev.pyhost.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.ProviderException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.PythonVersion;
import dev.pyhost.api.RuntimeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the lifecycle manager chooses an installation, through the public builder: a choice made in code wins and
 * survives every discovery switch, and the built-in locators stay when discovery is off. The installations are
 * fake trees (an ELF-tagged {@code bin/python3.12} and a {@code lib/libpython3.12.so.1.0}); nothing is loaded.
 */
class CoreRuntimeFactoryTest {
    @TempDir
    Path dir;

    private Path fakePython(String name) throws IOException {
        Path prefix = dir.resolve(name);
        Path exe = prefix.resolve("bin/python3.12");
        Files.createDirectories(exe.getParent());
        Files.write(exe, new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0});
        Files.createDirectories(prefix.resolve("lib"));
        Files.write(prefix.resolve("lib/libpython3.12.so.1.0"), new byte[] {0x7F, 'E', 'L', 'F'});
        return exe;
    }

    @Test
    void thePythonChosenInTheConfigurationIsUsedWithDiscoveryOff() throws IOException {
        Path chosen = fakePython("chosen");
        Path other = fakePython("other");
        PythonInstallation found = PythonRuntime.builder(RuntimeConfig.builder().python(chosen).build())
                .discovery(false)
                .environment(Map.of("PYHOST_PYTHON", other.toString()))
                .locate();
        assertEquals(chosen, found.executable());
        assertEquals(new PythonVersion(3, 12, 0), found.version());
        assertEquals("RuntimeConfig.python", found.origin());
    }

    @Test
    void theBuiltInLocatorsStayWithDiscoveryOff() throws IOException {
        Path viaVariable = fakePython("variable");
        PythonInstallation found = PythonRuntime.builder(RuntimeConfig.builder().build())
                .discovery(false)
                .environment(Map.of("PYHOST_PYTHON", viaVariable.toString(), "PATH", ""))
                .locate();
        assertEquals(viaVariable, found.executable());
    }

    @Test
    void anInstallationGivenToTheBuilderWinsOverTheConfiguration() throws IOException {
        PythonInstallation given = new PythonInstallation(dir.resolve("x/bin/python3"), dir.resolve("x/libpython.so"),
                new PythonVersion(3, 13, 1), "test");
        PythonInstallation found = PythonRuntime.builder(RuntimeConfig.builder().python(fakePython("cfg")).build())
                .installation(given).locate();
        assertEquals(given, found);
    }

    @Test
    void withNoLocatorAnsweringTheMessageListsThemAndNamesTheFixes() {
        ProviderException e = assertThrows(ProviderException.class, () -> PythonRuntime.builder(
                RuntimeConfig.builder().build()).discovery(false).environment(Map.of("PATH", "")).locate());
        assertTrue(e.getMessage().contains("pyhost-python (order 200)"), e.getMessage());
        assertTrue(e.getMessage().contains("path-python3 (order 900)"), e.getMessage());
        assertTrue(e.getMessage().contains("runtime-embedded"), e.getMessage());
    }
}
