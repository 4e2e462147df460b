/** {@code bin/pyhost}: a {@code python}-compatible command line built from PyHost's parts. */
module dev.pyhost.launcher {
    requires dev.pyhost.api;
    requires dev.pyhost.cpython;
    requires dev.pyhost.embedded;

    exports dev.pyhost.launcher;
}
