package dev.pyhost.api.spi;

import dev.pyhost.api.ExitStatus;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.RuntimeConfig;
import java.util.Optional;

/** What an {@link ExitHandler} is told about the run that ended. */
public interface ExitContext {
    /** {@return how the main code ended, if main code ran} */
    Optional<RunOutcome> outcome();

    /** {@return the exit status composed so far} */
    ExitStatus status();

    /** {@return the configuration of the runtime} */
    RuntimeConfig config();

    /** {@return the data object the handler was registered with, if any} */
    Optional<Object> data();
}
