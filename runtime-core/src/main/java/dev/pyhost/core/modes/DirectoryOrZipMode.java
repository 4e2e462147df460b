package dev.pyhost.core.modes;

import com.google.auto.service.AutoService;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.spi.BuiltinPlugins;
import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.api.spi.MainContext;

/** Runs a directory or zip file holding {@code __main__.py}, as {@code __main__} from that path entry. Id {@value BuiltinPlugins#DIRECTORY_OR_ZIP_MODE}, order {@value BuiltinPlugins#DIRECTORY_OR_ZIP_MODE_ORDER}. */
@AutoService(ExecutionMode.class)
public final class DirectoryOrZipMode extends BuiltinMode {
    /** Creates the mode (for {@link java.util.ServiceLoader}). */
    public DirectoryOrZipMode() {
        super(BuiltinPlugins.DIRECTORY_OR_ZIP_MODE, BuiltinPlugins.DIRECTORY_OR_ZIP_MODE_ORDER);
    }

    @Override
    public boolean appliesTo(MainContext context) {
        return context.directoryOrZip().isPresent();
    }

    @Override
    public RunOutcome run(MainContext context) {
        return context.runner().runPath(context.directoryOrZip().orElseThrow());
    }

    @Override
    public boolean replMayFollowSystemExit() {
        return true;
    }
}
