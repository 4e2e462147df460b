package dev.pyhost.core.modes;

import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.core.BuiltinPlugin;

/** A built-in execution mode: the subclasses say when they apply and what they run. */
abstract sealed class BuiltinMode extends BuiltinPlugin implements ExecutionMode
        permits CommandMode, ModuleMode, DirectoryOrZipMode, FileMode, StdinMode {
    BuiltinMode(String id, int order) {
        super(id, order);
    }
}
