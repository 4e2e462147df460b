package dev.pyhost.cpython.process;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the initialization flags of CPython's {@code _PyRuntime} the way {@code Py_FatalError} reports them. The
 * flags open the structure, after a debug-offsets header from 3.13 on:
 * <ul>
 * <li>3.10: {@code preinitializing, preinitialized, core_initialized, initialized} (ints), then the finalizing
 *     thread state;</li>
 * <li>3.11, 3.12: the same, after an {@code int _initialized};</li>
 * <li>3.13, 3.14: the same as 3.12, after {@code _Py_DebugOffsets}, whose header (cookie {@code "xdebugpy"},
 *     version, free-threaded flag, then {@code runtime_state.size} and {@code runtime_state.finalizing}) gives
 *     the offset of the finalizing pointer: the flags are the five ints before it and its padding.</li>
 * </ul>
 */
@SuppressWarnings("restricted") // _PyRuntime is a C global of known size per version
final class RuntimeState {
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)");
    private static final byte[] COOKIE = "xdebugpy".getBytes(StandardCharsets.US_ASCII);
    /** Where {@code runtime_state.finalizing} sits in {@code _Py_DebugOffsets} (3.13 and 3.14). */
    private static final long DEBUG_FINALIZING_OFFSET = 32;

    private RuntimeState() {
    }

    static Optional<String> read() {
        MemorySegment getVersion = Posix.globalSymbol("Py_GetVersion");
        MemorySegment runtime = Posix.globalSymbol("_PyRuntime");
        if (getVersion.address() == 0 || runtime.address() == 0) {
            return Optional.empty();
        }
        String version = Posix.callStringFunction(getVersion);
        Matcher m = VERSION.matcher(version == null ? "" : version);
        if (!m.find() || !m.group(1).equals("3")) {
            return Optional.empty();
        }
        int minor = Integer.parseInt(m.group(2));
        long finalizing;
        if (minor == 10) {
            finalizing = 16;
        } else if (minor == 11 || minor == 12) {
            finalizing = 24;
        } else if (minor == 13 || minor == 14) {
            MemorySegment header = runtime.reinterpret(DEBUG_FINALIZING_OFFSET + 8);
            if (!startsWith(header, COOKIE)) {
                return Optional.empty();
            }
            finalizing = header.get(ValueLayout.JAVA_LONG_UNALIGNED, DEBUG_FINALIZING_OFFSET);
            if (finalizing < 64 || finalizing > 1 << 16 || finalizing % 8 != 0) {
                return Optional.empty();
            }
        } else {
            return Optional.empty();
        }
        MemorySegment flags = runtime.reinterpret(finalizing + 8);
        long tstate = flags.get(ValueLayout.JAVA_LONG, finalizing);
        int flagsStart = minor == 10 ? 0 : (int) finalizing - 20;
        int preinitializing = flags.get(ValueLayout.JAVA_INT, flagsStart);
        int preinitialized = flags.get(ValueLayout.JAVA_INT, flagsStart + 4);
        int coreInitialized = flags.get(ValueLayout.JAVA_INT, flagsStart + 8);
        int initialized = flags.get(ValueLayout.JAVA_INT, flagsStart + 12);
        return Optional.of(describe(tstate, preinitializing, preinitialized, coreInitialized, initialized));
    }

    /** {@return the words {@code fatal_error_dump_runtime} prints for these flags} */
    static String describe(long finalizingThreadState, int preinitializing, int preinitialized, int coreInitialized,
            int initialized) {
        if (finalizingThreadState != 0) {
            return String.format("finalizing (tstate=0x%016x)", finalizingThreadState);
        }
        if (initialized != 0) {
            return "initialized";
        }
        if (coreInitialized != 0) {
            return "core initialized";
        }
        if (preinitialized != 0) {
            return "preinitialized";
        }
        if (preinitializing != 0) {
            return "preinitializing";
        }
        return "unknown";
    }

    private static boolean startsWith(MemorySegment segment, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (segment.get(ValueLayout.JAVA_BYTE, i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
