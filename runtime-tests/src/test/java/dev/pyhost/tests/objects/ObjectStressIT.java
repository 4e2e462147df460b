package dev.pyhost.tests.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonObject;
import dev.pyhost.api.PythonScope;
import dev.pyhost.testkit.PyHostTest;
import dev.pyhost.testkit.RuntimeLifecycle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * 1,000 threads at once, half platform and half virtual, each making calls (eval, calls with arguments, Java
 * functions called back from Python, scopes of its own) and releasing handles (closed, or dropped for the cleaner);
 * three rounds. Every result must be right, no round may hang, and afterwards nothing may be left: no live tracked
 * Python object, Python's allocated blocks after the third round within a bound of the first (handles released,
 * thread states of ended threads deleted with what they hold), and resident memory as a gross check: its bound
 * leaves room for the JVM's heap, which grows with 1,000 threads a round when this class shares a JVM with others.
 */
@PyHostTest(lifecycle = RuntimeLifecycle.PER_CLASS)
class ObjectStressIT {
    private static final int THREADS = 1_000;
    private static final int CALLS = 20;

    @Test
    void thousandMixedThreadsCallAndReleaseWithoutLeakOrDeadlock(Interpreter py) throws Exception {
        try (PythonScope shared = py.newScope()) {
            shared.exec("import weakref\nclass Tracked:\n    def __init__(self, n):\n        self.n = n\n"
                    + "alive = weakref.WeakSet()\n"
                    + "def make(n):\n    t = Tracked(n)\n    alive.add(t)\n    return t\n"
                    + "def apply(f, x):\n    return f(x) + 1\n");
            shared.exec("import gc, sys");
            long[] rss = new long[3];
            long[] blocks = new long[3];
            for (int round = 0; round < 3; round++) {
                runRound(py, shared, round);
                awaitReleased(shared);
                blocks[round] = shared.eval("(gc.collect(), sys.getallocatedblocks())[1]", Long.class);
                rss[round] = residentKb();
            }
            assertEquals(0L, shared.eval("len(alive)", Long.class), "every handle released its object");
            // One round makes 20,000 tracked objects and 1,000 thread states: keeping a tenth of either would show.
            System.out.println("ObjectStressIT on " + py.version() + ": allocated blocks " + java.util.Arrays.toString(blocks)
                    + ", resident kB " + java.util.Arrays.toString(rss));
            long kept = blocks[2] - blocks[0];
            assertTrue(kept < 2_000, "Python kept " + kept + " more allocated blocks after round 3 than after round 1 "
                    + "(rounds: " + blocks[0] + ", " + blocks[1] + ", " + blocks[2] + ")");
            long growth = rss[2] - rss[0];
            assertTrue(growth < 128 * 1024, "resident memory grew by " + growth + " kB from round 1 to round 3 "
                    + "(rounds: " + rss[0] + ", " + rss[1] + ", " + rss[2] + " kB)");
        }
    }

    private static void runRound(Interpreter py, PythonScope shared, int round) throws InterruptedException {
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger done = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(THREADS);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Runnable work = () -> {
                try {
                    Function<Object, Object> square = x -> (Long) x * (Long) x;
                    try (PythonObject make = shared.get("make", PythonObject.class);
                            PythonObject apply = shared.get("apply", PythonObject.class);
                            PythonScope own = py.newScope()) {
                        own.set("id", id);
                        for (int i = 0; i < CALLS; i++) {
                            long expected = (long) id * i;
                            assertEquals(expected, own.eval("id * " + i, Long.class));
                            PythonObject tracked = make.call(expected);
                            assertEquals(expected, tracked.attr("n", Long.class));
                            if (i % 2 == 0) {
                                tracked.close();
                            } // odd ones are dropped: the cleaner releases them
                            assertEquals((long) i * i + 1, apply.invoke(Long.class, square, i));
                        }
                    }
                    done.incrementAndGet();
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    finished.countDown();
                }
            };
            threads.add(t % 2 == 0 ? Thread.ofPlatform().name("stress-" + round + "-" + t).start(work)
                    : Thread.ofVirtual().name("stress-v-" + round + "-" + t).start(work));
        }
        boolean ended = finished.await(10, TimeUnit.MINUTES);
        assertTrue(ended, "round " + round + " did not end within 10 minutes: " + (THREADS - finished.getCount())
                + " of " + THREADS + " threads finished (a deadlock)");
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            AssertionError e = new AssertionError(failures.size() + " threads failed in round " + round);
            failures.stream().limit(5).forEach(e::addSuppressed);
            throw e;
        }
        assertEquals(THREADS, done.get());
    }

    /** Awaits the cleaner: dropped handles are released at the next call after the GC found them. */
    private static void awaitReleased(PythonScope shared) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (shared.eval("len(alive)", Long.class) > 0 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
    }

    private static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }
}
