/** {@code bin/pyhost}: a {@code python}-compatible command line built from PyHost's parts. */
module dev.pyhost.launcher {
    requires dev.pyhost.api;
    requires dev.pyhost.core;
    requires dev.pyhost.cpython;
    requires dev.pyhost.embedded;
    requires dev.pyhost.repl;
    requires dev.pyhost.atexit;

    exports dev.pyhost.launcher;
}
