package dev.pyhost.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.ExitStatus;
import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.StandardStreams;
import dev.pyhost.api.backend.RuntimeOptions;
import dev.pyhost.api.spi.ExitContext;
import dev.pyhost.api.spi.ExitHandler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Exit-handler order, once-only, failures and bounds, with a fake native runtime (no Python). */
class ExitHandlersTest {
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private ExitHandler handler(String id, int order) {
        return new ExitHandler() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public int order() {
                return order;
            }

            @Override
            public void onExit(ExitContext context) {
                log.add(id + " " + context.status().code() + context.data().map(d -> " data=" + d).orElse(""));
            }
        };
    }

    private PythonRuntime runtime(FakeBackendRuntime fake, List<ExitHandler> discovered, Duration handlerTimeout) {
        RuntimeOptions options = new RuntimeOptions(RuntimeConfig.builder().build(), false, false, false, false,
                getClass().getClassLoader(), Map.of(), Path.of("").toAbsolutePath(), null, List.of(), List.of(),
                List.of(), List.of(), PythonRuntime.JvmShutdown.NOTHING, handlerTimeout, Duration.ofSeconds(1),
                StandardStreams.inherit());
        return new ManagedRuntime(options, fake,
                Plugins.of(CoreRuntimeFactory.MODES, CoreRuntimeFactory.builtinModes(), false,
                        getClass().getClassLoader(), List.of()),
                Plugins.of(CoreRuntimeFactory.EXIT_HANDLERS, List.of(), false, getClass().getClassLoader(),
                        discovered));
    }

    @Test
    void pythonAtexitThenRegisteredLastFirstThenDiscoveredByOrder() {
        FakeBackendRuntime fake = new FakeBackendRuntime(log);
        fake.steps.outcome = new RunOutcome.Exited(3);
        PythonRuntime rt = runtime(fake, List.of(handler("late", 10), handler("early", -5)), Duration.ofSeconds(5));
        rt.atExit(handler("first", 0), "A").atExit(handler("second", 0), "B");
        ExitStatus status = rt.runMain();
        assertEquals(ExitStatus.of(3), status);
        assertEquals(List.of("python atexit", "second 3 data=B", "first 3 data=A", "early 3", "late 3", "finalized"), log);
        rt.close();
        assertEquals(6, log.size(), "every handler ran exactly once: " + log);
        assertThrows(LifecycleException.class, () -> rt.atExit(handler("too-late", 0), null));
    }

    @Test
    void aThrowingHandlerIsReportedAndTheOthersRunWithTheStatusUnchanged() {
        FakeBackendRuntime fake = new FakeBackendRuntime(log);
        fake.steps.outcome = new RunOutcome.Exited(4);
        ExitHandler boom = new ExitHandler() {
            @Override
            public String id() {
                return "boom";
            }

            @Override
            public void onExit(ExitContext context) {
                throw new IllegalStateException("handler failed on purpose");
            }
        };
        PythonRuntime rt = runtime(fake, List.of(boom, handler("after", 1)), Duration.ofSeconds(5));
        String err = captureErr(() -> assertEquals(ExitStatus.of(4), rt.runMain()));
        assertTrue(err.startsWith("Exception ignored in exit handler 'boom':\njava.lang.IllegalStateException: "
                + "handler failed on purpose"), err);
        assertTrue(log.contains("after 4"), log.toString());
    }

    @Test
    void aBlockingHandlerIsAbandonedAfterTheBoundAndReported() {
        FakeBackendRuntime fake = new FakeBackendRuntime(log);
        CountDownLatch never = new CountDownLatch(1);
        ExitHandler stuck = new ExitHandler() {
            @Override
            public String id() {
                return "stuck";
            }

            @Override
            public void onExit(ExitContext context) throws InterruptedException {
                never.await();
            }
        };
        PythonRuntime rt = runtime(fake, List.of(stuck, handler("next", 1)), Duration.ofMillis(200));
        String err = captureErr(() -> assertEquals(ExitStatus.of(0), rt.runMain()));
        assertTrue(err.contains("exit handler 'stuck' did not finish within 200 ms"), err);
        assertTrue(log.contains("next 0"), log.toString());
        never.countDown();
    }

    @Test
    void flushFailureAndInterruptComposeTheStatus() {
        FakeBackendRuntime fake = new FakeBackendRuntime(log);
        fake.finalizeResult = -1;
        fake.steps.outcome = new RunOutcome.Exited(7);
        assertEquals(ExitStatus.of(120), runtime(fake, List.of(), Duration.ofSeconds(1)).runMain());
        FakeBackendRuntime interrupted = new FakeBackendRuntime(log);
        interrupted.finalizeResult = -1;
        interrupted.steps.interrupted = true;
        assertEquals(new ExitStatus(130, true), runtime(interrupted, List.of(), Duration.ofSeconds(1)).runMain());
    }

    @Test
    void abandoningRunsTheHandlersOnceWithoutFinalizing() {
        FakeBackendRuntime fake = new FakeBackendRuntime(log);
        PythonRuntime rt = runtime(fake, List.of(handler("h", 0)), Duration.ofSeconds(1));
        rt.abandon(new ExitStatus(143, false));
        rt.abandon(new ExitStatus(143, false));
        assertEquals(List.of("h 143"), log);
        assertEquals(0, fake.finalizeCalls);
    }

    private static String captureErr(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
