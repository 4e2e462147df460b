/**
 * What an embedding application uses: the immutable {@link dev.pyhost.api.RuntimeConfig} and its
 * {@link dev.pyhost.api.Setting}s, the {@link dev.pyhost.api.PythonRuntime} and its builder, the
 * {@link dev.pyhost.api.Interpreter} with its scopes, object handles and compiled code, the Java types Python values
 * convert to ({@link dev.pyhost.api.PythonTuple}, {@link dev.pyhost.api.PythonComplex},
 * {@link dev.pyhost.api.PythonRange}), Java functions Python can call ({@link dev.pyhost.api.PythonCallable}), run
 * outcomes, exit statuses and the exceptions.
 *
 * <h2>Exceptions</h2>
 * Every failure PyHost reports is an unchecked {@link dev.pyhost.api.PyHostException}, of exactly one of these
 * kinds, chosen by what the caller can do about it:
 * <ul>
 * <li>{@link dev.pyhost.api.ConfigurationException}: a value the caller gave is invalid (a setting, an
 *     environment variable, a timeout). Fix the value.</li>
 * <li>{@link dev.pyhost.api.ProviderException}: no plug-in or installation fits, two claim one id, or a plug-in
 *     on the class path is broken (including an installation of a CPython version PyHost does not support).
 *     The message lists the candidates, or names the jar, the service file and the class. Fix the class path
 *     or the choice of installation.</li>
 * <li>{@link dev.pyhost.api.NativeAccessException}: the native side cannot be reached (native access is denied,
 *     a library does not load, a symbol is missing). The message gives the JVM flag or the library.</li>
 * <li>{@link dev.pyhost.api.InitializationException}: CPython itself refused the configuration; its own
 *     message is carried as data.</li>
 * <li>{@link dev.pyhost.api.LifecycleException}: the call does not fit the state of the runtime or of the
 *     process (finalized, main already ran, another runtime is running).</li>
 * <li>{@link dev.pyhost.api.PythonException}: Python code raised; type, message and traceback are carried as
 *     data, with the cause chain, the Python frames and, while the runtime runs, the exception object.</li>
 * <li>{@link dev.pyhost.api.ConversionException}: a value cannot be converted between Python and Java as asked
 *     (a {@code str} where an {@code Integer} is wanted, a Java object with no Python counterpart).</li>
 * </ul>
 * A plain {@link dev.pyhost.api.PyHostException} is a defect of PyHost itself. Arguments that are {@code null}
 * where a value is required throw {@link java.lang.NullPointerException} naming the parameter. Run outcomes
 * ({@link dev.pyhost.api.RunOutcome}) are values, not exceptions: an uncaught exception, a {@code SystemExit} or
 * a {@code KeyboardInterrupt} of main code is an outcome. A handle used after it was closed throws
 * {@link java.lang.IllegalStateException}.
 */
package dev.pyhost.api;
