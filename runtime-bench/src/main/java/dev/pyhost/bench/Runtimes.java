package dev.pyhost.bench;

import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;

/** The runtime every benchmark starts: the README's quick-start service, on the embedded CPython by default. */
final class Runtimes {
    /** The isolated profile: no environment variables, no signal handlers, as a service embeds Python. */
    static final RuntimeConfig SERVICE = RuntimeConfig.builder(RuntimeConfig.Profile.ISOLATED).build();

    private Runtimes() {
    }

    /**
     * One whole cycle as an application sees it: start a runtime, evaluate {@code 1+1}, close (finalize) it.
     *
     * @return the result, {@code 2}
     */
    static Object startEvalClose() {
        try (PythonRuntime python = PythonRuntime.builder(SERVICE).start()) {
            return python.interpreter().eval("1+1");
        }
    }
}
