package dev.pyhost.core.modes;

import com.google.auto.service.AutoService;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.spi.BuiltinPlugins;
import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.api.spi.MainContext;

/** Runs a script file (source or {@code .pyc}). Id {@value BuiltinPlugins#FILE_MODE}, order {@value BuiltinPlugins#FILE_MODE_ORDER}. */
@AutoService(ExecutionMode.class)
public final class FileMode extends BuiltinMode {
    /** Creates the mode (for {@link java.util.ServiceLoader}). */
    public FileMode() {
        super(BuiltinPlugins.FILE_MODE, BuiltinPlugins.FILE_MODE_ORDER);
    }

    @Override
    public boolean appliesTo(MainContext context) {
        return context.file().isPresent();
    }

    @Override
    public RunOutcome run(MainContext context) {
        return context.runner().runPath(context.file().orElseThrow());
    }
}
