package dev.pyhost.core.modes;

import com.google.auto.service.AutoService;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.spi.BuiltinPlugins;
import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.api.spi.MainContext;

/** Runs the module given with {@code -m}, through {@code runpy}. Id {@value BuiltinPlugins#MODULE_MODE}, order {@value BuiltinPlugins#MODULE_MODE_ORDER}. */
@AutoService(ExecutionMode.class)
public final class ModuleMode extends BuiltinMode {
    /** Creates the mode (for {@link java.util.ServiceLoader}). */
    public ModuleMode() {
        super(BuiltinPlugins.MODULE_MODE, BuiltinPlugins.MODULE_MODE_ORDER);
    }

    @Override
    public boolean appliesTo(MainContext context) {
        return context.module().isPresent();
    }

    @Override
    public RunOutcome run(MainContext context) {
        return context.runner().runModule(context.module().orElseThrow());
    }

    @Override
    public boolean replMayFollowSystemExit() {
        return true;
    }
}
