package dev.pyhost.core.modes;

import com.google.auto.service.AutoService;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.api.spi.MainContext;

/** Runs a directory or zip file holding {@code __main__.py}, as {@code __main__} from that path entry. Order 300, id {@code importer-path}. */
@AutoService(ExecutionMode.class)
public final class ImporterPathMode implements ExecutionMode {
    /** The id of this mode. */
    public static final String ID = "importer-path";

    /** Creates the mode (for {@link java.util.ServiceLoader}). */
    public ImporterPathMode() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int order() {
        return 300;
    }

    @Override
    public boolean appliesTo(MainContext context) {
        return context.importerPath().isPresent();
    }

    @Override
    public RunOutcome run(MainContext context) {
        return context.runner().runModule("__main__", false);
    }

    @Override
    public boolean replMayFollowSystemExit() {
        return true;
    }
}
