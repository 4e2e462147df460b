package dev.pyhost.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.pyhost.api.ExitStatus;
import dev.pyhost.api.Interpreter;
import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.testkit.internal.RuntimeSlot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The lifecycles of the runtime the extension gives, each run as its own JUnit run (EngineTestKit) over fixture
 * classes that note the runtimes they were given. The fixtures use settings of their own, so that their shared
 * runtime is not the one other test classes of this JVM share.
 */
class LifecycleTest {
    /** What the fixtures saw, in order: a label and the runtime. */
    static final List<Seen> SEEN = Collections.synchronizedList(new ArrayList<>());

    record Seen(String label, PythonRuntime runtime, boolean previousOpen) {
    }

    @BeforeEach
    void forget() {
        SEEN.clear();
    }

    private static EngineExecutionResults run(Class<?>... classes) {
        var request = EngineTestKit.engine("junit-jupiter");
        for (Class<?> c : classes) {
            request = request.selectors(selectClass(c));
        }
        return request.execute();
    }

    private static void note(String label, PythonRuntime runtime) {
        boolean previousOpen = !SEEN.isEmpty() && RuntimeSlot.isOpen(SEEN.getLast().runtime());
        SEEN.add(new Seen(label, runtime, previousOpen));
    }

    @Test
    void perRunIsOneRuntimeForEveryClassAndEndsWithTheRun() {
        run(SharedA.class, SharedB.class).testEvents().assertStatistics(s -> s.succeeded(3).failed(0));
        assertEquals(3, SEEN.size(), SEEN.toString());
        assertSame(SEEN.get(0).runtime(), SEEN.get(1).runtime());
        assertSame(SEEN.get(0).runtime(), SEEN.get(2).runtime(), "the same runtime in another class");
        assertFalse(RuntimeSlot.isOpen(SEEN.get(0).runtime()), "JUnit's root store closed it when the run ended");
    }

    @Test
    void perClassIsOneRuntimePerClassClosedAfterIt() {
        run(PerClassOuter.class).testEvents().assertStatistics(s -> s.succeeded(4).failed(0));
        assertEquals(List.of("first.a", "first.b", "second.a", "second.b"), SEEN.stream().map(Seen::label).toList());
        assertSame(SEEN.get(0).runtime(), SEEN.get(1).runtime(), "one runtime for the methods of a class");
        assertNotSame(SEEN.get(1).runtime(), SEEN.get(2).runtime(), "another class, another runtime");
        assertFalse(SEEN.get(2).previousOpen(), "the first class's runtime was closed after its last test");
        assertFalse(RuntimeSlot.isOpen(SEEN.get(3).runtime()));
    }

    @Test
    void perMethodIsOneRuntimePerMethodThatMayRunMain() {
        EngineExecutionResults results = run(PerMethod.class);
        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        assertEquals(2, SEEN.size());
        assertNotSame(SEEN.get(0).runtime(), SEEN.get(1).runtime());
        assertFalse(SEEN.get(1).previousOpen(), "each method's runtime is closed after it");
        assertFalse(RuntimeSlot.isOpen(SEEN.get(1).runtime()));
    }

    @Test
    void aSharedRuntimeThatMayNotRestartMakesANewcomerFailWithAReason() {
        EngineExecutionResults results = run(NotRestartable.class);
        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
        Event failed = results.testEvents().failed().list().getFirst();
        Throwable t = failed.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
        while (t.getCause() != null && !(t instanceof LifecycleException)) {
            t = t.getCause();
        }
        assertTrue(t instanceof LifecycleException, String.valueOf(t));
        assertTrue(t.getMessage().contains("restartable = false") && t.getMessage().contains("one CPython at a time"),
                t.getMessage());
    }

    @Test
    void aRestartableSharedRuntimeMakesRoomAndComesBack() {
        run(RestartOuter.class).testEvents().assertStatistics(s -> s.succeeded(3).failed(0));
        assertEquals(List.of("shared", "own", "shared again"), SEEN.stream().map(Seen::label).toList());
        assertFalse(RuntimeSlot.isOpen(SEEN.get(0).runtime()), "finalized to make room for the PER_METHOD one");
        assertNotSame(SEEN.get(0).runtime(), SEEN.get(2).runtime(), "started again when next asked for");
    }

