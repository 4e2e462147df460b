package dev.pyhost.core.modes;

import com.google.auto.service.AutoService;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.api.spi.MainContext;

/** Runs the command given with {@code -c}. Order 100, id {@code command}. */
@AutoService(ExecutionMode.class)
public final class CommandMode implements ExecutionMode {
    /** The id of this mode. */
    public static final String ID = "command";

    /** Creates the mode (for {@link java.util.ServiceLoader}). */
    public CommandMode() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public boolean appliesTo(MainContext context) {
        return context.settings().runCommand().isPresent();
    }

    @Override
    public RunOutcome run(MainContext context) {
        return context.runner().runCommand(context.settings().runCommand().orElseThrow());
    }
}
