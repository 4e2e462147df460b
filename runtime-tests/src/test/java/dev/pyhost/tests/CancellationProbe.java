package dev.pyhost.tests;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonException;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.RuntimeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Run in a child JVM by {@link CancellationIT} (one libpython per process, and some scenarios leave Python code
 * running on purpose): starts a runtime on the python given as the first argument, runs a scenario, and prints
 * what happened, one {@code key<TAB>value} line each. Waits for Python to reach the blocking point by watching
 * for a marker file that the Python code creates, never by sleeping blindly.
 */
public final class CancellationProbe {
    private CancellationProbe() {
    }

    /**
     * Runs a scenario.
     *
     * @param args python executable, scenario, profile ({@code python} or {@code isolated})
     * @throws Exception when the scenario fails unexpectedly
     */
    public static void main(String[] args) throws Exception {
        Path python = Path.of(args[0]);
        String scenario = args[1];
        RuntimeConfig.Profile profile = args.length > 2 && args[2].equals("isolated") ? RuntimeConfig.Profile.ISOLATED
                : RuntimeConfig.Profile.PYTHON;
        Path marker = Files.createTempFile("pyhost-cancel", ".marker");
        Files.delete(marker);
        RuntimeConfig config = RuntimeConfig.builder(profile).python(python).build();
        PythonRuntime runtime = PythonRuntime.builder(config)
                .timeouts(Duration.ofSeconds(10), Duration.ofSeconds(2)).start();
        Interpreter py = runtime.interpreter();
        py.set("marker", marker.toString());
        switch (scenario) {
            case "interrupt-main" -> interruptMain(py, marker);
            case "interrupt-call" -> interruptCall(py, marker);
            case "timeout" -> timeout(py);
            case "timeout-main" -> timeoutMain(py, marker);
            case "thread-interrupt" -> threadInterrupt(py, marker);
            case "close-non-daemon" -> closeNonDaemon(runtime, py);
            case "close-stuck-call" -> closeStuckCall(runtime, py, marker);
            default -> throw new IllegalArgumentException(scenario);
        }
        System.out.flush();
        Runtime.getRuntime().halt(0); // a scenario may leave Python code running on purpose
    }

    private static void report(String key, Object value) {
        System.out.println(key + "\t" + value);
    }

