/**
 * The CPython binding of PyHost: loads a CPython 3.10 to 3.14 shared library through the Foreign Function and
 * Memory API, applies a {@link dev.pyhost.api.RuntimeConfig} to it (the exact {@code PyConfig} layout on
 * 3.10-3.13, PEP 741 {@code PyInitConfig} on 3.14), and runs the main module with CPython's semantics without
 * any native path that could end the process. The only module of PyHost that uses {@code java.lang.foreign}.
 *
 * @provides dev.pyhost.api.spi.InterpreterProvider
 * @provides dev.pyhost.api.spi.InstallationLocator
 */
module dev.pyhost.cpython {
    requires transitive dev.pyhost.api;
    requires dev.pyhost.core;
    requires static transitive com.google.auto.service;

    exports dev.pyhost.cpython;

    provides dev.pyhost.api.spi.InterpreterProvider with dev.pyhost.cpython.CPythonProvider;
    provides dev.pyhost.api.spi.InstallationLocator with
            dev.pyhost.cpython.Locators.Explicit,
            dev.pyhost.cpython.Locators.PyhostPython,
            dev.pyhost.cpython.Locators.VirtualEnv,
            dev.pyhost.cpython.Locators.PathPython;
}
