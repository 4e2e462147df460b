package dev.pyhost.core.modes;

import com.google.auto.service.AutoService;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.api.spi.MainContext;

/** Runs the module given with {@code -m}, through {@code runpy}. Order 200, id {@code module}. */
@AutoService(ExecutionMode.class)
public final class ModuleMode implements ExecutionMode {
    /** The id of this mode. */
    public static final String ID = "module";

    /** Creates the mode (for {@link java.util.ServiceLoader}). */
    public ModuleMode() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public boolean appliesTo(MainContext context) {
        return context.settings().runModule().isPresent();
    }

    @Override
    public RunOutcome run(MainContext context) {
        return context.runner().runModule(context.settings().runModule().orElseThrow(), true);
    }

    @Override
    public boolean replMayFollowSystemExit() {
        return true;
    }
}
