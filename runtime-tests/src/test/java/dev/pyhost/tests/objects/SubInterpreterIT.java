package dev.pyhost.tests.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pyhost.api.ConfigurationException;
import dev.pyhost.api.ConversionException;
import dev.pyhost.api.InterpreterKind;
import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PythonException;
import dev.pyhost.api.PythonObject;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.SubInterpreter;
import dev.pyhost.api.SubInterpreterConfig;
import dev.pyhost.testkit.PyHostTest;
import dev.pyhost.testkit.RuntimeLifecycle;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sub-interpreters against real CPython (3.10-3.14 with the other object suites; isolated ones on 3.12+, where a
 * 3.10 or 3.11 runtime must refuse them before any native call): isolation, the object API on each kind, handles
 * refused across interpreters, {@code atexit} and exit handlers per interpreter, closing with busy interpreters.
 */
@PyHostTest(lifecycle = RuntimeLifecycle.PER_METHOD)
class SubInterpreterIT {

    private static boolean isolatedSupported(PythonRuntime runtime) {
        return InterpreterKind.ISOLATED.supportedOn(runtime.interpreter().version());
    }

    private static SubInterpreterConfig isolatedOrShared(PythonRuntime runtime) {
        return isolatedSupported(runtime) ? SubInterpreterConfig.isolated() : SubInterpreterConfig.sharedGil();
    }

