package dev.pyhost.core.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.ProviderException;
import dev.pyhost.api.RuntimeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the {@code virtual-env} locator passes and when it refuses ({@code InstallationLocator}'s rule): a
 * {@code VIRTUAL_ENV} that leads to no environment is a stale hint and passes, as python ignores it; an environment
 * that exists but cannot be embedded is refused with a reason that names the variable. {@code PYHOST_PYTHON}, which
 * exists to choose the installation, refuses the same stale path.
 */
class VirtualEnvLocatorTest {
    private static final RuntimeConfig CONFIG = RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED).build();
    private final VirtualEnvLocator locator = new VirtualEnvLocator();

    @TempDir
    Path dir;

    @Test
    void unsetOrEmptyPasses() {
        assertEquals(Optional.empty(), locator.locate(CONFIG, Map.of()));
        assertEquals(Optional.empty(), locator.locate(CONFIG, Map.of("VIRTUAL_ENV", "")));
    }

    @Test
    void aStaleVirtualEnvPasses() {
        Path gone = dir.resolve("deleted-venv");
        assertEquals(Optional.empty(), locator.locate(CONFIG, Map.of("VIRTUAL_ENV", gone.toString())));
        assertEquals(Optional.empty(), locator.locate(CONFIG, Map.of("VIRTUAL_ENV", dir.toString())),
                "a folder without bin/python or bin/python3 is no virtual environment");
    }

    @Test
    void anEnvironmentThatCannotBeEmbeddedIsRefusedWithTheReason() throws IOException {
        Path python = Files.createDirectories(dir.resolve("venv/bin")).resolve("python3");
        Files.write(python, new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0});
        ProviderException refused = assertThrows(ProviderException.class,
                () -> locator.locate(CONFIG, Map.of("VIRTUAL_ENV", dir.resolve("venv").toString())));
        assertTrue(refused.getMessage().startsWith("VIRTUAL_ENV=" + dir.resolve("venv")), refused.getMessage());
    }

    @Test
    void theVariableThatExistsToChooseRefusesTheSamePath() {
        Path gone = dir.resolve("deleted-venv/bin/python");
        ProviderException refused = assertThrows(ProviderException.class,
                () -> new PyhostPythonLocator().locate(CONFIG, Map.of("PYHOST_PYTHON", gone.toString())));
        assertTrue(refused.getMessage().contains("PYHOST_PYTHON=" + gone), refused.getMessage());
    }
}
