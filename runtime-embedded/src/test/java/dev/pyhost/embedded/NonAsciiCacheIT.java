package dev.pyhost.embedded;

import static dev.pyhost.embedded.TestSupport.PAYLOAD;
import static dev.pyhost.embedded.TestSupport.finish;
import static dev.pyhost.embedded.TestSupport.jar;
import static dev.pyhost.embedded.TestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pyhost.api.PythonInstallation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cache folders whose names are not plain ASCII: the build configuration files get the name in UTF-8 (escaped where
 * a Python or JSON string needs it), so {@code sysconfig}, {@code venv} and {@code pip} work from there; a JVM whose
 * locale cannot represent the name says so, with the fix, instead of failing with an exception.
 */
class NonAsciiCacheIT {
    @TempDir
    Path base;

    @Test
    void aCacheFolderWithJapaneseAccentsAndSpacesRunsSysconfigAndVenv() throws Exception {
        assumeTrue("UTF-8".equals(System.getProperty("sun.jnu.encoding")), "this JVM's locale is not UTF-8");
        Path cache = base.resolve("日本 über café");
        PythonInstallation python = PAYLOAD.prepare(jar(), cache);
        Path exe = python.executable();
        String code = "import sysconfig; print(sysconfig.get_config_var('BINDIR')); "
                + "print(sysconfig.get_paths()['stdlib'])";
        assertEquals(exe.getParent() + "\n" + exe.getParent().resolveSibling("lib/python3.14"), run(exe, code));
        Path venv = base.resolve("venv é");
        run(exe, "import venv; venv.create(" + pythonString(venv.toString()) + ", with_pip=False, symlinks=True)");
        assertEquals(venv.toString(), run(venv.resolve("bin/python"), "import sys; print(sys.prefix)"));
    }

    @Test
    void quotesAndBackslashesInTheCacheFolderAreEscapedInTheConfigurationFiles() throws Exception {
        Path cache = base.resolve("it's \"quoted\" \\ here");
        PythonInstallation python = PAYLOAD.prepare(jar(), cache);
        Path exe = python.executable();
        assertEquals(exe.getParent().toString(),
                run(exe, "import sysconfig; print(sysconfig.get_config_var('BINDIR'))"));
        assertEquals(exe.getParent().getParent().toString(), run(exe, "import json, sysconfig, os; print(json.load("
                + "open(os.path.join(sysconfig.get_path('stdlib'), 'build-details.json')))['base_prefix'])"));
    }

    @Test
    void underLcAllCANonAsciiCacheFolderIsRefusedWithTheVariableAndTheFix() throws Exception {
        String name = base.resolve("日本").toString();
        for (String variable : new String[] {"PYHOST_CACHE_DIR", "XDG_CACHE_HOME"}) {
            Map<String, String> env = new HashMap<>();
            env.put("LC_ALL", "C");
            env.put("PYHOST_CACHE_DIR", null);
            env.put(variable, name);
            Map.Entry<Integer, String> done = finish(TestSupport.java(env, PrepareMain.class));
            String out = done.getValue();
            assertEquals(PrepareMain.FAILED, done.getKey(), out);
            assertTrue(out.startsWith("ProviderException: Cannot use "), out);
            assertTrue(out.contains("(from " + variable + ") for the embedded CPython: this JVM reads file names as "
                    + "ANSI_X3.4-1968"), out);
            assertTrue(out.contains("LC_ALL=C.UTF-8") && out.contains("set PYHOST_CACHE_DIR to a folder whose name is "
                    + "plain ASCII"), out);
        }
        assertTrue(Files.notExists(base.resolve("日本")));
    }

    private static String pythonString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