    /** Shared runtime, first class. */
    @PyHostTest(settings = "optimization_level=1")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class SharedA {
        @Test
        @Order(1)
        void one(PythonRuntime runtime) {
            note("A.one", runtime);
        }

        @Test
        @Order(2)
        void two(Interpreter py, PythonRuntime runtime) {
            assertEquals(1L, py.eval("__import__('sys').flags.optimize"), "the settings apply");
            note("A.two", runtime);
        }
    }

    /** Shared runtime, second class. */
    @PyHostTest(settings = "optimization_level=1")
    static class SharedB {
        @Test
        void one(PythonRuntime runtime) {
            note("B.one", runtime);
        }
    }

    /** Two classes with a runtime each. */
    @TestClassOrder(ClassOrderer.OrderAnnotation.class)
    static class PerClassOuter {
        @Nested
        @Order(1)
        @PyHostTest(lifecycle = RuntimeLifecycle.PER_CLASS)
        @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
        class First {
            static PythonRuntime fromBeforeAll;

            @BeforeAll
            static void before(PythonRuntime runtime, Interpreter py) {
                fromBeforeAll = runtime;
                py.exec("from_before_all = True");
            }

            @Test
            @Order(1)
            void a(PythonRuntime runtime, Interpreter py) {
                assertSame(fromBeforeAll, runtime, "@BeforeAll gets the class's runtime");
                assertEquals(true, py.eval("from_before_all"), "what @BeforeAll set up stays for the class");
                py.exec("from_a = 1");
                note("first.a", runtime);
            }

            @Test
            @Order(2)
            void b(PythonRuntime runtime, Interpreter py) {
                assertEquals(false, py.eval("'from_a' in globals()"), "a method's globals are gone");
                note("first.b", runtime);
            }
        }

        @Nested
        @Order(2)
        @PyHostTest(lifecycle = RuntimeLifecycle.PER_CLASS)
        @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
        class Second {
            @Test
            @Order(1)
            void a(PythonRuntime runtime) {
                note("second.a", runtime);
            }

            @Test
            @Order(2)
            void b(PythonRuntime runtime) {
                note("second.b", runtime);
            }
        }
    }

    /** A runtime per method, running its main module. */
    @PyHostTest(lifecycle = RuntimeLifecycle.PER_METHOD,
            settings = "run_command=import atexit; atexit.register(print, 'at exit'); print('from main'); raise SystemExit(4)")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerMethod {
        @Test
        @Order(1)
        void runsMain(PythonRuntime runtime, CapturedOutput output) {
            note("runsMain", runtime);
            assertEquals(ExitStatus.of(4), runtime.runMain());
            assertEquals("from main\nat exit\n", output.stdout(), "captured until the runtime finalized");
        }

        @Test
        @Order(2)
        void getsAFreshOne(PythonRuntime runtime) {
            note("fresh", runtime);
            assertTrue(runtime.interpreter().isOpen());
        }
    }

    /** A shared runtime that may not be finalized, then a class that needs its own. */
    @TestClassOrder(ClassOrderer.OrderAnnotation.class)
    static class NotRestartable {
        @Nested
        @Order(1)
        @PyHostTest(settings = "optimization_level=2", restartable = false)
        class Keeper {
            @Test
            void holds(Interpreter py) {
                assertEquals(2L, py.eval("__import__('sys').flags.optimize"));
            }
        }

        @Nested
        @Order(2)
        @PyHostTest(lifecycle = RuntimeLifecycle.PER_METHOD)
        class Newcomer {
            @Test
            void needsItsOwn(PythonRuntime runtime) {
                note("never", runtime);
            }
        }
    }

    /** A restartable shared runtime, a class with its own, and the shared one again. */
    @TestClassOrder(ClassOrderer.OrderAnnotation.class)
    static class RestartOuter {
        @Nested
        @Order(1)
        @PyHostTest(settings = "optimization_level=1")
        class Shared {
            @Test
            void shared(PythonRuntime runtime) {
                note("shared", runtime);
            }
        }

        @Nested
        @Order(2)
        @ExtendWith(PyHostExtension.class)
        class Own {
            @Test
            void own(PythonRuntimes runtimes) {
                PythonRuntime runtime = runtimes.start(RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED)
                        .command("pass").build());
                note("own", runtime);
                assertEquals(ExitStatus.of(0), runtime.runMain());
            }
        }

        @Nested
        @Order(3)
        @PyHostTest(settings = "optimization_level=1")
        class SharedAgain {
            @Test
            void sharedAgain(PythonRuntime runtime) {
                note("shared again", runtime);
            }
        }
    }
}
