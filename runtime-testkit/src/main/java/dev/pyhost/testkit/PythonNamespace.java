package dev.pyhost.testkit;

import dev.pyhost.api.Interpreter;
import java.util.List;

/**
 * A fresh Python namespace for one test, as a parameter that {@link PyHostExtension} resolves: the globals of a new
 * module ({@code __name__} is {@code __pyhost_test__}), empty but for the builtins, separate from
 * {@code __main__} and from every other test's namespace, and dropped after the test. Values are converted as
 * {@link Interpreter#eval(String)} converts them. Tracebacks name the code {@code <namespace>}.
 */
public interface PythonNamespace {
    /**
     * Runs statements in this namespace.
     *
     * @param source Python source
     * @throws dev.pyhost.api.PythonException when the code raises
     */
    void exec(String source);

    /**
     * Evaluates an expression in this namespace.
     *
     * @param expression a Python expression
     * @return its converted value
     * @throws dev.pyhost.api.PythonException when evaluation raises or the value cannot be converted
     */
    Object eval(String expression);

    /** {@return the names bound in this namespace, sorted, without {@code __builtins__}} */
    List<String> names();

    /** {@return the interpreter this namespace lives in} */
    Interpreter interpreter();
}
