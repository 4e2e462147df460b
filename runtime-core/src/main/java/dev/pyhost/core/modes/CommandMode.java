package dev.pyhost.core.modes;

import com.google.auto.service.AutoService;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.spi.BuiltinPlugins;
import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.api.spi.MainContext;

/** Runs the command given with {@code -c}. Id {@value BuiltinPlugins#COMMAND_MODE}, order {@value BuiltinPlugins#COMMAND_MODE_ORDER}. */
@AutoService(ExecutionMode.class)
public final class CommandMode extends BuiltinMode {
    /** Creates the mode (for {@link java.util.ServiceLoader}). */
    public CommandMode() {
        super(BuiltinPlugins.COMMAND_MODE, BuiltinPlugins.COMMAND_MODE_ORDER);
    }

    @Override
    public boolean appliesTo(MainContext context) {
        return context.command().isPresent();
    }

    @Override
    public RunOutcome run(MainContext context) {
        return context.runner().runCommand(context.command().orElseThrow());
    }
}
