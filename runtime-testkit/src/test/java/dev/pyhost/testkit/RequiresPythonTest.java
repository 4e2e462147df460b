package dev.pyhost.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.testkit.differential.InstalledPythons;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * {@link RequiresPython} and the choice of CPython through {@code pyhost.testkit.python}: which tests run and which
 * are skipped, with which reason, against the installations of this machine (found, never loaded here).
 */
class RequiresPythonTest {
    private static Map<String, String> outcomes(EngineExecutionResults results) {
        return results.testEvents().list().stream()
                .filter(e -> e.getType() == org.junit.platform.testkit.engine.EventType.SKIPPED
                        || e.getType() == org.junit.platform.testkit.engine.EventType.FINISHED)
                .collect(Collectors.toMap(e -> e.getTestDescriptor().getDisplayName().replace("()", ""),
                        RequiresPythonTest::outcome));
    }

    private static String outcome(Event e) {
        if (e.getType() == org.junit.platform.testkit.engine.EventType.SKIPPED) {
            return "skipped: " + e.getPayload(String.class).orElse("");
        }
        return e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getStatus().toString();
    }

    @Test
    void runsWhatFitsTheDefaultCPythonAndSaysWhyTheRestIsSkipped() {
        PythonInstallation python = PythonRuntime.builder(RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED).build())
                .locate();
        boolean embedded = InstalledPythons.embeddedInstallation().map(e -> e.executable().equals(python.executable()))
                .orElse(false);
        Map<String, String> got = outcomes(EngineTestKit.engine("junit-jupiter").selectors(selectClass(Fixture.class))
                .execute());
        assertEquals("SUCCESSFUL", got.get("supported"));
        assertEquals("skipped: requires CPython >= 3.99 (runs " + python + ")", got.get("future"));
        assertEquals("skipped: requires CPython <= 3.9 (runs " + python + ")", got.get("ancient"));
        assertEquals(embedded ? "SUCCESSFUL" : "skipped: requires PyHost's embedded CPython (runs " + python + ")",
                got.get("embeddedOnly"));
        assertTrue(got.get("freeThreaded").startsWith("skipped: requires a free-threaded build"),
                got.get("freeThreaded"));
        assertEquals(python.version().atLeast(3, 12) ? "SUCCESSFUL"
                : "skipped: requires sub-interpreters with their own GIL (PEP 684, CPython 3.12+) (runs " + python + ")",
                got.get("subinterpreters"));
        assertEquals("skipped: requires CPython >= 3.99; requires CPython <= 3.9 (runs " + python + ")",
                got.get("impossible"), "every unmet requirement is named");
    }

    @Test
    void judgesTheCPythonThatTheConfigurationParameterChooses() {
        Optional<InstalledPythons.InstalledPython> p312 = InstalledPythons.forMinor(12);
        Assumptions.assumeTrue(p312.isPresent(), "CPython 3.12 is not installed here");
        Map<String, String> got = outcomes(EngineTestKit.engine("junit-jupiter")
                .configurationParameter("pyhost.testkit.python", "3.12")
                .selectors(selectMethod(Fixture.class, "upTo312"), selectMethod(Fixture.class, "from313"))
                .execute());
        assertEquals("SUCCESSFUL", got.get("upTo312"));
        assertTrue(got.get("from313").startsWith("skipped: requires CPython >= 3.13 (runs CPython 3.12"),
                got.get("from313"));
    }

    @Test
    void aChosenCPythonThatIsNotThereDisablesTheTestsWithTheReason() {
        Map<String, String> got = outcomes(EngineTestKit.engine("junit-jupiter")
                .configurationParameter("pyhost.testkit.python", "3.9")
                .selectors(selectMethod(Fixture.class, "supported"), selectClass(ExtensionFixture.class))
                .execute());
        assertEquals("skipped: pyhost.testkit.python=3.9: PyHost runs CPython 3.10 to 3.14", got.get("supported"));
        Map<String, String> classLevel = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("pyhost.testkit.python", "/nonexistent/python3")
                .selectors(selectClass(ExtensionFixture.class)).execute().containerEvents().skipped().list().stream()
                .collect(Collectors.toMap(e -> e.getTestDescriptor().getDisplayName(),
                        e -> e.getPayload(String.class).orElse("")));
        assertEquals(Map.of("RequiresPythonTest$ExtensionFixture", "pyhost.testkit.python=/nonexistent/python3 is neither X.Y, "
                + "'embedded' nor an executable file"), classLevel, "a @PyHostTest class is skipped as a whole");
    }

    /** Tests with requirements. */
    static class Fixture {
        @Test
        @RequiresPython(min = "3.10", max = "3.14")
        void supported() {
        }

        @Test
        @RequiresPython(min = "3.99")
        void future() {
        }

        @Test
        @RequiresPython(max = "3.9")
        void ancient() {
        }

        @Test
        @RequiresPython(embedded = true)
        void embeddedOnly() {
        }

        @Test
        @RequiresPython(features = PythonFeature.FREE_THREADING)
        void freeThreaded() {
        }

        @Test
        @RequiresPython(features = PythonFeature.SUBINTERPRETERS)
        void subinterpreters() {
        }

        @Test
        @RequiresPython(min = "3.99", max = "3.9")
        void impossible() {
        }

        @Test
        @RequiresPython(max = "3.12")
        void upTo312() {
        }

        @Test
        @RequiresPython(min = "3.13")
        void from313() {
        }
    }

    /** A class of the extension. */
    @PyHostTest
    static class ExtensionFixture {
        @Test
        void needsPython(PythonRuntime runtime) {
            assertTrue(runtime.interpreter().isOpen());
        }
    }
}
