package dev.pyhost.api.backend;

/**
 * Timing probes along a runtime's start, for finding where start-up time goes; off unless the system property
 * {@value #PROPERTY} is {@code true}, and then each probe prints one line to standard error: the milliseconds
 * since the first probe of the process, the milliseconds since the previous probe, and the phase that just ended.
 * A probe that is off costs one read of a static final field.
 */
public final class StartupTrace {
    /** The system property that turns the probes on. */
    public static final String PROPERTY = "pyhost.debug.startup";
    private static final boolean ON = Boolean.getBoolean(PROPERTY);
    private static long first;
    private static long previous;

    private StartupTrace() {
    }

    /** {@return whether the probes print} */
    public static boolean on() {
        return ON;
    }

    /**
     * Marks the end of a phase.
     *
     * @param phase what just ended, in a few words
     */
    public static void mark(String phase) {
        if (ON) {
            print(phase);
        }
    }

    /**
     * Marks the end of a phase, with a detail that is turned into text only when the probes print.
     *
     * @param phase what just ended, in a few words
     * @param detail what it chose or found
     */
    public static void mark(String phase, Object detail) {
        if (ON) {
            print(phase + ": " + detail);
        }
    }

    private static synchronized void print(String phase) {
        long now = System.nanoTime();
        if (first == 0) {
            first = now;
            previous = now;
        }
        // no printf: its first use loads the Formatter and regular expressions, which would be measured
        System.err.println("pyhost-startup " + (now - first) / 100_000 / 10.0 + " ms (+" + (now - previous) / 100_000 / 10.0
                + ") " + phase);
        previous = now;
    }
}
