package dev.pyhost.numpy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.InterpreterKind;
import dev.pyhost.api.InterpreterPool;
import dev.pyhost.api.PythonException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.SubInterpreter;
import dev.pyhost.api.SubInterpreterConfig;
import dev.pyhost.embedded.EmbeddedCPython;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * numpy and sub-interpreters on the embedded CPython 3.14 with the numpy add-on: an isolated interpreter refuses it
 * cleanly (an {@code ImportError}, the runtime unharmed), the probe says so, and a pool that requires it falls back
 * to the main interpreter, where it works.
 */
class NumpySubInterpreterIT {

    private static PythonRuntime start() throws Exception {
        Path cache = Files.createDirectories(Path.of("target", "numpy-it-cache")).toAbsolutePath();
        EmbeddedCPython payload = EmbeddedCPython.payload();
        PythonInstallation python = payload.prepare(payload.jar().orElseThrow(), cache, List.of(new NumpyAddOn()));
        return PythonRuntime.builder(RuntimeConfig.builder().build()).installation(python).start();
    }

    @Test
    void anIsolatedInterpreterRefusesNumpyAndAPoolFallsBackToTheMainOne() throws Exception {
        try (PythonRuntime runtime = start()) {
            try (SubInterpreter sub = runtime.newInterpreter(SubInterpreterConfig.isolated())) {
                PythonException e = assertThrows(PythonException.class, () -> sub.exec("import numpy"));
                assertTrue(e.typeName().endsWith("ImportError"), e.typeName() + ": " + e.pythonMessage());
                assertEquals(6L, sub.eval("sum([1, 2, 3])"), "the sub-interpreter still works");
            }
            assertTrue(InterpreterPool.probe(runtime, SubInterpreterConfig.isolated(), "numpy").isPresent());
            assertTrue(InterpreterPool.probe(runtime, SubInterpreterConfig.isolated(), "json").isEmpty());
            try (InterpreterPool pool = InterpreterPool.builder(runtime).size(2).requires("json", "numpy")
                    .initialization("import numpy as np").build()) {
                assertEquals(InterpreterKind.MAIN, pool.kind());
                assertTrue(pool.fallbackReason().orElseThrow().contains("numpy"), pool.fallbackReason().get());
                List<CompletableFuture<Object>> results = List.of(
                        pool.submit(py -> py.eval("int(np.arange(10).sum())")),
                        pool.submit(py -> py.eval("int(np.ones((3, 3)).trace())")));
                assertEquals(45L, results.get(0).get());
                assertEquals(3L, results.get(1).get());
            }
            assertEquals(2L, runtime.interpreter().eval("int(np.int64(2))"), "numpy is loaded in the main one");
        }
    }
}
