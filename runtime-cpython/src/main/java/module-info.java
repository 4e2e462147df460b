/**
 * The CPython binding of PyHost: loads a CPython 3.10 to 3.14 shared library through the Foreign Function and
 * Memory API, applies a {@link dev.pyhost.api.RuntimeConfig} to it (the exact {@code PyConfig} layout on
 * 3.10-3.14, PEP 741 {@code PyInitConfig} for the isolated profile on 3.14), and runs the main module with
 * CPython's semantics without any native path that could end the process. The only module of PyHost that uses
 * {@code java.lang.foreign}; it depends on the API alone. It exports one package, to the launcher only: the
 * process-level services a {@code python}-compatible launcher needs.
 *
 * @provides dev.pyhost.api.backend.InterpreterProvider
 * @uses dev.pyhost.api.spi.ValueConverter
 */
@SuppressWarnings("module") // the launcher, the one module the process package is exported to, is built later
module dev.pyhost.cpython {
    requires dev.pyhost.api;
    requires static com.google.auto.service;

    exports dev.pyhost.cpython.process to dev.pyhost.launcher;

    uses dev.pyhost.api.spi.ValueConverter;

    provides dev.pyhost.api.backend.InterpreterProvider with dev.pyhost.cpython.CPythonProvider;
}
