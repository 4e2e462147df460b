package dev.pyhost.tests.objects;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonObject;
import dev.pyhost.api.spi.ValueConverter;
import java.util.Optional;

/**
 * A Java type of a test application and its {@link ValueConverter}, registered in
 * {@code META-INF/services/dev.pyhost.api.spi.ValueConverter}: Python's {@code fractions.Fraction}.
 *
 * @param numerator the numerator
 * @param denominator the denominator
 */
public record Fraction(long numerator, long denominator) {
    /** Converts {@link Fraction} to and from {@code fractions.Fraction}, found through {@code ServiceLoader}. */
    public static final class Converter implements ValueConverter<Fraction> {
        /** For {@code ServiceLoader}. */
        public Converter() {
        }

        @Override
        public Class<Fraction> javaType() {
            return Fraction.class;
        }

        @Override
        public Optional<String> pythonType() {
            return Optional.of("fractions.Fraction");
        }

        @Override
        public PythonObject toPython(Fraction value, Interpreter interpreter) {
            try (PythonObject module = interpreter.importModule("fractions")) {
                return module.callMethod("Fraction", value.numerator(), value.denominator());
            }
        }

        @Override
        public Fraction toJava(PythonObject value) {
            return new Fraction(value.attr("numerator", Long.class), value.attr("denominator", Long.class));
        }
    }
}