    private static void awaitMarker(Path marker) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(marker)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Python never reached its blocking point");
            }
            Thread.sleep(5);
        }
    }

    private static String describe(Throwable t) {
        return t instanceof PythonException e ? "PythonException " + e.typeName() : String.valueOf(t);
    }

    /** runFile of a script that blocks in time.sleep on the main thread, then interrupt(). */
    private static void interruptMain(Interpreter py, Path marker) throws Exception {
        Path script = Files.createTempFile("pyhost-cancel", ".py");
        Files.writeString(script, "import pathlib, sys, time\npathlib.Path(sys.argv[1]).touch()\ntime.sleep(30)\n");
        CompletableFuture<RunOutcome> run = CompletableFuture.supplyAsync(
                () -> py.runFile(script, java.util.List.of(marker.toString())));
        awaitMarker(marker); // written right before time.sleep; an interrupt before it starts is raised there
        long t0 = System.nanoTime();
        int n = py.interrupt();
        RunOutcome outcome = run.get(60, TimeUnit.SECONDS);
        report("interrupted", n);
        report("outcome", outcome.getClass().getSimpleName());
        report("ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        report("after", py.eval("6 * 7"));
    }

    /** A CPU loop on a caller's thread, then interrupt(). */
    private static void interruptCall(Interpreter py, Path marker) throws Exception {
        CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> {
            try {
                py.exec("import pathlib\npathlib.Path(marker).touch()\nwhile True:\n    pass\n");
                return "returned";
            } catch (RuntimeException e) {
                return describe(e);
            }
        });
        awaitMarker(marker);
        long t0 = System.nanoTime();
        int n = py.interrupt();
        String got = call.get(60, TimeUnit.SECONDS);
        report("interrupted", n);
        report("call", got);
        report("ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        report("after", py.eval("6 * 7"));
    }

    /** withTimeout around a CPU loop, then calls on the same thread that must not see a late exception. */
    private static void timeout(Interpreter py) {
        long t0 = System.nanoTime();
        String got;
        try {
            py.withTimeout(Duration.ofMillis(300), () -> {
                py.exec("while True:\n    pass\n");
                return null;
            });
            got = "returned";
        } catch (RuntimeException e) {
            got = describe(e);
        }
        report("call", got);
        report("ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        report("in-time", py.withTimeout(Duration.ofSeconds(30), () -> py.eval("sum(range(1000))")));
        py.exec("import time\ntime.sleep(0.5)"); // longer than the first deadline: nothing left over fires
        report("after", py.eval("6 * 7"));
        try {
            py.withTimeout(Duration.ofMillis(200), () -> {
                py.exec("try:\n    while True:\n        pass\nexcept KeyboardInterrupt as e:\n    caught = type(e)\n");
                return null;
            });
        } catch (RuntimeException e) {
            report("handled", describe(e));
        }
        report("handled", py.eval("caught.__module__ + '.' + caught.__name__ + ' ' + caught.__mro__[1].__name__"));
    }

    /** withTimeout around runFile of a script blocked in time.sleep on the main thread. */
    private static void timeoutMain(Interpreter py, Path marker) throws IOException {
        Path script = Files.createTempFile("pyhost-cancel", ".py");
        Files.writeString(script, "import time\ntime.sleep(30)\n");
        long t0 = System.nanoTime();
        RunOutcome outcome = py.withTimeout(Duration.ofMillis(500), () -> py.runFile(script));
        report("outcome", outcome);
        report("ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        report("after", py.eval("6 * 7"));
    }

    /** Thread.interrupt() of a thread running a CPU loop in Python. */
    private static void threadInterrupt(Interpreter py, Path marker) throws Exception {
        AtomicReference<String> got = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                py.exec("import pathlib\npathlib.Path(marker).touch()\nwhile True:\n    pass\n");
                got.set("returned");
            } catch (RuntimeException e) {
                got.set(describe(e));
            }
            flag.set(Thread.currentThread().isInterrupted());
        });
        awaitMarker(marker);
        long t0 = System.nanoTime();
        caller.interrupt();
        caller.join(60_000);
        report("call", got.get());
        report("still-interrupted", flag.get());
        report("ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        Files.delete(marker);
        Thread virtual = Thread.ofVirtual().start(() -> {
            try {
                py.exec("import pathlib\npathlib.Path(marker).touch()\nwhile True:\n    pass\n");
                got.set("returned");
            } catch (RuntimeException e) {
                got.set(describe(e));
            }
        });
        awaitMarker(marker);
        virtual.interrupt();
        virtual.join(60_000);
        report("virtual", got.get());
        report("after", py.eval("6 * 7"));
    }

    /**
     * close() with non-daemon Python threads that never end: one started by main code (non-daemon as in python),
     * one started by a call from Java (daemon unless asked otherwise, since the caller's thread is a daemon
     * thread to Python), and one that ends by itself in time.
     */
    private static void closeNonDaemon(PythonRuntime runtime, Interpreter py) throws IOException {
        Path script = Files.createTempFile("pyhost-cancel", ".py");
        Files.writeString(script, "import threading, time\n"
                + "threading.Thread(target=lambda: time.sleep(3600), name='sleeper').start()\n");
        report("run", py.runFile(script));
        py.exec("import threading, time\n"
                + "threading.Thread(target=lambda: time.sleep(3600), name='sleeper-2', daemon=False).start()\n"
                + "done = []\n"
                + "threading.Thread(target=lambda: (time.sleep(0.2), done.append(1)), daemon=False).start()\n");
        long t0 = System.nanoTime();
        runtime.close();
        report("ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        report("abandoned", runtime.abandoned());
        report("open", py.isOpen());
    }

    /** close() while a caller's thread is blocked in time.sleep, which nothing can cut short. */
    private static void closeStuckCall(PythonRuntime runtime, Interpreter py, Path marker) throws Exception {
        Thread stuck = Thread.ofPlatform().daemon(true).name("stuck-caller").start(() -> {
            try {
                py.exec("import pathlib, time\npathlib.Path(marker).touch()\ntime.sleep(3600)\n");
            } catch (RuntimeException e) {
                System.out.println("stuck\t" + describe(e));
            }
        });
        awaitMarker(marker);
        long t0 = System.nanoTime();
        runtime.close();
        report("ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        report("abandoned", runtime.abandoned());
        String next;
        try {
            py.eval("1");
            next = "ran";
        } catch (RuntimeException e) {
            next = e.getClass().getSimpleName();
        }
        report("next-call", next);
        report("stuck-alive", stuck.isAlive());
    }
}
