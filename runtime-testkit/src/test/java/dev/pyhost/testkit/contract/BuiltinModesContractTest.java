package dev.pyhost.testkit.contract;

import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.spi.BuiltinPlugins;
import dev.pyhost.api.spi.ExecutionMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.AfterAll;

/** runtime-core's five execution modes run the execution mode contract on themselves. */
class BuiltinModesContractTest {
    private static RuntimeConfig.Builder isolated() {
        return RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED);
    }

    private static RuntimeConfig command() {
        return isolated().command("x = 1").build();
    }

    private static RuntimeConfig module() {
        return isolated().module("platform").build();
    }

    private static RuntimeConfig nothing() {
        return isolated().build();
    }

    /** A script and a directory holding {@code __main__.py}. */
    abstract static class Base extends ExecutionModeContract<ExecutionMode> {
        private final Scratch scratch = new Scratch();

        @AfterAll
        void deleteScratch() throws IOException {
            scratch.close();
        }

        abstract String id();

        @Override
        protected ExecutionMode createMode() {
            return Builtins.byId(ExecutionMode.class, ExecutionMode::id, id());
        }

        @Override
        protected Set<String> replaces() {
            return Set.of(id());
        }

        RuntimeConfig script() throws IOException {
            Path dir = scratch.dir();
            return isolated().file(Files.writeString(dir.resolve("script.py"), "value = 'script'\n")).build();
        }

        RuntimeConfig directory() throws IOException {
            Path dir = scratch.dir();
            Path app = Files.createDirectories(dir.resolve("app"));
            Files.writeString(app.resolve("__main__.py"), "value = 'directory'\n");
            return isolated().file(app).build();
        }
    }

    @Nested
    class Command extends Base {
        @Override
        String id() {
            return BuiltinPlugins.COMMAND_MODE;
        }

        @Override
        protected List<ModeScenario> scenarios() {
            return List.of(ModeScenario.applies("-c", command()), ModeScenario.declines("-m", module()),
                    ModeScenario.declines("nothing configured", nothing()));
        }
    }

    @Nested
    class Module extends Base {
        @Override
        String id() {
            return BuiltinPlugins.MODULE_MODE;
        }

        @Override
        protected List<ModeScenario> scenarios() {
            return List.of(ModeScenario.applies("-m", module()), ModeScenario.declines("-c", command()),
                    ModeScenario.declines("nothing configured", nothing()));
        }
    }

    @Nested
    class DirectoryOrZip extends Base {
        @Override
        String id() {
            return BuiltinPlugins.DIRECTORY_OR_ZIP_MODE;
        }

        @Override
        protected List<ModeScenario> scenarios() {
            try {
                return List.of(ModeScenario.applies("a directory", directory()),
                        ModeScenario.declines("a script", script()), ModeScenario.declines("-c", command()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Nested
    class File extends Base {
        @Override
        String id() {
            return BuiltinPlugins.FILE_MODE;
        }

        @Override
        protected List<ModeScenario> scenarios() {
            try {
                return List.of(ModeScenario.applies("a script", script()),
                        ModeScenario.declines("a directory", directory()), ModeScenario.declines("-c", command()),
                        ModeScenario.declines("nothing configured", nothing()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Nested
    class Stdin extends Base {
        @Override
        String id() {
            return BuiltinPlugins.STDIN_MODE;
        }

        @Override
        protected List<ModeScenario> scenarios() {
            return List.of(ModeScenario.applies("nothing configured", nothing()).withStdin("print('from stdin')"),
                    ModeScenario.applies("-c (it applies to anything; it is asked last)", command()));
        }
    }
}
