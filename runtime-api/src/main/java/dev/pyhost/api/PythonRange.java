package dev.pyhost.api;

/**
 * A Python {@code range} converted to Java, and converted back to a {@code range}.
 *
 * @param start the first value
 * @param stop the bound, excluded
 * @param step the step, never 0
 */
public record PythonRange(long start, long stop, long step) {
    /**
     * Checks the step.
     *
     * @throws IllegalArgumentException when {@code step} is 0
     */
    public PythonRange {
        if (step == 0) {
            throw new IllegalArgumentException("range() arg 3 must not be zero");
        }
    }
}
