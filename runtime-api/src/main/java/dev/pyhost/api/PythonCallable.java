package dev.pyhost.api;

/**
 * A Java function that Python code can call. Passed to Python (as an argument, through
 * {@link PythonScope#set(String, Object)}, as an item) it becomes a Python callable: each call converts the
 * positional arguments with the default conversion, releases the GIL while this method runs, and converts the
 * result back. A Java exception thrown here is raised in Python as {@code JavaException} and, when it reaches Java
 * again, thrown there as the same exception object. {@link java.util.function.Function},
 * {@link java.util.function.BiFunction}, {@link java.util.function.Supplier}, {@link java.util.function.Consumer},
 * {@link java.util.function.BiConsumer}, {@link java.util.function.Predicate}, {@link Runnable} and
 * {@link java.util.concurrent.Callable} are converted the same way.
 */
@FunctionalInterface
public interface PythonCallable {
    /**
     * Runs the function.
     *
     * @param args the positional arguments, converted
     * @return the result, converted to Python ({@code null} is {@code None})
     */
    Object call(Object... args);
}
