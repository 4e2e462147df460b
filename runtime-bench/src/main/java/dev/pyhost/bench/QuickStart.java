package dev.pyhost.bench;

/**
 * The README's quick-start service as a whole application, for the whole-process benchmark: the JVM starts, a
 * runtime starts, {@code eval("1+1")} is printed, the runtime closes, the JVM exits. {@code bin/bench} times it
 * from the outside against {@code python3 -c "print(1+1)"}.
 */
public final class QuickStart {
    private QuickStart() {
    }

    /**
     * Runs it.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println(Runtimes.startEvalClose());
    }
}
