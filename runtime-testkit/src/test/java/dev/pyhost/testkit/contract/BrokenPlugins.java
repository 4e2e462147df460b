package dev.pyhost.testkit.contract;

import dev.pyhost.api.ProviderException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.PythonVersion;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.api.spi.ExitContext;
import dev.pyhost.api.spi.ExitHandler;
import dev.pyhost.api.spi.InstallationLocator;
import dev.pyhost.api.spi.MainContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plug-ins that each break one rule of their contract, beside a correct one of each kind, and the contract classes
 * that run the contracts on them (found by {@link BrokenPluginsTest} through EngineTestKit, never by Surefire).
 */
final class BrokenPlugins {
    private BrokenPlugins() {
    }

    // ---------------------------------------------------------------- execution modes

    /** Runs {@code -c}, as the built-in command mode does, under an id of its own. */
    static class GoodMode implements ExecutionMode {
        @Override
        public String id() {
            return "demo-command";
        }

        @Override
        public int order() {
            return 550;
        }

        @Override
        public boolean appliesTo(MainContext context) {
            return context.command().isPresent();
        }

        @Override
        public RunOutcome run(MainContext context) {
            return context.runner().runCommand(context.command().orElseThrow());
        }
    }

    /** A blank id. */
    static final class BlankIdMode extends GoodMode {
        @Override
        public String id() {
            return " ";
        }
    }

    /** The id of the built-in command mode, without saying it replaces it. */
    static final class BuiltinIdMode extends GoodMode {
        @Override
        public String id() {
            return "command";
        }
    }

    /** An order that grows each time it is read. */
    static final class DriftingOrderMode extends GoodMode {
        private final AtomicInteger reads = new AtomicInteger(550);

        @Override
        public int order() {
            return reads.getAndIncrement();
        }
    }

    /** Applies when no code is configured: the opposite of what its scenarios say. */
    static final class InvertedMode extends GoodMode {
        @Override
        public boolean appliesTo(MainContext context) {
            return !context.runsCode();
        }

        @Override
        public RunOutcome run(MainContext context) {
            return context.runner().runCommand(context.command().orElse("pass"));
        }
    }

    /** Runs code to decide whether it applies (code that changes nothing, so that only this rule is broken). */
    static final class CodeRunningMode extends GoodMode {
        @Override
        public boolean appliesTo(MainContext context) {
            context.interpreter().exec("pass");
            return super.appliesTo(context);
        }
    }

    /** Changes {@code sys.path} while deciding (through {@code eval}, which is not running code as such). */
    static final class StateChangingMode extends GoodMode {
        @Override
        public boolean appliesTo(MainContext context) {
            context.interpreter().eval("__import__('sys').path.append('/pyhost-contract-was-here')");
            return super.appliesTo(context);
        }
    }

    /** Answers right the first time, then the opposite. */
    static final class FlipFlopMode extends GoodMode {
        private final AtomicInteger asked = new AtomicInteger();

        @Override
        public boolean appliesTo(MainContext context) {
            return super.appliesTo(context) ^ (asked.getAndIncrement() > 0);
        }
    }

    /** Runs the command, then returns no outcome. */
    static final class NullOutcomeMode extends GoodMode {
        @Override
        public RunOutcome run(MainContext context) {
            super.run(context);
            return null;
        }
    }

