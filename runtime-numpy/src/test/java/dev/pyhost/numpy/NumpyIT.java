package dev.pyhost.numpy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import numpy} on the embedded CPython with nothing installed: a child JVM with a fresh cache folder, no
 * {@code python3} on {@code PATH}, no pyenv, no virtual environment and no {@code LD_LIBRARY_PATH}, with
 * runtime-numpy and its two jars on the class path. Linear algebra proves OpenBLAS was found.
 */
class NumpyIT {
    private static final String PROGRAM = """
            import numpy as np, sys
            a = np.arange(1.0, 5.0).reshape(2, 2)
            print('version', np.__version__)
            print('file', np.__file__)
            print('det', round(float(np.linalg.det(a)), 6))
            print('matmul', (a @ a).tolist())
            print('blas', np.show_config.__module__ is not None)
            """;

    @TempDir
    Path work;

    @Test
    void importsNumpyFromAFreshCacheThenFromTheSameOne() throws Exception {
        Path cache = Files.createDirectory(work.resolve("cache"));
        String first = run(cache, PROGRAM);
        assertTrue(first.contains("version 2.4.2"), first);
        assertTrue(first.contains("det -2.0"), first);
        assertTrue(first.contains("matmul [[7.0, 10.0], [15.0, 22.0]]"), first);
        assertTrue(first.contains("origin: the embedded CPython"), first);
        List<Path> folders = folders(cache);
        assertEquals(1, folders.size(), folders.toString());
        Path folder = folders.getFirst();
        assertTrue(folder.getFileName().toString().contains("-with-numpy-"), folder.toString());
        assertTrue(first.contains("file " + folder.resolve("lib/python3.14/site-packages/numpy/__init__.py")), first);
        assertTrue(Files.isRegularFile(folder.resolve("lib/pyhost-openblas/libopenblas.so.0")));
        assertFalse(Files.exists(folder.resolve("lib/python3.14/site-packages/numpy/_core/tests")),
                "numpy's test suites are not unpacked");
        long mtime = Files.getLastModifiedTime(folder.resolve(".pyhost-manifest")).toMillis();

        String second = run(cache, "import numpy; print('again', numpy.ones(3).sum())");
        assertTrue(second.contains("again 3.0"), second);
        assertEquals(List.of(folder), folders(cache), "the second start reuses the folder");
        assertEquals(mtime, Files.getLastModifiedTime(folder.resolve(".pyhost-manifest")).toMillis(),
                "the second start does not unpack again");
    }

    @Test
    void aChangedOpenBlasIsUnpackedAgainBeforeItIsLoaded() throws Exception {
        Path cache = Files.createDirectory(work.resolve("cache2"));
        run(cache, "import numpy");
        Path folder = folders(cache).getFirst();
        Path lib = folder.resolve("lib/pyhost-openblas/libopenblas.so.0");
        byte[] original = Files.readAllBytes(lib);
        byte[] changed = original.clone();
        changed[changed.length / 2] ^= 1;
        var time = Files.getLastModifiedTime(lib);
        Files.write(lib, changed);
        Files.setLastModifiedTime(lib, time);
        String out = run(cache, "import numpy; print('ok', numpy.eye(2).sum())");
        assertTrue(out.contains("damaged"), out);
        assertTrue(out.contains("ok 2.0"), out);
        assertTrue(java.util.Arrays.equals(original, Files.readAllBytes(lib)), "the library was unpacked again");
    }

    private static List<Path> folders(Path cache) throws IOException {
        try (Stream<Path> list = Files.list(cache)) {
            return list.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    private String run(Path cache, String code) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", cp,
                NumpyMain.class.getName(), code));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Path empty = Files.createDirectories(work.resolve("empty-path"));
        pb.environment().put("PATH", empty.toString());
        pb.environment().put("HOME", work.toString());
        pb.environment().put("PYHOST_CACHE_DIR", cache.toString());
        for (String v : List.of("PYHOST_PYTHON", "VIRTUAL_ENV", "CONDA_PREFIX", "PYENV_ROOT", "PYENV_VERSION",
                "LD_LIBRARY_PATH", "LD_PRELOAD", "PYTHONPATH", "PYTHONHOME", "XDG_CACHE_HOME")) {
            pb.environment().remove(v);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
