package dev.pyhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Unit tests of the launcher's wiring: what it reads from the script and how it words unexpected failures. */
class LauncherWiringTest {
    private static Properties properties(String... keysAndValues) {
        Properties p = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return p;
    }

    @Test
    void withoutTheScriptThereIsNothingToPutRight() {
        assertEquals(new ScriptHandover(Set.of(), false, List.of()), ScriptHandover.from(new Properties()));
    }

    @Test
    void theHandoverIsReadFromSystemProperties() {
        ScriptHandover h = ScriptHandover.from(properties(ScriptHandover.CLOSED_FDS, "2,0",
                ScriptHandover.QUIT_IGNORED, "true", ScriptHandover.MOVED_ENV, "JAVA_TOOL_OPTIONS,MALLOC_ARENA_MAX"));
        assertEquals(new ScriptHandover(Set.of(0, 2), true, List.of("JAVA_TOOL_OPTIONS", "MALLOC_ARENA_MAX")), h);
    }

    @Test
    void aMalformedHandoverIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> ScriptHandover.from(properties(ScriptHandover.CLOSED_FDS, "3")));
        assertThrows(IllegalArgumentException.class,
                () -> ScriptHandover.from(properties(ScriptHandover.MOVED_ENV, "A=B")));
    }

    @Test
    void closedStreamsAreDetachedByOneStatementThatBindsNoName() {
        assertEquals("__import__('sys').__setattr__('stdout', None), __import__('sys').__setattr__('__stdout__', None), "
                + "__import__('posix').close(1), ", Main.detachStreams(Set.of(1)));
        // in descriptor order
        assertEquals("__import__('sys').__setattr__('stdin', None), __import__('sys').__setattr__('__stdin__', None), "
                + "__import__('posix').close(0), "
                + "__import__('sys').__setattr__('stderr', None), __import__('sys').__setattr__('__stderr__', None), "
                + "__import__('posix').close(2), ", Main.detachStreams(Set.of(2, 0)));
    }

    @Test
    void aFailureInPyHostItselfAsksForAReport() {
        String message = Main.describe(new IllegalStateException("boom"), "", Set.of());
        assertEquals("internal error: java.lang.IllegalStateException: boom; please report it with the command line "
                + "that caused it", message);
    }

    @Test
    void aFailureThrownFromAPluginNamesThePlugin() throws URISyntaxException {
        Path here = Path.of(LauncherWiringTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        RuntimeException thrownHere = new UnsupportedOperationException("nope");
        String message = Main.describe(new IllegalStateException("wrapped", thrownHere), " in thread 't'",
                Main.pluginPath(here + "::/elsewhere"));
        assertEquals("a plug-in failed in thread 't': java.lang.IllegalStateException: wrapped (caused by "
                + "java.lang.UnsupportedOperationException: nope), thrown by " + LauncherWiringTest.class.getName()
                + ".aFailureThrownFromAPluginNamesThePlugin (" + here.toAbsolutePath().normalize()
                + "); fix or remove that plug-in", message);
    }

    @Test
    void runningOutOfMemorySaysSo() {
        String message = Main.describe(new OutOfMemoryError("unable to create native thread"), "", Set.of());
        assertEquals("the JVM ran out of memory: java.lang.OutOfMemoryError: unable to create native thread. Under "
                + "an address-space limit (ulimit -v), PyHost's JVM needs about 420 MB on top of what the Python "
                + "program uses.", message);
    }
}
