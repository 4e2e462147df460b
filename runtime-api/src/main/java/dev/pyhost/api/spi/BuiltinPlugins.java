package dev.pyhost.api.spi;

/**
 * The ids and orders of PyHost's own plug-ins, in one place. A plug-in with the same id as one of these replaces
 * it; a plug-in with another id takes its place in the order beside them (lower orders are asked first).
 *
 * <table class="striped">
 * <caption>Execution modes, asked in CPython's precedence</caption>
 * <thead><tr><th>order</th><th>id</th><th>runs</th><th>module</th></tr></thead>
 * <tbody>
 * <tr><td>100</td><td>{@code command}</td><td>{@code -c}</td><td>runtime-core</td></tr>
 * <tr><td>200</td><td>{@code module}</td><td>{@code -m}</td><td>runtime-core</td></tr>
 * <tr><td>300</td><td>{@code directory-or-zip}</td><td>a directory or zip file holding {@code __main__.py}</td>
 *     <td>runtime-core</td></tr>
 * <tr><td>400</td><td>{@code file}</td><td>a script or {@code .pyc} file</td><td>runtime-core</td></tr>
 * <tr><td>900</td><td>{@code repl}</td><td>the terminal REPL, when standard input and output are terminals</td>
 *     <td>runtime-repl</td></tr>
 * <tr><td>1000</td><td>{@code stdin}</td><td>standard input (a program, or CPython's basic loop)</td>
 *     <td>runtime-core</td></tr>
 * </tbody>
 * </table>
 *
 * <table class="striped">
 * <caption>Installation locators, asked after the installation chosen in code (a rule of the lifecycle manager,
 * not a plug-in: {@code PythonRuntime.Builder.installation}, then {@code RuntimeConfig.Builder.python})</caption>
 * <thead><tr><th>order</th><th>id</th><th>finds</th><th>module</th></tr></thead>
 * <tbody>
 * <tr><td>200</td><td>{@code pyhost-python}</td><td>the python named by {@code PYHOST_PYTHON}</td>
 *     <td>runtime-core</td></tr>
 * <tr><td>300</td><td>{@code virtual-env}</td><td>the python of an active {@code VIRTUAL_ENV}</td>
 *     <td>runtime-core</td></tr>
 * <tr><td>800</td><td>{@code embedded}</td><td>the CPython 3.14 taken from Maven Central</td>
 *     <td>runtime-embedded</td></tr>
 * <tr><td>900</td><td>{@code path-python3}</td><td>the first {@code python3} on {@code PATH}</td>
 *     <td>runtime-core</td></tr>
 * </tbody>
 * </table>
 *
 * <table class="striped">
 * <caption>Exit handlers (discovered ones run by ascending order, after those registered on a runtime)</caption>
 * <thead><tr><th>order</th><th>id</th><th>does</th><th>module</th></tr></thead>
 * <tbody>
 * <tr><td>0</td><td></td><td>the default order of a handler that does not choose one</td><td></td></tr>
 * <tr><td>{@link Integer#MAX_VALUE}</td><td>{@code flush-java-stdio}</td><td>flushes {@code System.out} and
 *     {@code System.err}</td><td>runtime-atexit</td></tr>
 * </tbody>
 * </table>
 *
 * <p>The interpreter provider {@code cpython-ffm} (runtime-cpython) has order 100.
 */
public final class BuiltinPlugins {
    /** Id of the mode that runs {@code -c}. */
    public static final String COMMAND_MODE = "command";
    /** Order of the mode that runs {@code -c}. */
    public static final int COMMAND_MODE_ORDER = 100;
    /** Id of the mode that runs {@code -m}. */
    public static final String MODULE_MODE = "module";
    /** Order of the mode that runs {@code -m}. */
    public static final int MODULE_MODE_ORDER = 200;
    /** Id of the mode that runs a directory or zip file holding {@code __main__.py}. */
    public static final String DIRECTORY_OR_ZIP_MODE = "directory-or-zip";
    /** Order of the mode that runs a directory or zip file. */
    public static final int DIRECTORY_OR_ZIP_MODE_ORDER = 300;
    /** Id of the mode that runs a script file. */
    public static final String FILE_MODE = "file";
    /** Order of the mode that runs a script file. */
    public static final int FILE_MODE_ORDER = 400;
    /** Id of the terminal REPL. */
    public static final String REPL_MODE = "repl";
    /** Order of the terminal REPL: before standard input. */
    public static final int REPL_MODE_ORDER = 900;
    /** Id of the mode that runs standard input. */
    public static final String STDIN_MODE = "stdin";
    /** Order of the mode that runs standard input: last, it always applies. */
    public static final int STDIN_MODE_ORDER = 1000;

    /** Id of the locator that reads {@code PYHOST_PYTHON}. */
    public static final String PYHOST_PYTHON_LOCATOR = "pyhost-python";
    /** Order of the locator that reads {@code PYHOST_PYTHON}. */
    public static final int PYHOST_PYTHON_LOCATOR_ORDER = 200;
    /** Id of the locator that reads {@code VIRTUAL_ENV}. */
    public static final String VIRTUAL_ENV_LOCATOR = "virtual-env";
    /** Order of the locator that reads {@code VIRTUAL_ENV}. */
    public static final int VIRTUAL_ENV_LOCATOR_ORDER = 300;
    /** Id of the locator of the embedded CPython. */
    public static final String EMBEDDED_LOCATOR = "embedded";
    /** Order of the locator of the embedded CPython: after every choice the user made, before {@code PATH}. */
    public static final int EMBEDDED_LOCATOR_ORDER = 800;
    /** Id of the locator that takes {@code python3} from {@code PATH}. */
    public static final String PATH_LOCATOR = "path-python3";
    /** Order of the locator that takes {@code python3} from {@code PATH}: the last resort. */
    public static final int PATH_LOCATOR_ORDER = 900;

    /** The order of an exit handler that does not choose one. */
    public static final int DEFAULT_EXIT_HANDLER_ORDER = 0;
    /** Id of the exit handler that flushes Java's standard streams. */
    public static final String FLUSH_JAVA_STDIO_HANDLER = "flush-java-stdio";
    /** Order of the exit handler that flushes Java's standard streams: the very last. */
    public static final int FLUSH_JAVA_STDIO_HANDLER_ORDER = Integer.MAX_VALUE;

    /** Id of the CPython binding through the Foreign Function and Memory API. */
    public static final String CPYTHON_PROVIDER = "cpython-ffm";
    /** Order of the CPython binding. */
    public static final int CPYTHON_PROVIDER_ORDER = 100;

    private BuiltinPlugins() {
    }
}
