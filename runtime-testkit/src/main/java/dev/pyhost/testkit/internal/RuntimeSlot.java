package dev.pyhost.testkit.internal;

import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PythonRuntime;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one CPython runtime this JVM may hold at a time, as far as the kit started it. A runtime shared by the test
 * run stays until the run ends, unless something else needs the process: then a restartable shared runtime is
 * finalized first (CPython itself starts again soundly; some extension modules do not, hence the choice), and a
 * non-restartable one makes the newcomer fail with a message naming both. Runtimes owned by a class, a method or a
 * contract check are never finalized by the slot: two of them at once are a mistake of the test, reported as such.
 */
public final class RuntimeSlot {
    private static final System.Logger LOG = System.getLogger(RuntimeSlot.class.getName());
    private static final Object LOCK = new Object();
    private static Holder current;

    private record Holder(PythonRuntime runtime, String owner, Object sharedKey, boolean restartable) {
    }

    private RuntimeSlot() {
    }

    /**
     * The runtime shared by the whole run for this key: the open one, or a new one.
     *
     * @param key what the runtime was configured from; another key means another runtime
     * @param restartable whether the slot may finalize it when another runtime is needed
     * @param starter starts it
     * @param onStart told about a newly started runtime (to close it when the run ends)
     * @return the runtime
     * @throws LifecycleException when a runtime that may not be replaced holds the process
     */
    public static PythonRuntime shared(Object key, boolean restartable, Supplier<PythonRuntime> starter,
            java.util.function.Consumer<PythonRuntime> onStart) {
        synchronized (LOCK) {
            if (current != null && isOpen(current.runtime())) {
                if (key.equals(current.sharedKey())) {
                    return current.runtime();
                }
                makeRoom("the runtime shared by the test run for " + key);
            }
            PythonRuntime runtime = starter.get();
            current = new Holder(runtime, "the runtime shared by the test run for " + key, key, restartable);
            onStart.accept(runtime);
            return runtime;
        }
    }

    /**
     * Starts a runtime that belongs to one owner (a class, a method, a contract check), after finalizing a
     * restartable shared runtime if one holds the process.
     *
     * @param owner who it is for, for messages
     * @param starter starts it
     * @return the runtime; the owner closes it
     * @throws LifecycleException when another runtime holds the process and may not be finalized
     */
    public static PythonRuntime exclusive(String owner, Supplier<PythonRuntime> starter) {
        synchronized (LOCK) {
            if (current != null && isOpen(current.runtime())) {
                makeRoom(owner);
            }
            PythonRuntime runtime = starter.get();
            current = new Holder(runtime, owner, null, false);
            return runtime;
        }
    }

    /** {@return the runtime the kit holds open now, if any} */
    public static Optional<PythonRuntime> open() {
        synchronized (LOCK) {
            return current != null && isOpen(current.runtime()) ? Optional.of(current.runtime()) : Optional.empty();
        }
    }

    /**
     * Finalizes a runtime if it is still the one in the slot (a shared runtime at the end of the run that started
     * it).
     *
     * @param runtime the runtime
     */
    public static void closeIfCurrent(PythonRuntime runtime) {
        synchronized (LOCK) {
            if (current != null && current.runtime() == runtime) {
                current = null;
            }
        }
        runtime.close();
    }

    private static void makeRoom(String newcomer) {
        Holder h = current;
        if (h.sharedKey() != null && h.restartable()) {
            LOG.log(System.Logger.Level.INFO, "finalizing {0} to start {1} (one CPython runs in a process at a time)",
                    h.owner(), newcomer);
            current = null;
            h.runtime().close();
            return;
        }
        throw new LifecycleException("Cannot start " + newcomer + ": " + h.owner() + " is still running, and a process"
                + " runs one CPython at a time. "
                + (h.sharedKey() != null
                        ? "It was declared with restartable = false; give both the same @PyHostTest settings, or run"
                                + " them in different forked JVMs (Surefire executions)."
                        : "Close it first, or let only one of them start a runtime."));
    }

    /**
     * Tells whether a runtime can still be used.
     *
     * @param runtime the runtime
     * @return whether its interpreter is open
     */
    public static boolean isOpen(PythonRuntime runtime) {
        try {
            return runtime.interpreter().isOpen();
        } catch (LifecycleException e) {
            return false;
        }
    }
}
