package dev.pyhost.cpython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.InitializationException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Reading a {@code PyStatus} through its declared layout (the layout itself is checked against gcc's offsetof in
 * {@link PyConfigLayoutIT}).
 */
class PyStatusCheckTest {
    private static MemorySegment status(Arena arena, int type, String func, String message, int exitCode) {
        MemorySegment s = arena.allocate(PyStatusCheck.LAYOUT);
        s.set(Downcalls.C_INT, offset("_type"), type);
        s.set(Downcalls.C_POINTER, offset("func"), func == null ? MemorySegment.NULL : arena.allocateFrom(func));
        s.set(Downcalls.C_POINTER, offset("err_msg"),
                message == null ? MemorySegment.NULL : arena.allocateFrom(message));
        s.set(Downcalls.C_INT, offset("exitcode"), exitCode);
        return s;
    }

    private static long offset(String field) {
        return PyStatusCheck.LAYOUT.byteOffset(PathElement.groupElement(field));
    }

    @Test
    void okPasses() {
        try (Arena arena = Arena.ofConfined()) {
            PyStatusCheck.check(status(arena, PyStatusCheck.TYPE_OK, "ignored", "ignored", 9));
        }
    }

    @Test
    void exitCarriesTheExitCode() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = status(arena, PyStatusCheck.TYPE_EXIT, null, null, 7);
            InitializationException e = assertThrows(InitializationException.class, () -> PyStatusCheck.check(s));
            assertEquals(OptionalInt.of(7), e.exitCode());
        }
    }

    @Test
    void errorCarriesFunctionAndMessage() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = status(arena, PyStatusCheck.TYPE_ERROR, "init_fs_encoding", "unknown encoding", 0);
            InitializationException e = assertThrows(InitializationException.class, () -> PyStatusCheck.check(s));
            assertEquals(Optional.of("init_fs_encoding"), e.function());
            assertEquals(Optional.of("unknown encoding"), e.statusMessage());
            assertTrue(e.exitCode().isEmpty());

            MemorySegment bare = status(arena, PyStatusCheck.TYPE_ERROR, null, "no function", 0);
            InitializationException b = assertThrows(InitializationException.class, () -> PyStatusCheck.check(bare));
            assertEquals(Optional.empty(), b.function());
            assertEquals(Optional.of("no function"), b.statusMessage());
        }
    }
}
