package dev.pyhost.testkit.contract;

import java.util.ServiceLoader;
import java.util.function.Function;

/** PyHost's own plug-ins, as ServiceLoader makes them (a new instance per call), found by id. */
final class Builtins {
    private Builtins() {
    }

    static <T> T byId(Class<T> type, Function<T, String> id, String wanted) {
        return ServiceLoader.load(type, Builtins.class.getClassLoader()).stream().map(ServiceLoader.Provider::get)
                .filter(p -> wanted.equals(id.apply(p))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " '" + wanted
                        + "' on the test class path"));
    }
}
