package dev.pyhost.core.modes;

import com.google.auto.service.AutoService;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.spi.BuiltinPlugins;
import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.api.spi.MainContext;

/** Runs standard input: a program when piped, the interactive loop when it is a terminal or {@code -i} was given. Id {@value BuiltinPlugins#STDIN_MODE}, order {@value BuiltinPlugins#STDIN_MODE_ORDER}. */
@AutoService(ExecutionMode.class)
public final class StdinMode extends BuiltinMode {
    /** Creates the mode (for {@link java.util.ServiceLoader}). */
    public StdinMode() {
        super(BuiltinPlugins.STDIN_MODE, BuiltinPlugins.STDIN_MODE_ORDER);
    }

    @Override
    public boolean appliesTo(MainContext context) {
        return true;
    }

    @Override
    public RunOutcome run(MainContext context) {
        return context.runner().runStdin();
    }
}
