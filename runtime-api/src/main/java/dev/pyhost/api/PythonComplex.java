package dev.pyhost.api;

/**
 * A Python {@code complex} converted to Java, and converted back to a {@code complex}.
 *
 * @param real the real part
 * @param imag the imaginary part
 */
public record PythonComplex(double real, double imag) {
}
