package dev.pyhost.api.spi;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.RuntimeConfig;
import java.util.Optional;

/** What an {@link ExecutionMode} sees when it is asked to run the main module. */
public interface MainContext {
    /** {@return the configuration the runtime was started with} */
    RuntimeConfig config();

    /** {@return the settings as CPython resolved them} */
    LaunchSettings settings();

    /** {@return the interpreter} */
    Interpreter interpreter();

    /** {@return the primitives to run code with CPython's semantics} */
    MainRunner runner();

    /** {@return the directory or zip file that the importer probe accepted, if the main file is one} */
    Optional<String> importerPath();
}
