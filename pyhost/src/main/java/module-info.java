/**
 * PyHost in one module: {@code requires dev.pyhost;} gives an application the API ({@code dev.pyhost.api}) and
 * brings along everything a runtime needs: the lifecycle manager, the CPython binding, the built-in exit handlers
 * and the embedded CPython 3.14, which is used unless the application chooses another installation. Grant the
 * binding native access with {@code --enable-native-access=dev.pyhost.cpython}.
 */
@SuppressWarnings("module") // requires modules that export nothing: they take part through their services
module dev.pyhost {
    requires transitive dev.pyhost.api;
    requires dev.pyhost.core;
    requires dev.pyhost.cpython;
    requires dev.pyhost.atexit;
    requires dev.pyhost.embedded;
}
