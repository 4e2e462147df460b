package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_LONG;
import static dev.pyhost.cpython.Downcalls.C_POINTER;
import static dev.pyhost.cpython.NativeFunction.addressOf;
import static dev.pyhost.cpython.NativeFunction.pointer;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Runs Python source from a C {@code FILE*} with {@code PyRun_FileExFlags}, as {@code _PyRun_SimpleFileObject}
 * runs a main file, standard input and {@code PYTHONSTARTUP}: CPython's own file tokenizer reads it, so what it
 * refuses (null bytes, undecodable bytes without a coding declaration, a BOM with another declared encoding, a
 * declared encoding that does not decode) fails with python's own {@code SyntaxError} and location, and a file is
 * decoded line by line as python decodes it. The C library and CPython functions it needs are bound here, apart
 * from {@link CApi}.
 */
final class FileRun {
    /** {@code Py_file_input}. */
    private static final int PY_FILE_INPUT = 257;
    private static final int EOF = -1;

    private FileRun() {
    }

    private static NativeFunction libc(String name, FunctionDescriptor descriptor) {
        return NativeFunction.of(name, Downcalls.LINKER.defaultLookup().find(name).orElse(MemorySegment.NULL),
                descriptor, "The C library has no function '" + name + "'");
    }

    private static final class Fdopen {
        static final NativeFunction FUNCTION = libc("fdopen", FunctionDescriptor.of(C_POINTER, C_INT, C_POINTER));
    }

    private static final class Fgetc {
        static final NativeFunction FUNCTION = libc("fgetc", FunctionDescriptor.of(C_INT, C_POINTER));
    }

    private static final class Ungetc {
        static final NativeFunction FUNCTION = libc("ungetc", FunctionDescriptor.of(C_INT, C_INT, C_POINTER));
    }

    private static final class Close {
        static final NativeFunction FUNCTION = libc("close", FunctionDescriptor.of(C_INT, C_INT));
    }

    private static final class PyRunFileExFlags {
        static final MethodHandle HANDLE = LibPython.loaded().bind("PyRun_FileExFlags", FunctionDescriptor.of(
                C_POINTER, C_POINTER, C_POINTER, C_INT, C_POINTER, C_POINTER, C_INT, C_POINTER));
    }

    private static final class PyLongAsLong {
        static final NativeFunction FUNCTION = LibPython.loaded().function("PyLong_AsLong",
                FunctionDescriptor.of(C_LONG, C_POINTER));
    }

    /**
     * Runs the file open on a descriptor, or C's {@code stdin}, in a namespace.
     *
     * @param py the interpreter, with the GIL held
     * @param args the step's arguments: the descriptor (an int; negative for C's {@code stdin}, which stays open;
     *     any other is closed, by {@code fclose} after parsing as {@code closeit} asks), the file name as the
     *     file system encodes it (bytes), the namespace (a dict, globals and locals), and whether to skip the first
     *     line (its newline is kept, so line numbers stay)
     * @return a new reference to the result, or NULL with the error set
     */
    @SuppressWarnings("restricted") // stdin is a C global holding a FILE*
    static MemorySegment run(PyObjects py, MemorySegment args) {
        int fd = (int) asLong(py.tupleItem(args, 0));
        byte[] filename = py.bytes(py.tupleItem(args, 1));
        MemorySegment namespace = py.tupleItem(args, 2);
        boolean skipFirstLine = py.tupleItem(args, 3).address() != py.none().address()
                && asLong(py.tupleItem(args, 3)) != 0;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fp;
            if (fd < 0) {
                MemorySegment stdin = LibC.dlsym(MemorySegment.NULL, "stdin");
                if (stdin.address() == 0) {
                    throw new IllegalStateException("The C library has no 'stdin'");
                }
                fp = stdin.reinterpret(C_POINTER.byteSize()).get(C_POINTER, 0);
            } else {
                fp = pointer(Fdopen.FUNCTION.call(fd, addressOf(arena.allocateFrom("rb"))));
                if (fp.address() == 0) {
                    int ignored = (int) Close.FUNCTION.call(fd);
                    throw new IllegalStateException("fdopen failed on descriptor " + fd + " (" + ignored + ")");
                }
            }
            if (skipFirstLine) {
                skipLine(fp);
            }
            MemorySegment name = arena.allocate(filename.length + 1L);
            MemorySegment.copy(filename, 0, name, ValueLayout.JAVA_BYTE, 0, filename.length);
            return (MemorySegment) PyRunFileExFlags.HANDLE.invokeExact(fp, name, PY_FILE_INPUT, namespace, namespace,
                    fd < 0 ? 0 : 1, MemorySegment.NULL);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw Downcalls.failure("PyRun_FileExFlags", t);
        }
    }

    /** What {@code pymain_run_file_obj} does for {@code -x}: reads up to the first newline and pushes it back. */
    private static void skipLine(MemorySegment fp) throws Throwable {
        while (true) {
            int ch = (int) Fgetc.FUNCTION.call(addressOf(fp));
            if (ch == EOF) {
                return;
            }
            if (ch == '\n') {
                int ignored = (int) Ungetc.FUNCTION.call(ch, addressOf(fp));
                return;
            }
        }
    }

    private static long asLong(MemorySegment o) {
        return PyLongAsLong.FUNCTION.call(addressOf(o));
    }
}
