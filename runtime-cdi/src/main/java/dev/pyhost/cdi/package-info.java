/**
 * PyHost in a CDI container: with {@code runtime-cdi} on the class or module path and nothing else to do,
 * {@link dev.pyhost.cdi.PyHostExtension} makes {@code PythonRuntime}, {@code Interpreter} and {@code RuntimeConfig}
 * injectable.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class Pricing {
 *     @Inject Interpreter python;                      // the default runtime, started on first use
 *     @Inject @PyRuntime("etl") PythonRuntime etl;     // a named one
 * }
 * }</pre>
 *
 * <h2>Properties</h2>
 * Read from MicroProfile Config when an implementation is present, else from the system properties over the
 * {@code META-INF/pyhost.properties} files of the class path. The default runtime reads them under {@code pyhost.},
 * a runtime named {@code etl} under {@code pyhost.runtime.etl.} (a property there is enough to declare it):
 * <table class="striped">
 * <caption>Properties of one runtime (shown for the default one)</caption>
 * <thead><tr><th>property</th><th>meaning</th><th>default</th></tr></thead>
 * <tbody>
 * <tr><td>{@code pyhost.python}</td><td>the python executable to embed
 *     ({@code RuntimeConfig.Builder.python})</td><td>the locators: {@code PYHOST_PYTHON}, a venv, the embedded
 *     CPython, {@code python3} on {@code PATH}</td></tr>
 * <tr><td>{@code pyhost.profile}</td><td>{@code isolated} or {@code python}</td><td>{@code isolated}</td></tr>
 * <tr><td>{@code pyhost.settings.<pyconfig_name>}</td><td>one {@code PyConfig} setting, read by
 *     {@code Setting.named(name).parse(text)}: {@code true}/{@code false}, a number, a text, or a list with one
 *     entry per line</td><td>CPython's</td></tr>
 * <tr><td>{@code pyhost.environment.<VARIABLE>}</td><td>an environment variable set before CPython starts</td>
 *     <td></td></tr>
 * <tr><td>{@code pyhost.startup}</td><td>{@code lazy}: on first use of a bean; {@code eager}: with the container
 *     (at {@code Startup}, before the application's own observers)</td><td>{@code lazy}</td></tr>
 * <tr><td>{@code pyhost.shutdown-timeout}</td><td>how long container shutdown waits for running Python code, and
 *     then for finalization ({@code 500ms}, {@code 5s}, {@code 2m} or ISO-8601 {@code PT5S})</td><td>{@code 5s}</td></tr>
 * <tr><td>{@code pyhost.exit-handler-timeout}</td><td>how long one exit handler may run</td><td>{@code 10s}</td></tr>
 * <tr><td>{@code pyhost.discovery}</td><td>whether {@code ServiceLoader} plug-ins (modes, locators, exit
 *     handlers; the embedded CPython's locator is one) take part besides the beans; the interpreter provider is
 *     always discovered</td>
 *     <td>{@code true}</td></tr>
 * <tr><td>{@code pyhost.on-jvm-shutdown}</td><td>what PyHost's own JVM shutdown hook does: {@code nothing},
 *     {@code finalize} or {@code exit-handlers-only}</td><td>{@code nothing}: the container owns shutdown</td></tr>
 * </tbody>
 * </table>
 * An invalid value or an unknown key under {@code pyhost.} fails the deployment with a
 * {@link jakarta.enterprise.inject.spi.DeploymentException} that names the property, its value and the source.
 * One CPython runs in a process at a time: several runtimes can be declared, but only one can run at once (starting
 * another throws {@link dev.pyhost.api.LifecycleException} naming the running one), and at most one may be eager.
 *
 * <h2>Stepping aside</h2>
 * Where the application has its own {@code RuntimeConfig}, {@code PythonRuntime} or {@code Interpreter} bean for a
 * runtime ({@code @Default} for the default one, {@code @PyRuntime("etl")} for a named one), the extension adds
 * none of that type: an application {@code RuntimeConfig} configures the extension's runtime instead of the
 * properties; an application {@code PythonRuntime} is the application's to start and finalize, and the extension
 * only adds an {@code Interpreter} bean over it.
 *
 * <h2>Plug-ins as beans</h2>
 * A bean implementing {@code ExitHandler}, {@code ExecutionMode} or {@code InstallationLocator} takes part in every
 * runtime, or only in the one its {@code @PyRuntime} names, exactly as a {@code ServiceLoader} plug-in does: by
 * {@code order()}, and replacing a built-in or discovered plug-in with the same id. It may inject other beans. Two
 * beans of one kind with one id fail the start with a {@link dev.pyhost.api.ProviderException} naming both classes.
 *
 * <h2>Events</h2>
 * {@link dev.pyhost.cdi.RuntimeStarted}, {@link dev.pyhost.cdi.RunEnded}, {@link dev.pyhost.cdi.RuntimeFinalizing}
 * and {@link dev.pyhost.cdi.RuntimeExited}, each with the runtime's {@link dev.pyhost.cdi.PyRuntime} qualifier:
 * {@code @Observes RuntimeExited} hears every runtime, {@code @Observes @PyRuntime("etl") RuntimeExited} one.
 * Each is fired to synchronous observers, then to asynchronous ones ({@code @ObservesAsync}).
 *
 * <h2>Shutdown</h2>
 * CDI destroys beans in no defined order, so the extension finalizes its runtimes itself, at the container's
 * {@code Shutdown} event, after the application's own {@code Shutdown} observers and before any application-scoped
 * bean is destroyed: {@code RuntimeFinalizing} (observers may still use Python); new calls refused; running calls
 * waited for within {@code shutdown-timeout}; CPython finalized within that bound (Python's {@code atexit}, then
 * every exit handler exactly once, {@code RuntimeExited} last); the instances of {@code @Dependent} plug-in beans
 * destroyed. When Python code overruns the bound, the exit handlers run without finalizing, as PyHost does at JVM
 * shutdown, and CPython finalizes when that code returns. {@code PythonRuntime.close()} on the bean does the same
 * earlier; after it the runtime does not start again in that container.
 *
 * <p><b>One owner of JVM shutdown: the container.</b> The runtimes are started with
 * {@code onJvmShutdown(NOTHING)}, so PyHost installs no JVM shutdown hook of its own; Weld SE's hook (on unless
 * {@code org.jboss.weld.se.shutdownHook=false}) shuts the container down at JVM exit, and that runs the order
 * above. An application that turns Weld's hook off must close the container itself, or set
 * {@code pyhost.on-jvm-shutdown=finalize} to give that duty back to PyHost. With both hooks on, every exit handler
 * still runs exactly once, but the JVM runs the hooks concurrently, so {@code RuntimeFinalizing} observers may find
 * Python already finalized.
 */
package dev.pyhost.cdi;
