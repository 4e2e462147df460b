package dev.pyhost.cdi;

import dev.pyhost.api.spi.ExitContext;
import dev.pyhost.api.spi.ExitHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An exit handler found through {@link java.util.ServiceLoader} (this module's test service file), so that tests
 * can see whether a discovered plug-in took part: it records each run.
 */
public final class DiscoveredExit implements ExitHandler {
    /** Its id, which a bean can claim to replace it. */
    static final String ID = "discovered-probe";
    static final List<String> RUNS = new CopyOnWriteArrayList<>();

    /** Creates the handler (for {@link java.util.ServiceLoader}). */
    public DiscoveredExit() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void onExit(ExitContext context) {
        RUNS.add("discovered exit");
    }
}
