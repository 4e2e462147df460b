package dev.pyhost.api;

import java.util.Objects;

/**
 * How to create a sub-interpreter ({@link PythonRuntime#newInterpreter(SubInterpreterConfig)}): its
 * {@linkplain InterpreterKind kind} and CPython's {@code PyInterpreterConfig} switches. Immutable; the
 * {@code with...} methods return a changed copy.
 *
 * <p>{@link #isolated()} and {@link #sharedGil()} are the two starting points, with CPython's own defaults for each
 * ({@code _PyInterpreterConfig_INIT} and {@code _PyInterpreterConfig_LEGACY_INIT}). {@link #validate(PythonVersion)}
 * checks a configuration against a CPython version before any native call, and rejects what CPython would accept
 * and then crash on: an interpreter with its own GIL must have its own allocator ({@code use_main_obmalloc = 0}),
 * which in turn requires {@code check_multi_interp_extensions = 1}.
 *
 * <table>
 * <caption>Defaults</caption>
 * <tr><th>switch</th><th>{@link #isolated()}</th><th>{@link #sharedGil()}</th></tr>
 * <tr><td>own GIL</td><td>yes</td><td>no</td></tr>
 * <tr><td>main allocator ({@code use_main_obmalloc})</td><td>no</td><td>yes</td></tr>
 * <tr><td>{@code os.fork()}</td><td>refused</td><td>allowed</td></tr>
 * <tr><td>{@code os.exec*()}</td><td>refused</td><td>allowed</td></tr>
 * <tr><td>threads</td><td>allowed</td><td>allowed</td></tr>
 * <tr><td>daemon threads</td><td>refused</td><td>allowed</td></tr>
 * <tr><td>extensions checked for sub-interpreter support</td><td>yes</td><td>no</td></tr>
 * </table>
 * CPython 3.10 and 3.11 have no {@code PyInterpreterConfig}: there only {@link #sharedGil()} with its defaults is
 * possible.
 *
 * @param kind {@link InterpreterKind#ISOLATED} or {@link InterpreterKind#SHARED_GIL}
 * @param useMainObmalloc whether it allocates objects with the main interpreter's allocator
 * @param allowFork whether {@code os.fork()} is allowed in it
 * @param allowExec whether {@code os.execv()} and friends are allowed in it
 * @param allowThreads whether it may start threads
 * @param allowDaemonThreads whether it may start daemon threads
 * @param checkMultiInterpExtensions whether importing an extension module that does not declare support for
 *     sub-interpreters raises {@code ImportError}
 */
public record SubInterpreterConfig(InterpreterKind kind, boolean useMainObmalloc, boolean allowFork,
        boolean allowExec, boolean allowThreads, boolean allowDaemonThreads, boolean checkMultiInterpExtensions) {

    /**
     * Creates a configuration; {@link #validate(PythonVersion)} checks the combination.
     *
     * @throws ConfigurationException when the kind is {@link InterpreterKind#MAIN} (the main interpreter exists
     *     once per runtime and is not created)
     */
    public SubInterpreterConfig {
        Objects.requireNonNull(kind, "kind");
        if (kind == InterpreterKind.MAIN) {
            throw new ConfigurationException("kind",
                    "The main interpreter is not created: use PythonRuntime.interpreter(); a sub-interpreter is "
                            + "ISOLATED or SHARED_GIL");
        }
    }

    /** {@return an interpreter with its own GIL, CPython's isolated defaults (3.12+)} */
    public static SubInterpreterConfig isolated() {
        return new SubInterpreterConfig(InterpreterKind.ISOLATED, false, false, false, true, false, true);
    }

    /** {@return an interpreter sharing the main GIL, CPython's legacy defaults (3.10+)} */
    public static SubInterpreterConfig sharedGil() {
        return new SubInterpreterConfig(InterpreterKind.SHARED_GIL, true, true, true, true, true, false);
    }

    /**
     * {@return a copy with another {@code os.fork()} switch}
     *
     * @param allow whether {@code os.fork()} is allowed
     */
    public SubInterpreterConfig withFork(boolean allow) {
        return new SubInterpreterConfig(kind, useMainObmalloc, allow, allowExec, allowThreads, allowDaemonThreads,
                checkMultiInterpExtensions);
    }

    /**
     * {@return a copy with another {@code os.exec*()} switch}
     *
     * @param allow whether {@code os.exec*()} is allowed
     */
    public SubInterpreterConfig withExec(boolean allow) {
        return new SubInterpreterConfig(kind, useMainObmalloc, allowFork, allow, allowThreads, allowDaemonThreads,
                checkMultiInterpExtensions);
    }

    /**
     * {@return a copy with other thread switches}
     *
     * @param threads whether threads may be started
     * @param daemonThreads whether daemon threads may be started
     */
    public SubInterpreterConfig withThreads(boolean threads, boolean daemonThreads) {
        return new SubInterpreterConfig(kind, useMainObmalloc, allowFork, allowExec, threads, daemonThreads,
                checkMultiInterpExtensions);
    }

    /**
     * {@return a copy with another allocator and extension check}
     *
     * @param mainObmalloc whether the main interpreter's allocator is used
     * @param checkExtensions whether extensions without sub-interpreter support are refused on import
     */
    public SubInterpreterConfig withAllocator(boolean mainObmalloc, boolean checkExtensions) {
        return new SubInterpreterConfig(kind, mainObmalloc, allowFork, allowExec, allowThreads, allowDaemonThreads,
                checkExtensions);
    }

    /**
     * Checks this configuration against a CPython version, before any native call.
     *
     * @param version the runtime's CPython version
     * @throws ConfigurationException when the version cannot create such an interpreter, or when the combination
     *     is one CPython rejects or crashes on
     */
    public void validate(PythonVersion version) {
        Objects.requireNonNull(version, "version");
        if (!kind.supportedOn(version)) {
            throw new ConfigurationException("kind", kind + " interpreters need CPython 3." + kind.minimumMinor()
                    + " or later; this runtime runs " + version);
        }
        if (version.major() == 3 && version.minor() < 12 && !equals(sharedGil())) {
            throw new ConfigurationException("kind", "CPython " + version + " has no PyInterpreterConfig: only "
                    + "SubInterpreterConfig.sharedGil() with its defaults can be created there, not " + this);
        }
        if (kind == InterpreterKind.ISOLATED && useMainObmalloc) {
            throw new ConfigurationException("useMainObmalloc", "An interpreter with its own GIL needs its own "
                    + "allocator (useMainObmalloc = false): sharing the main one crashes CPython");
        }
        if (!useMainObmalloc && !checkMultiInterpExtensions) {
            throw new ConfigurationException("checkMultiInterpExtensions", "An interpreter with its own allocator "
                    + "must refuse extensions that do not support sub-interpreters (checkMultiInterpExtensions = "
                    + "true); CPython rejects the combination");
        }
        if (allowDaemonThreads && !allowThreads) {
            throw new ConfigurationException("allowDaemonThreads",
                    "Daemon threads cannot be allowed where threads are not");
        }
    }
}
