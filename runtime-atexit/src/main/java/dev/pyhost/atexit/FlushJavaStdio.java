package dev.pyhost.atexit;

import com.google.auto.service.AutoService;
import dev.pyhost.api.spi.BuiltinPlugins;
import dev.pyhost.api.spi.ExitContext;
import dev.pyhost.api.spi.ExitHandler;

/**
 * Flushes Java's {@code System.out} and {@code System.err} at interpreter exit, after Python flushed its own
 * streams, so that whatever Java code printed appears before the process ends, in the order it was written
 * relative to Python's finalization. Runs last among discovered handlers (order {@link Integer#MAX_VALUE}).
 */
@AutoService(ExitHandler.class)
public final class FlushJavaStdio implements ExitHandler {
    /** Creates the handler (for {@link java.util.ServiceLoader}). */
    public FlushJavaStdio() {
    }

    @Override
    public String id() {
        return BuiltinPlugins.FLUSH_JAVA_STDIO_HANDLER;
    }

    @Override
    public int order() {
        return BuiltinPlugins.FLUSH_JAVA_STDIO_HANDLER_ORDER;
    }

    @Override
    public void onExit(ExitContext context) {
        System.out.flush();
        System.err.flush();
    }
}
