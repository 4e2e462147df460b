package dev.pyhost.testkit;

import dev.pyhost.api.RuntimeConfig;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Marks a test class whose tests use CPython through PyHost: registers {@link PyHostExtension}, which resolves
 * parameters of the types {@link dev.pyhost.api.PythonRuntime}, {@link dev.pyhost.api.Interpreter},
 * {@link PythonNamespace}, {@link CapturedOutput}, {@link PythonRuntimes} and {@link dev.pyhost.api.PythonVersion}
 * in test methods, lifecycle methods and constructors.
 *
 * <pre>{@code
 * @PyHostTest
 * class GreeterTest {
 *     @Test
 *     void greets(Interpreter py, CapturedOutput output) {
 *         py.exec("print('hello')");
 *         assertEquals("hello\n", output.stdout());
 *     }
 * }
 * }</pre>
 *
 * <p>The CPython is PyHost's own choice ({@code PYHOST_PYTHON}, an active virtual environment, the embedded
 * CPython, {@code python3} on {@code PATH}) unless the configuration parameter (or system property)
 * {@code pyhost.testkit.python} names one: {@code 3.12}, {@code embedded} or the path of a python executable. A
 * named version that is not installed disables the tests with the reason. One JVM holds one libpython, so a suite
 * runs once per CPython version in one forked JVM per version (one Surefire execution each).
 *
 * <p>Tests of classes with this annotation hold a JUnit resource lock on CPython, so that parallel execution
 * never runs two of them at once.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PyHostExtension.class)
@ResourceLock(PyHostTest.CPYTHON_LOCK)
public @interface PyHostTest {
    /** The JUnit resource lock held by the tests of annotated classes. */
    String CPYTHON_LOCK = "dev.pyhost.testkit.cpython";

    /** {@return how long the runtime lives; one for the whole run by default} */
    RuntimeLifecycle lifecycle() default RuntimeLifecycle.PER_RUN;

    /** {@return the configuration preset; isolated (no environment, no signal handlers) by default} */
    RuntimeConfig.Profile profile() default RuntimeConfig.Profile.ISOLATED;

    /**
     * {@return settings as {@code name=value}, with {@code PyConfig} names, each parsed by
     * {@link dev.pyhost.api.Setting#parse(String)}: for example {@code "optimization_level=2"} or
     * {@code "run_command=print('hi')"}}
     */
    String[] settings() default {};

    /**
     * {@return whether a {@link RuntimeLifecycle#PER_RUN} runtime may be finalized and started again when another
     * runtime needs the process in between; {@code false} for code that cannot survive a second initialization of
     * CPython in one process (numpy, for example): another class that needs another runtime then fails with a
     * message naming both}
     */
    boolean restartable() default true;
}
