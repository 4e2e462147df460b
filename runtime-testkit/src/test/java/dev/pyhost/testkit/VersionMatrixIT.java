package dev.pyhost.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.PythonVersion;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The documented way to run a suite once per CPython version: this module's POM runs this class in one more forked
 * JVM per version, each with the system property {@code pyhost.testkit.python=3.X}; the runtime the kit gives must
 * then be that CPython, loaded and working. In the ordinary run (no property) it is skipped.
 */
@PyHostTest
class VersionMatrixIT {
    @Test
    void theKitRunsTheCPythonOfThisFork(PythonRuntime runtime, Interpreter py, PythonVersion version) {
        String requested = System.getProperty("pyhost.testkit.python");
        Assumptions.assumeTrue(requested != null, "runs in the per-version Failsafe executions of this module");
        assertEquals(requested, version.feature(), "the loaded libpython is the requested version");
        assertEquals(requested, py.eval("'%d.%d' % __import__('sys').version_info[:2]"));
        assertEquals(runtime.installation().version(), version);
        assertEquals(version, PythonVersion.parse((String) py.eval("__import__('platform').python_version()")));
    }
}
