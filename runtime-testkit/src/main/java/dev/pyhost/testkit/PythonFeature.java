package dev.pyhost.testkit;

import dev.pyhost.api.PythonInstallation;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** A capability of a CPython installation that a test may require with {@link RequiresPython#features()}. */
public enum PythonFeature {
    /** Sub-interpreters with a GIL of their own ({@code Py_NewInterpreterFromConfig}, PEP 684): CPython 3.12+. */
    SUBINTERPRETERS("sub-interpreters with their own GIL (PEP 684, CPython 3.12+)", i -> i.version().atLeast(3, 12)),
    /**
     * Callbacks at interpreter exit from C ({@code PyUnstable_AtExit}), which PyHost uses to run exit handlers
     * inside {@code Py_FinalizeEx}: CPython 3.13+.
     */
    AT_EXIT_CALLBACKS("PyUnstable_AtExit, exit handlers inside Py_FinalizeEx (CPython 3.13+)",
            i -> i.version().atLeast(3, 13)),
    /** Configuration through PEP 741 ({@code PyInitConfig}): CPython 3.14+. */
    INIT_CONFIG_API("the PyInitConfig API (PEP 741, CPython 3.14+)", i -> i.version().atLeast(3, 14)),
    /** A free-threaded build (no GIL, PEP 703), told by its library's name, such as {@code libpython3.13t.so}. */
    FREE_THREADING("a free-threaded build (PEP 703, libpython3.Xt)", i -> Names.FREE_THREADED.matcher(
            i.libpython().getFileName().toString()).find());

    private final String description;
    private final Predicate<PythonInstallation> test;

    PythonFeature(String description, Predicate<PythonInstallation> test) {
        this.description = description;
        this.test = test;
    }

    /** {@return what the feature is, for skip messages} */
    public String description() {
        return description;
    }

    /**
     * Tells whether an installation has this feature.
     *
     * @param installation the installation
     * @return whether it has it
     */
    public boolean supportedBy(PythonInstallation installation) {
        return test.test(installation);
    }

    private static final class Names {
        static final Pattern FREE_THREADED = Pattern.compile("^libpython\\d+\\.\\d+t\\.so");
    }
}
