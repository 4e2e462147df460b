package dev.pyhost.core.modes;

import com.google.auto.service.AutoService;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.api.spi.MainContext;

/** Runs a script file (source or {@code .pyc}). Order 400, id {@code file}. */
@AutoService(ExecutionMode.class)
public final class FileMode implements ExecutionMode {
    /** The id of this mode. */
    public static final String ID = "file";

    /** Creates the mode (for {@link java.util.ServiceLoader}). */
    public FileMode() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int order() {
        return 400;
    }

    @Override
    public boolean appliesTo(MainContext context) {
        return context.settings().runFilename().isPresent();
    }

    @Override
    public RunOutcome run(MainContext context) {
        return context.runner().runFile(context.settings().runFilename().orElseThrow(), context.settings().skipSourceFirstLine());
    }
}
