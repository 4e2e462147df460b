package dev.pyhost.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class or method only on a CPython that fits; otherwise it is skipped with the reason (for example
 * {@code requires CPython >= 3.12, runs 3.11.7}). The CPython is the one the kit runs: that of the open runtime,
 * else the one {@code pyhost.testkit.python} or PyHost's locators choose (found without starting it).
 *
 * <pre>{@code
 * @Test
 * @RequiresPython(min = "3.12", features = PythonFeature.SUBINTERPRETERS)
 * void usesSubinterpreters(Interpreter py) { ... }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RequiresPythonCondition.class)
public @interface RequiresPython {
    /** {@return the oldest version that fits, {@code X.Y} or {@code X.Y.Z}; none when empty} */
    String min() default "";

    /** {@return the newest version that fits, {@code X.Y} (any micro version) or {@code X.Y.Z}; none when empty} */
    String max() default "";

    /** {@return whether only PyHost's embedded CPython fits} */
    boolean embedded() default false;

    /** {@return the features the CPython must have} */
    PythonFeature[] features() default {};
}
