package dev.pyhost.core.modes;

import dev.pyhost.api.spi.ExecutionMode;

/** The id and order every built-in mode carries; the subclasses say when they apply and what they run. */
abstract sealed class BuiltinMode implements ExecutionMode
        permits CommandMode, ModuleMode, DirectoryOrZipMode, FileMode, StdinMode {
    private final String id;
    private final int order;

    BuiltinMode(String id, int order) {
        this.id = id;
        this.order = order;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final int order() {
        return order;
    }

    @Override
    public String toString() {
        return id + " (order " + order + ")";
    }
}
