/**
 * Built-in exit handlers of PyHost, each an {@link dev.pyhost.api.spi.ExitHandler} plug-in like any other.
 *
 * @provides dev.pyhost.api.spi.ExitHandler
 */
module dev.pyhost.atexit {
    requires transitive dev.pyhost.api;
    requires static transitive com.google.auto.service;

    exports dev.pyhost.atexit;

    provides dev.pyhost.api.spi.ExitHandler with dev.pyhost.atexit.FlushJavaStdio;
}
