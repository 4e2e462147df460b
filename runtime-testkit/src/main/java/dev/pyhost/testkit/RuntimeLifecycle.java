package dev.pyhost.testkit;

/**
 * How long the runtime that {@link PyHostExtension} gives a test lives. Whatever the lifecycle, {@code __main__}
 * is put back after each test method as it was before the method (names it added are removed, names it rebound
 * are restored), so tests do not see each other's globals; imported modules, {@code sys.path} and other
 * process-wide state of the interpreter stay.
 */
public enum RuntimeLifecycle {
    /**
     * One runtime for the whole test run (per configuration), kept in JUnit's root store and finalized when the
     * run ends: for code that CPython cannot finalize and start again soundly (extension modules such as numpy),
     * and the fastest choice. When another runtime is needed in between (another configuration,
     * {@link #PER_CLASS}, {@link #PER_METHOD}, {@link PythonRuntimes}, a contract test), a restartable shared
     * runtime is finalized first and started again when next asked for; see {@link PyHostTest#restartable()}.
     */
    PER_RUN,
    /** A runtime per test class, started when first needed and finalized after the class's last test. */
    PER_CLASS,
    /**
     * A runtime per test method, finalized after it: the test may run the main module ({@code runMain()}), close
     * the runtime, or register exit handlers.
     */
    PER_METHOD
}