    /** The mode contract with the scenarios of {@link GoodMode}. */
    abstract static class ModeContract extends ExecutionModeContract<ExecutionMode> {
        @Override
        protected List<ModeScenario> scenarios() {
            RuntimeConfig.Builder isolated = RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED);
            return List.of(ModeScenario.applies("-c", isolated.command("x = 1").build()),
                    ModeScenario.declines("nothing configured", RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED)
                            .build()));
        }
    }

    static final class GoodModeContract extends ModeContract {
        @Override
        protected ExecutionMode createMode() {
            return new GoodMode();
        }
    }

    static final class BlankIdModeContract extends ModeContract {
        @Override
        protected ExecutionMode createMode() {
            return new BlankIdMode();
        }
    }

    static final class BuiltinIdModeContract extends ModeContract {
        @Override
        protected ExecutionMode createMode() {
            return new BuiltinIdMode();
        }
    }

    static final class DriftingOrderModeContract extends ModeContract {
        @Override
        protected ExecutionMode createMode() {
            return new DriftingOrderMode();
        }
    }

    static final class InvertedModeContract extends ModeContract {
        @Override
        protected ExecutionMode createMode() {
            return new InvertedMode();
        }
    }

    static final class CodeRunningModeContract extends ModeContract {
        @Override
        protected ExecutionMode createMode() {
            return new CodeRunningMode();
        }
    }

    static final class StateChangingModeContract extends ModeContract {
        @Override
        protected ExecutionMode createMode() {
            return new StateChangingMode();
        }
    }

    static final class FlipFlopModeContract extends ModeContract {
        @Override
        protected ExecutionMode createMode() {
            return new FlipFlopMode();
        }
    }

    static final class NullOutcomeModeContract extends ModeContract {
        @Override
        protected ExecutionMode createMode() {
            return new NullOutcomeMode();
        }
    }

    // ---------------------------------------------------------------- exit handlers

    /** Counts its runs. */
    static class GoodExit implements ExitHandler {
        final AtomicLong runs = new AtomicLong();

        @Override
        public String id() {
            return "demo-exit";
        }

        @Override
        public void onExit(ExitContext context) throws Exception {
            runs.incrementAndGet();
        }
    }

    /** A blank id. */
    static final class BlankIdExit extends GoodExit {
        @Override
        public String id() {
            return "";
        }
    }

    /** The id of the built-in handler that flushes Java's streams, without saying it replaces it. */
    static final class BuiltinIdExit extends GoodExit {
        @Override
        public String id() {
            return "flush-java-stdio";
        }
    }

    /** An order that grows each time it is read. */
    static final class DriftingOrderExit extends GoodExit {
        private final AtomicInteger reads = new AtomicInteger();

        @Override
        public int order() {
            return reads.getAndIncrement();
        }
    }

    /** Hands its work to another thread, which does it after the runtime is gone. */
    static final class LateExit extends GoodExit {
        @Override
        public void onExit(ExitContext context) {
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    Thread.sleep(Duration.ofSeconds(5));
                } catch (InterruptedException e) {
                    return;
                }
                runs.incrementAndGet();
            });
        }
    }

    /** Does its work, then throws when the run ended with {@code KeyboardInterrupt}. */
    static final class ThrowingExit extends GoodExit {
        @Override
        public void onExit(ExitContext context) throws Exception {
            super.onExit(context);
            if (context.outcome().orElse(null) instanceof RunOutcome.Interrupted) {
                throw new IllegalStateException("did not expect an interrupted run");
            }
        }
    }

    /** Does its work, then blocks far beyond its bound. */
    static final class BlockingExit extends GoodExit {
        @Override
        public void onExit(ExitContext context) throws Exception {
            super.onExit(context);
            Thread.sleep(Duration.ofSeconds(2));
        }
    }

    /** The handler contract, counting the runs of a {@link GoodExit}. */
    abstract static class ExitContract extends ExitHandlerContract<GoodExit> {
        @Override
        protected OptionalLong timesRun(GoodExit handler) {
            return OptionalLong.of(handler.runs.get());
        }

        @Override
        protected Duration bound() {
            return Duration.ofMillis(400);
        }
    }

    static final class GoodExitContract extends ExitContract {
        @Override
        protected GoodExit createHandler() {
            return new GoodExit();
        }
    }

    static final class BlankIdExitContract extends ExitContract {
        @Override
        protected GoodExit createHandler() {
            return new BlankIdExit();
        }
    }

    static final class BuiltinIdExitContract extends ExitContract {
        @Override
        protected GoodExit createHandler() {
            return new BuiltinIdExit();
        }
    }

    static final class DriftingOrderExitContract extends ExitContract {
        @Override
        protected GoodExit createHandler() {
            return new DriftingOrderExit();
        }
    }

    static final class LateExitContract extends ExitContract {
        @Override
        protected GoodExit createHandler() {
            return new LateExit();
        }
    }

    static final class ThrowingExitContract extends ExitContract {
        @Override
        protected GoodExit createHandler() {
            return new ThrowingExit();
        }
    }

    static final class BlockingExitContract extends ExitContract {
        @Override
        protected GoodExit createHandler() {
            return new BlockingExit();
        }
    }

    // ---------------------------------------------------------------- installation locators

    /** The python named by {@code DEMO_PYTHON}. */
    static class GoodLocator implements InstallationLocator {
        @Override
        public String id() {
            return "demo-python";
        }

        @Override
        public int order() {
            return 250;
        }

        @Override
        public Optional<PythonInstallation> locate(RuntimeConfig config, Map<String, String> environment) {
            String value = environment.get("DEMO_PYTHON");
            if (value == null || value.isEmpty()) {
                return Optional.empty();
            }
            Path exe = Path.of(value);
            if (!Files.isExecutable(exe)) {
                throw new ProviderException("DEMO_PYTHON=" + value + " is not a python executable");
            }
            return Optional.of(PythonRuntime.builder(RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED).python(exe)
                    .build()).locate());
        }
    }

    /** A blank id. */
    static final class BlankIdLocator extends GoodLocator {
        @Override
        public String id() {
            return "";
        }
    }

    /** The id of the embedded locator, without saying it replaces it. */
    static final class BuiltinIdLocator extends GoodLocator {
        @Override
        public String id() {
            return "embedded";
        }
    }

    /** The order of the embedded locator under another id. */
    static final class TiedOrderLocator extends GoodLocator {
        @Override
        public int order() {
            return 800;
        }
    }

    /** Answers null instead of empty. */
    static final class NullLocator extends GoodLocator {
        @Override
        public Optional<PythonInstallation> locate(RuntimeConfig config, Map<String, String> environment) {
            Optional<PythonInstallation> found = super.locate(config, environment);
            return found.isPresent() ? found : null;
        }
    }

    /** Finds nothing where there is something (it checks for a folder, not a file). */
    static final class BlindLocator extends GoodLocator {
        @Override
        public Optional<PythonInstallation> locate(RuntimeConfig config, Map<String, String> environment) {
            Optional<PythonInstallation> found = super.locate(config, environment);
            return found.filter(p -> Files.isDirectory(p.executable()));
        }
    }

    /** Passes silently when its variable names nothing. */
    static final class SilentLocator extends GoodLocator {
        @Override
        public Optional<PythonInstallation> locate(RuntimeConfig config, Map<String, String> environment) {
            try {
                return super.locate(config, environment);
            } catch (ProviderException e) {
                return Optional.empty();
            }
        }
    }

    /** Finds its python once only. */
    static final class OnceLocator extends GoodLocator {
        private final AtomicInteger asked = new AtomicInteger();

        @Override
        public Optional<PythonInstallation> locate(RuntimeConfig config, Map<String, String> environment) {
            Optional<PythonInstallation> found = super.locate(config, environment);
            return found.isPresent() && asked.getAndIncrement() > 0 ? Optional.empty() : found;
        }
    }

    /** Claims CPython 3.9 whatever it found. */
    static final class WrongVersionLocator extends GoodLocator {
        @Override
        public Optional<PythonInstallation> locate(RuntimeConfig config, Map<String, String> environment) {
            return super.locate(config, environment).map(p -> new PythonInstallation(p.executable(), p.libpython(),
                    new PythonVersion(3, 9, 0), p.origin(), p.preload()));
        }
    }

    /** The locator contract with the scenarios of {@link GoodLocator}. */
    abstract static class LocatorContract extends InstallationLocatorContract<InstallationLocator> {
        @Override
        protected List<LocatorScenario> scenarios() {
            return List.of(LocatorScenario.finds("DEMO_PYTHON names a python", Map.of("DEMO_PYTHON",
                            BuiltinLocatorsContractIT.python3().toString())),
                    LocatorScenario.passes("DEMO_PYTHON unset", Map.of()),
                    LocatorScenario.refuses("DEMO_PYTHON names nothing", Map.of("DEMO_PYTHON", "/nonexistent/python")));
        }
    }

    static final class GoodLocatorContract extends LocatorContract {
        @Override
        protected InstallationLocator createLocator() {
            return new GoodLocator();
        }
    }

    static final class BlankIdLocatorContract extends LocatorContract {
        @Override
        protected InstallationLocator createLocator() {
            return new BlankIdLocator();
        }
    }

    static final class BuiltinIdLocatorContract extends LocatorContract {
        @Override
        protected InstallationLocator createLocator() {
            return new BuiltinIdLocator();
        }
    }

    static final class TiedOrderLocatorContract extends LocatorContract {
        @Override
        protected InstallationLocator createLocator() {
            return new TiedOrderLocator();
        }
    }

    static final class NullLocatorContract extends LocatorContract {
        @Override
        protected InstallationLocator createLocator() {
            return new NullLocator();
        }
    }

    static final class BlindLocatorContract extends LocatorContract {
        @Override
        protected InstallationLocator createLocator() {
            return new BlindLocator();
        }
    }

    static final class SilentLocatorContract extends LocatorContract {
        @Override
        protected InstallationLocator createLocator() {
            return new SilentLocator();
        }
    }

    static final class OnceLocatorContract extends LocatorContract {
        @Override
        protected InstallationLocator createLocator() {
            return new OnceLocator();
        }
    }

    static final class WrongVersionLocatorContract extends LocatorContract {
        @Override
        protected InstallationLocator createLocator() {
            return new WrongVersionLocator();
        }
    }
}