    @Test
    void isolatedInterpretersNeed312(PythonRuntime runtime) {
        if (isolatedSupported(runtime)) {
            try (SubInterpreter sub = runtime.newInterpreter(SubInterpreterConfig.isolated())) {
                assertEquals(InterpreterKind.ISOLATED, sub.kind());
                assertTrue(sub.id() > 0, "sub-interpreters have ids above the main one's 0: " + sub.id());
            }
        } else {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> runtime.newInterpreter(SubInterpreterConfig.isolated()));
            assertTrue(e.getMessage().contains("3.12"), e.getMessage());
            ConfigurationException legacyOnly = assertThrows(ConfigurationException.class,
                    () -> runtime.newInterpreter(SubInterpreterConfig.sharedGil().withFork(false)));
            assertTrue(legacyOnly.getMessage().contains("PyInterpreterConfig"), legacyOnly.getMessage());
        }
    }

    @Test
    void combinationsCPythonWouldCrashOnAreRefusedFirst(PythonRuntime runtime) {
        assumeTrue(isolatedSupported(runtime), "PyInterpreterConfig exists from CPython 3.12");
        assertThrows(ConfigurationException.class,
                () -> runtime.newInterpreter(SubInterpreterConfig.isolated().withAllocator(true, true)));
        assertThrows(ConfigurationException.class,
                () -> runtime.newInterpreter(SubInterpreterConfig.sharedGil().withAllocator(false, false)));
        assertThrows(ConfigurationException.class,
                () -> new SubInterpreterConfig(InterpreterKind.MAIN, true, true, true, true, true, false));
        assertEquals(4, runtime.interpreter().eval("2 + 2", Integer.class), "the runtime is unharmed");
    }

    @Test
    void globalsAndModulesAreIsolated(PythonRuntime runtime) {
        for (SubInterpreterConfig config : kinds(runtime)) {
            runtime.interpreter().exec("import sys\nsys.pyhost_mark = 'main'\nshared_name = 1");
            try (SubInterpreter a = runtime.newInterpreter(config); SubInterpreter b = runtime.newInterpreter(config)) {
                a.exec("import sys\nsys.pyhost_mark = 'a'\nonly_in_a = 41");
                assertEquals(42, a.eval("only_in_a + 1", Integer.class));
                assertEquals(false, b.eval("'only_in_a' in globals()", Boolean.class), config.toString());
                assertEquals(false, b.eval("'shared_name' in globals()", Boolean.class), config.toString());
                b.exec("import sys");
                assertEquals(false, b.eval("hasattr(sys, 'pyhost_mark')", Boolean.class));
                assertEquals("a", a.eval("sys.pyhost_mark", String.class));
                assertEquals("main", runtime.interpreter().eval("sys.pyhost_mark", String.class));
                assertTrue(a.eval("__import__('_interpreters' if __import__('sys').version_info >= (3, 13) "
                        + "else '_xxsubinterpreters').get_current()", Object.class) != null);
            }
        }
    }

    @Test
    void theObjectApiWorksOnEveryKind(PythonRuntime runtime) throws InterruptedException {
        for (SubInterpreterConfig config : kinds(runtime)) {
            try (SubInterpreter sub = runtime.newInterpreter(config)) {
                sub.exec("def add(a, b):\n    return a + b\nclass Box:\n    def __init__(self, v):\n        self.v = v\n");
                assertEquals(5L, sub.call("add", 2, 3));
                try (PythonObject box = sub.eval("Box([1, 2, 3])", PythonObject.class)) {
                    assertEquals(List.of(1L, 2L, 3L), box.attr("v", List.class));
                }
                try (PythonObject json = sub.importModule("json")) {
                    assertEquals("[1, 2]", json.invokeMethod("dumps", String.class, List.of(1, 2)));
                }
                PythonException e = assertThrows(PythonException.class, () -> sub.exec("1 / 0"));
                assertEquals("ZeroDivisionError", e.typeName());
                sub.set("fromJava", java.util.Map.of("k", 7));
                assertEquals(7L, sub.eval("fromJava['k']"));
                // Virtual threads (pinned to their carrier for the call) and a Java function called back from Python
                List<Object> fromVirtual = new CopyOnWriteArrayList<>();
                List<Thread> virtuals = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    int n = i;
                    virtuals.add(Thread.ofVirtual().start(() -> fromVirtual.add(sub.call("add", n, 1))));
                }
                for (Thread v : virtuals) {
                    v.join();
                }
                assertEquals(20, fromVirtual.size());
                sub.set("twice", (java.util.function.Function<Long, Long>) x -> x * 2);
                assertEquals(42L, sub.eval("twice(add(20, 1))"));
            }
        }
    }

    @Test
    void aHandleOfAnotherInterpreterIsRefused(PythonRuntime runtime) {
        try (SubInterpreter sub = runtime.newInterpreter(isolatedOrShared(runtime));
                PythonObject mainList = runtime.interpreter().eval("[1, 2]", PythonObject.class);
                PythonObject subList = sub.eval("[3]", PythonObject.class)) {
            ConversionException e = assertThrows(ConversionException.class, () -> sub.call("len", mainList));
            assertTrue(e.getMessage().contains("another"), e.getMessage());
            assertThrows(ConversionException.class, () -> runtime.interpreter().call("len", subList));
            assertEquals(1L, sub.call("len", subList));
        }
    }

    @Test
    void closingRunsAtexitThenTheExitHandlers(PythonRuntime runtime) {
        List<String> events = new CopyOnWriteArrayList<>();
        SubInterpreter sub = runtime.newInterpreter(isolatedOrShared(runtime));
        sub.exec("import atexit, sys\natexit.register(lambda: print('atexit in sub', flush=True))");
        sub.atExit(exit -> events.add("first:" + exit.status().code()));
        sub.atExit(exit -> events.add("second"));
        sub.close();
        sub.close(); // idempotent
        assertEquals(List.of("second", "first:0"), events, "exit handlers run once, newest first");
        assertFalse(sub.isOpen());
        assertThrows(LifecycleException.class, () -> sub.eval("1"));
        assertThrows(LifecycleException.class, () -> sub.atExit(exit -> { }));
        assertEquals(3, runtime.interpreter().eval("1 + 2", Integer.class), "the main interpreter goes on");
    }

    @Test
    void outputAndAtexitOutputGoThroughTheRuntimesStreams(PythonRuntime runtime) {
        // The kit's runtimes use StandardStreams.java(): System.out as it is at write time.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        java.io.PrintStream saved = System.out;
        System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            SubInterpreter sub = runtime.newInterpreter(isolatedOrShared(runtime));
            sub.exec("import atexit\natexit.register(print, 'bye from', 'sub')\nprint('hello from sub')");
            sub.close();
        } finally {
            System.setOut(saved);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("hello from sub\n"), text);
        assertTrue(text.contains("bye from sub\n"), text);
    }

    @Test
    void runFileAndRunModuleWork(PythonRuntime runtime, @TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("prog.py"), "import sys\nresult = sys.argv[1:]\nraise SystemExit(3)\n");
        try (SubInterpreter sub = runtime.newInterpreter(isolatedOrShared(runtime))) {
            assertEquals(new RunOutcome.Exited(3), sub.runFile(script, List.of("x", "y")));
            assertTrue(sub.runModule("this").status() == 0);
            RunOutcome raised = sub.runFile(Files.writeString(dir.resolve("bad.py"), "1/0\n"));
            assertTrue(raised instanceof RunOutcome.Raised r && r.exception().typeName().equals("ZeroDivisionError"),
                    raised.toString());
        }
    }

    @Test
    void closingTheRuntimeClosesItsSubInterpretersFirst(PythonRuntime runtime) {
        List<String> events = new CopyOnWriteArrayList<>();
        SubInterpreter a = runtime.newInterpreter(isolatedOrShared(runtime));
        SubInterpreter b = runtime.newInterpreter(isolatedOrShared(runtime));
        a.atExit(exit -> events.add("a"));
        b.atExit(exit -> events.add("b"));
        runtime.atExit(exit -> events.add("runtime"));
        runtime.close();
        assertEquals(List.of("b", "a", "runtime"), events);
        assertFalse(a.isOpen());
        assertFalse(b.isOpen());
    }

    @Test
    void interruptAndTimeoutCancelCallsInASubInterpreter(PythonRuntime runtime) throws Exception {
        try (SubInterpreter sub = runtime.newInterpreter(isolatedOrShared(runtime))) {
            PythonException timedOut = assertThrows(PythonException.class,
                    () -> sub.withTimeout(Duration.ofMillis(200), () -> {
                        sub.exec("while True: pass");
                        return null;
                    }));
            assertEquals("pyhost.Timeout", timedOut.typeName());
            CountDownLatch started = new CountDownLatch(1);
            List<Throwable> seen = new CopyOnWriteArrayList<>();
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    sub.set("started", (Runnable) started::countDown);
                    sub.exec("started()\nwhile True: pass");
                } catch (Throwable e) {
                    seen.add(e);
                }
            });
            assertTrue(started.await(30, TimeUnit.SECONDS));
            while (sub.interrupt() == 0) {
                Thread.onSpinWait();
            }
            t.join(30_000);
            assertFalse(t.isAlive());
            assertTrue(seen.getFirst() instanceof PythonException p && p.typeName().equals("KeyboardInterrupt"),
                    seen.toString());
        }
    }

    @Test
    void boundedCloseOfTheRuntimeWithBusySubInterpreters(PythonRuntime runtime) throws Exception {
        SubInterpreter sub = runtime.newInterpreter(isolatedOrShared(runtime));
        CountDownLatch started = new CountDownLatch(1);
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                sub.set("started", (Runnable) started::countDown);
                sub.exec("started()\nimport time\nwhile True: time.sleep(0.01)");
            } catch (PythonException expected) {
                // interrupted by the bounded close
            }
        });
        assertTrue(started.await(30, TimeUnit.SECONDS));
        long begin = System.nanoTime();
        runtime.close();
        long millis = (System.nanoTime() - begin) / 1_000_000;
        t.join(30_000);
        assertFalse(t.isAlive(), "the busy call was interrupted");
        assertFalse(sub.isOpen());
        assertTrue(millis < 30_000, "closed in " + millis + " ms");
    }

    @Test
    void anInterpreterWhoseThreadDoesNotEndIsLeftRunningAndSaysSo(PythonRuntime runtime) {
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        List<String> events = new CopyOnWriteArrayList<>();
        SubInterpreter sub = runtime.newInterpreter(isolatedOrShared(runtime));
        sub.atExit(exit -> events.add("handler:" + exit.status().code()));
        sub.set("keep_going", (java.util.function.Supplier<Boolean>) () -> !released.get());
        sub.exec("import threading, time\n"
                + "def spin():\n    while keep_going():\n        time.sleep(0.01)\n"
                + "threading.Thread(target=spin, name='spinner').start()");
        LifecycleException e = assertThrows(LifecycleException.class, sub::close);
        assertTrue(e.getMessage().contains("spinner"), e.getMessage());
        assertFalse(sub.isOpen());
        assertThrows(LifecycleException.class, () -> sub.eval("1"));
        assertTrue(runtime.abandoned().stream().anyMatch(a -> a.contains("sub-interpreter " + sub.id())),
                runtime.abandoned().toString());
        assertEquals(List.of("handler:1"), events, "its exit handlers ran once, told it failed");
        released.set(true);
        sub.close(); // its thread ended: this attempt ends it
        assertEquals(List.of("handler:1"), events);
        assertEquals(2L, runtime.interpreter().eval("1 + 1"), "the runtime goes on and closes normally");
    }

    @Test
    void manyInterpretersComeAndGoWhileCallsRun(PythonRuntime runtime) throws Exception {
        SubInterpreterConfig config = isolatedOrShared(runtime);
        long before = residentKb();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < 2000 && failures.isEmpty(); i++) {
                    assertEquals(i * 2L, runtime.interpreter().eval(i + " * 2"));
                }
            } catch (Throwable e) {
                failures.add(e);
            }
        });
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < 100; i++) {
                        try (SubInterpreter sub = runtime.newInterpreter(config)) {
                            assertEquals(10L, sub.eval("sum(range(5))"));
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        caller.join();
        assertEquals(List.of(), failures);
        long growth = residentKb() - before;
        System.out.println("200 " + config.kind() + " interpreters on " + runtime.interpreter().version()
                + ": RSS grew by " + growth + " kB");
    }

    @Test
    void pythonsOwnInterpreterModulesKeepWorking(PythonRuntime runtime) throws Exception {
        String code = "try:\n    import _interpreters as I\nexcept ImportError:\n    import _xxsubinterpreters as I\n"
                + "def made_by_python():\n    i = I.create()\n    run = getattr(I, 'run_string', None) or I.exec\n"
                + "    run(i, 'x = 1')\n    I.destroy(i)\n    return len(I.list_all())\n";
        runtime.interpreter().exec(code);
        assertEquals(1L, runtime.interpreter().call("made_by_python"), "from the test's thread");
        Object[] fromVirtual = new Object[1];
        Thread.ofVirtual().start(() -> fromVirtual[0] = runtime.interpreter().call("made_by_python")).join();
        assertEquals(1L, fromVirtual[0], "from a virtual thread");
        try (SubInterpreter sub = runtime.newInterpreter(isolatedOrShared(runtime))) {
            sub.exec(code);
            assertEquals(2L, sub.call("made_by_python"), "from inside a PyHost sub-interpreter: main and it remain");
        }
        if (runtime.interpreter().version().minor() >= 14) {
            runtime.interpreter().exec("from concurrent import interpreters\n"
                    + "from concurrent.futures import InterpreterPoolExecutor\n"
                    + "with InterpreterPoolExecutor(2) as ex:\n    powers = list(ex.map(pow, [2, 3], [10, 10]))\n"
                    + "ci = interpreters.create()\ncalled = ci.call(pow, 2, 5)\nci.close()\n");
            assertEquals(List.of(1024L, 59049L), runtime.interpreter().get("powers"));
            assertEquals(32L, runtime.interpreter().get("called"));
        }
        assertEquals(3L, runtime.interpreter().eval("1 + 2"));
    }

    @Test
    void residentMemoryOfCreatingAndClosingInterpreters(PythonRuntime runtime) throws Exception {
        SubInterpreterConfig config = isolatedOrShared(runtime);
        long[] rss = new long[5];
        for (int round = 0; round < rss.length; round++) {
            if (round > 0) {
                for (int i = 0; i < 50; i++) {
                    try (SubInterpreter sub = runtime.newInterpreter(config)) {
                        sub.exec("x = sum(range(5))");
                    }
                }
            }
            System.gc();
            rss[round] = residentKb();
        }
        long perInterpreter = (rss[4] - rss[2]) / 100;
        System.out.println("RSS after 0/50/100/150/200 " + config.kind() + " interpreters on "
                + runtime.interpreter().version() + ": " + java.util.Arrays.toString(rss) + " kB; the last 100 added "
                + perInterpreter + " kB each");
        // CPython's own growth per created-and-destroyed isolated interpreter, measured with python3 itself
        // (_interpreters.create/destroy, 200 times): 3.12 1.7 MB, 3.13 1.7 MB, 3.14 6 kB. 3.12 and 3.13 keep an
        // ended isolated interpreter's whole allocator, so what PyHost allocated in it (the standard-stream bridge)
        // is kept as well: 768 kB are allowed on top there, 256 kB on 3.14, where nothing of it is kept.
        int minor = runtime.interpreter().version().minor();
        boolean keepsArenas = config.kind() == InterpreterKind.ISOLATED && minor < 14;
        long bound = keepsArenas ? 1_800 + 768 : 100 + 256;
        assertTrue(perInterpreter < bound, "RSS grew by " + perInterpreter + " kB per interpreter: "
                + java.util.Arrays.toString(rss));
    }

    private static List<SubInterpreterConfig> kinds(PythonRuntime runtime) {
        return isolatedSupported(runtime) ? List.of(SubInterpreterConfig.isolated(), SubInterpreterConfig.sharedGil())
                : List.of(SubInterpreterConfig.sharedGil());
    }

    static long residentKb() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS");
    }
}
