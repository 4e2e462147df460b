package dev.pyhost.core.modes;

import com.google.auto.service.AutoService;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.api.spi.MainContext;

/** Runs standard input: a program when piped, the interactive loop when it is a terminal or {@code -i} was given. Order 1000, id {@code stdin}. */
@AutoService(ExecutionMode.class)
public final class StdinMode implements ExecutionMode {
    /** The id of this mode. */
    public static final String ID = "stdin";

    /** Creates the mode (for {@link java.util.ServiceLoader}). */
    public StdinMode() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int order() {
        return 1000;
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
