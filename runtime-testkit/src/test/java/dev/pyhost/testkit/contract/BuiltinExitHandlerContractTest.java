package dev.pyhost.testkit.contract;

import dev.pyhost.api.spi.BuiltinPlugins;
import dev.pyhost.api.spi.ExitHandler;
import java.util.Set;

/**
 * runtime-atexit's handler runs the exit handler contract on itself. Its work (flushing Java's standard streams)
 * leaves nothing to count, so the contract checks that PyHost calls it exactly once and that it returns in time.
 */
class BuiltinExitHandlerContractTest extends ExitHandlerContract<ExitHandler> {
    @Override
    protected ExitHandler createHandler() {
        return Builtins.byId(ExitHandler.class, ExitHandler::id, BuiltinPlugins.FLUSH_JAVA_STDIO_HANDLER);
    }

    @Override
    protected Set<String> replaces() {
        return Set.of(BuiltinPlugins.FLUSH_JAVA_STDIO_HANDLER);
    }
}
