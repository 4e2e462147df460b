package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_POINTER;

import dev.pyhost.api.InitializationException;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

/**
 * Checks a {@code PyStatus} that a configuration function returned by value, read through its declared layout,
 * and turns an error or exit status into an {@link InitializationException}.
 */
final class PyStatusCheck {
    /**
     * {@code PyStatus}: {@code {enum {_PyStatus_TYPE_OK, _ERROR, _EXIT} _type; const char *func;
     * const char *err_msg; int exitcode;}}.
     */
    static final StructLayout LAYOUT = MemoryLayout.structLayout(
            C_INT.withName("_type"), MemoryLayout.paddingLayout(4),
            C_POINTER.withName("func"),
            C_POINTER.withName("err_msg"),
            C_INT.withName("exitcode"), MemoryLayout.paddingLayout(4)).withName("PyStatus");

    private static final ValueLayout.OfInt TYPE = (ValueLayout.OfInt) LAYOUT.select(PathElement.groupElement("_type"));
    private static final long TYPE_OFFSET = LAYOUT.byteOffset(PathElement.groupElement("_type"));
    private static final AddressLayout FUNC = (AddressLayout) LAYOUT.select(PathElement.groupElement("func"));
    private static final long FUNC_OFFSET = LAYOUT.byteOffset(PathElement.groupElement("func"));
    private static final AddressLayout ERR_MSG = (AddressLayout) LAYOUT.select(PathElement.groupElement("err_msg"));
    private static final long ERR_MSG_OFFSET = LAYOUT.byteOffset(PathElement.groupElement("err_msg"));
    private static final ValueLayout.OfInt EXITCODE =
            (ValueLayout.OfInt) LAYOUT.select(PathElement.groupElement("exitcode"));
    private static final long EXITCODE_OFFSET = LAYOUT.byteOffset(PathElement.groupElement("exitcode"));

    /** {@code _PyStatus_TYPE_OK}. */
    static final int TYPE_OK = 0;
    /** {@code _PyStatus_TYPE_ERROR}. */
    static final int TYPE_ERROR = 1;
    /** {@code _PyStatus_TYPE_EXIT}. */
    static final int TYPE_EXIT = 2;

    private PyStatusCheck() {
    }

    /**
     * Returns when the status is OK.
     *
     * @param status a {@code PyStatus} as returned by value
     * @throws InitializationException for an exit status (its exit code) or an error (its function and message)
     */
    static void check(MemorySegment status) {
        int type = status.get(TYPE, TYPE_OFFSET);
        if (type == TYPE_OK) {
            return;
        }
        if (type == TYPE_EXIT) {
            throw InitializationException.exit(status.get(EXITCODE, EXITCODE_OFFSET));
        }
        throw InitializationException.error(Downcalls.string(status.get(FUNC, FUNC_OFFSET)),
                Downcalls.string(status.get(ERR_MSG, ERR_MSG_OFFSET)));
    }
}
