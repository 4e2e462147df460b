package dev.pyhost.api;

/**
 * The kinds of interpreter a {@link PythonRuntime} can run Python in.
 *
 * <table>
 * <caption>What each kind allows</caption>
 * <tr><th>kind</th><th>CPython</th><th>GIL</th><th>what it gives</th></tr>
 * <tr><td>{@link #MAIN}</td><td>3.10+</td><td>the main GIL</td><td>the runtime's own interpreter; every C
 *     extension</td></tr>
 * <tr><td>{@link #SHARED_GIL}</td><td>3.10+</td><td>the main GIL</td><td>separate modules, globals and
 *     {@code sys} state; no parallelism with the main interpreter</td></tr>
 * <tr><td>{@link #ISOLATED}</td><td>3.12+</td><td>its own</td><td>true parallelism with every other
 *     interpreter (PEP 684); extensions that do not support it are refused on import</td></tr>
 * </table>
 */
public enum InterpreterKind {
    /** The runtime's main interpreter ({@link PythonRuntime#interpreter()}). */
    MAIN(10),
    /** A sub-interpreter that shares the main interpreter's GIL (CPython's legacy {@code Py_NewInterpreter}). */
    SHARED_GIL(10),
    /** A sub-interpreter with its own GIL and its own object allocator ({@code PyInterpreterConfig_OWN_GIL}). */
    ISOLATED(12);

    private final int minimumMinor;

    InterpreterKind(int minimumMinor) {
        this.minimumMinor = minimumMinor;
    }

    /** {@return the oldest CPython 3 minor version that can run this kind} */
    public int minimumMinor() {
        return minimumMinor;
    }

    /**
     * {@return whether a CPython version can run this kind}
     *
     * @param version the version
     */
    public boolean supportedOn(PythonVersion version) {
        return version.major() > 3 || version.minor() >= minimumMinor;
    }
}
