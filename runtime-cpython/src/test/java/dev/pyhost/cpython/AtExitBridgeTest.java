package dev.pyhost.cpython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The interpreter-exit bridge, called through its real upcall stub from native code as CPython would call it.
 * An exception escaping an upcall ends the JVM, so a regression fails this test by killing the test JVM.
 */
class AtExitBridgeTest {
    private static void callFromC(MemorySegment stub) throws Throwable {
        MethodHandle call = Downcalls.bind(stub, FunctionDescriptor.ofVoid(Downcalls.C_POINTER), "unused");
        call.invokeExact(MemorySegment.NULL);
    }

    @Test
    void theWorkRunsOnceWhicheverOfUpcallAndReturnComesFirst() throws Throwable {
        AtomicInteger runs = new AtomicInteger();
        try (AtExitBridge bridge = new AtExitBridge()) {
            bridge.arm(runs::incrementAndGet);
            MemorySegment stub = bridge.stub();
            assertSame(stub, bridge.stub(), "one upcall per bridge");
            callFromC(stub);
            assertEquals(1, runs.get());
            bridge.runOnce();
            callFromC(stub);
            assertEquals(1, runs.get());
        }
        try (AtExitBridge bridge = new AtExitBridge()) {
            bridge.arm(runs::incrementAndGet);
            bridge.runOnce();
            callFromC(bridge.stub());
            assertEquals(2, runs.get());
        }
    }

    @Test
    void theUpcallReportsWhatTheWorkThrowsAndReturns() throws Throwable {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (AtExitBridge bridge = new AtExitBridge()) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            bridge.arm(() -> {
                throw new IllegalStateException("handler failed");
            });
            callFromC(bridge.stub());
            bridge.arm(() -> {
                throw new StackOverflowError("deep");
            });
            callFromC(bridge.stub());
        } finally {
            System.setErr(err);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains(
                "Exception ignored at interpreter exit: java.lang.IllegalStateException: handler failed"), text);
        assertTrue(text.contains("Exception ignored at interpreter exit: java.lang.StackOverflowError: deep"), text);
    }
}
