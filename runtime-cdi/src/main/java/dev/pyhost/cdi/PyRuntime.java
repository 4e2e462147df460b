package dev.pyhost.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.io.Serial;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Objects;

/**
 * Names one of several PyHost runtimes of a container, as a CDI qualifier. Put it on an injection point to choose
 * the runtime ({@code @Inject @PyRuntime("etl") Interpreter etl;}), on an observer to hear only that runtime's
 * events, and on a plug-in bean ({@code ExitHandler}, {@code ExecutionMode}, {@code InstallationLocator}) to make it
 * take part in that runtime only; a plug-in bean without it takes part in every runtime.
 *
 * <p>The runtime named {@value #DEFAULT} is the default one: its beans also carry {@code @Default}, so a plain
 * {@code @Inject Interpreter} gets it. A named runtime is configured under {@code pyhost.runtime.<name>.}; see
 * {@link dev.pyhost.cdi} for the properties.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
public @interface PyRuntime {
    /** The name of the default runtime, the one configured directly under {@code pyhost.}. */
    String DEFAULT = "<default>";

    /** {@return the name of the runtime} */
    String value();

    /** An instance of the qualifier, for programmatic lookup and for firing events. */
    final class Literal extends AnnotationLiteral<PyRuntime> implements PyRuntime {
        @Serial
        private static final long serialVersionUID = 1L;

        /** The qualifier of the default runtime. */
        public static final Literal DEFAULT_RUNTIME = new Literal(DEFAULT);

        /** The runtime's name. */
        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        /**
         * Makes the qualifier for one runtime.
         *
         * @param name the runtime's name
         * @return the qualifier
         */
        public static Literal of(String name) {
            return new Literal(Objects.requireNonNull(name, "name"));
        }

        @Override
        public String value() {
            return value;
        }
    }
}
