package dev.pyhost.cpython;

import dev.pyhost.api.InitializationException;
import java.lang.foreign.MemorySegment;

/** Reads a {@code PyStatus} returned by value and turns error and exit statuses into exceptions. */
@SuppressWarnings("restricted") // this module is the one place that calls native code
final class PyStatusCheck {
    private PyStatusCheck() {
    }

    static void check(MemorySegment status) {
        int type = status.get(LibC.INT, 0);
        if (type == 0) {
            return;
        }
        if (type == 2) {
            throw InitializationException.exit(status.get(LibC.INT, 24));
        }
        throw InitializationException.error(string(status.get(LibC.PTR, 8)), string(status.get(LibC.PTR, 16)));
    }

    private static String string(MemorySegment p) {
        return p.address() == 0 ? null : p.reinterpret(Long.MAX_VALUE).getString(0);
    }
}
