package dev.pyhost.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyhost.api.spi.BuiltinPlugins;
import dev.pyhost.api.spi.InstallationLocator;
import dev.pyhost.testkit.differential.ChildEnvironment;
import dev.pyhost.testkit.differential.ChildProcess;
import dev.pyhost.testkit.differential.InstalledPythons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.AfterAll;

/** runtime-core's three installation locators and runtime-embedded's run the locator contract on themselves. */
class BuiltinLocatorsContractIT {
    /** An installed CPython with a {@code python3} beside it, preferably not the embedded one. */
    static Path python3() {
        List<InstalledPythons.InstalledPython> all = InstalledPythons.installed();
        Assumptions.assumeFalse(all.isEmpty(), "no CPython 3.10-3.14 here: " + InstalledPythons.searchedLocations());
        return all.stream().filter(p -> !p.embedded()).findFirst().orElse(all.getFirst()).executable();
    }

    abstract static class Base extends InstallationLocatorContract<InstallationLocator> {
        abstract String id();

        @Override
        protected InstallationLocator createLocator() {
            return Builtins.byId(InstallationLocator.class, InstallationLocator::id, id());
        }

        @Override
        protected Set<String> replaces() {
            return Set.of(id());
        }
    }

    @Nested
    class PyhostPython extends Base {
        @Override
        String id() {
            return BuiltinPlugins.PYHOST_PYTHON_LOCATOR;
        }

        @Override
        protected List<LocatorScenario> scenarios() {
            return List.of(LocatorScenario.finds("PYHOST_PYTHON names a python", Map.of("PYHOST_PYTHON",
                            python3().toString())),
                    LocatorScenario.passes("PYHOST_PYTHON unset", Map.of("PATH", "/usr/bin")),
                    LocatorScenario.refuses("PYHOST_PYTHON names nothing", Map.of("PYHOST_PYTHON",
                            "/nonexistent/python3")));
        }
    }

    @Nested
    class VirtualEnv extends Base {
        private final Scratch scratch = new Scratch();

        @AfterAll
        void deleteScratch() throws IOException {
            scratch.close();
        }

        @Override
        String id() {
            return BuiltinPlugins.VIRTUAL_ENV_LOCATOR;
        }

        @Override
        protected List<LocatorScenario> scenarios() {
            Path dir = scratch.dir();
            Path venv = dir.resolve("venv");
            ChildProcess.Result made = ChildProcess.run(List.of(python3().toString(), "-I", "-m", "venv",
                    "--without-pip", venv.toString()), dir, ChildEnvironment.clean(), null, Duration.ofMinutes(2));
            assertEquals(0, made.status(), made.stderrText());
            // VIRTUAL_ENV is a hint other tools leave, not a request to PyHost (InstallationLocator's rule): a stale
            // one passes, as python ignores it; a virtual environment that exists but cannot be embedded is refused.
            return List.of(LocatorScenario.finds("an active virtual environment", Map.of("VIRTUAL_ENV",
                            venv.toString())),
                    LocatorScenario.passes("no VIRTUAL_ENV", Map.of()),
                    LocatorScenario.passes("VIRTUAL_ENV names no environment", Map.of("VIRTUAL_ENV",
                            dir.resolve("missing").toString())),
                    LocatorScenario.passes("VIRTUAL_ENV names a folder without a python", Map.of("VIRTUAL_ENV",
                            dir.toString())),
                    LocatorScenario.refuses("VIRTUAL_ENV names an environment that cannot be embedded",
                            Map.of("VIRTUAL_ENV", unembeddable(dir.resolve("unembeddable")).toString())));
        }

        /** A virtual environment whose python is an executable of unknown version with no libpython beside it. */
        private static Path unembeddable(Path env) {
            try {
                Path python = Files.createDirectories(env.resolve("bin")).resolve("python");
                Files.write(python, new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0});
                return env;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Nested
    class PathPython3 extends Base {
        @Override
        String id() {
            return BuiltinPlugins.PATH_LOCATOR;
        }

        @Override
        protected List<LocatorScenario> scenarios() {
            Path bin = python3().getParent();
            Assumptions.assumeTrue(Files.isExecutable(bin.resolve("python3")), "no python3 in " + bin);
            return List.of(LocatorScenario.finds("python3 on PATH", Map.of("PATH", "/nonexistent:" + bin)),
                    LocatorScenario.passes("no python3 on PATH", Map.of("PATH", "/nonexistent")),
                    LocatorScenario.passes("no PATH", Map.of()));
        }
    }

    @Nested
    class Embedded extends Base {
        @Override
        String id() {
            return BuiltinPlugins.EMBEDDED_LOCATOR;
        }

        @Override
        protected List<LocatorScenario> scenarios() {
            return List.of(LocatorScenario.finds("the payload on the class path", Map.of()),
                    LocatorScenario.refuses("a cache folder that cannot be written", Map.of("PYHOST_CACHE_DIR",
                            "/proc/pyhost-cannot-write-here")));
        }
    }
}
