package dev.pyhost.cpython;

import static dev.pyhost.cpython.LibC.INT;
import static dev.pyhost.cpython.LibC.LONG;
import static dev.pyhost.cpython.LibC.PTR;

import dev.pyhost.api.NativeAccessException;
import dev.pyhost.api.PythonVersion;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One loaded libpython: its symbols and lazily created downcall handles. A process can hold one libpython only
 * (CPython keeps process-wide state), so {@link #load} returns the same instance for the same path and refuses a
 * second, different one.
 */
@SuppressWarnings("restricted") // this module is the one place that calls native code
final class LibPython {
    /** {@code PyStatus}, returned by value: {@code {int _type; const char *func; const char *err_msg; int exitcode;}}. */
    static final StructLayout PY_STATUS = MemoryLayout.structLayout(
            INT.withName("_type"), MemoryLayout.paddingLayout(4),
            PTR.withName("func"), PTR.withName("err_msg"),
            INT.withName("exitcode"), MemoryLayout.paddingLayout(4));

    private static final Object LOCK = new Object();
    private static LibPython loaded;

    private final Path path;
    private final MemorySegment handle;
    private final PythonVersion version;
    private final Map<String, LibC.Lazy> functions = new HashMap<>();
    private final MemorySegment none;

    private LibPython(Path path, MemorySegment handle) {
        this.path = path;
        this.handle = handle;
        MemorySegment getVersion = symbol("Py_GetVersion");
        MethodHandle mh = LibC.LINKER.downcallHandle(getVersion, FunctionDescriptor.of(PTR));
        String text;
        try {
            text = ((MemorySegment) mh.invokeExact()).reinterpret(Long.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            throw LibC.rethrow("Py_GetVersion", t);
        }
        this.version = PythonVersion.parse(text);
        this.none = symbol("_Py_NoneStruct");
    }

    /**
     * Loads libpython (once per process).
     *
     * @param path the shared library
     * @param preload libraries to load globally first
     * @return the library
     * @throws NativeAccessException when it cannot be loaded, is not libpython, or another one is loaded already
     */
    static LibPython load(Path path, java.util.List<Path> preload) {
        synchronized (LOCK) {
            // Not normalized: CPython computes sys.prefix from the path the library was loaded by.
            Path real = path.toAbsolutePath();
            if (loaded != null) {
                if (!loaded.path.equals(real)) {
                    throw new NativeAccessException("This process already loaded " + loaded.path + " (CPython "
                            + loaded.version + "); CPython cannot be loaded twice in one process, so " + real
                            + " cannot be used. Run it in another process.");
                }
                return loaded;
            }
            for (Path lib : preload) {
                LibC.dlopen(lib.toAbsolutePath().toString());
            }
            MemorySegment h = LibC.dlopen(real.toString());
            if (LibC.dlsym(h, "Py_GetVersion").address() == 0) {
                throw new NativeAccessException(real + " is not a CPython shared library (it has no Py_GetVersion)");
            }
            loaded = new LibPython(real, h);
            return loaded;
        }
    }

    Path path() {
        return path;
    }

    PythonVersion version() {
        return version;
    }

    /** {@return the address of {@code Py_None}} */
    MemorySegment none() {
        return none;
    }

    boolean has(String name) {
        return LibC.dlsym(handle, name).address() != 0;
    }

    MemorySegment symbol(String name) {
        MemorySegment s = LibC.dlsym(handle, name);
        if (s.address() == 0) {
            throw new NativeAccessException(path + " (CPython " + (version == null ? "?" : version)
                    + ") has no symbol '" + name + "'");
        }
        return s;
    }

    /**
     * The downcall handle of a function, created on first use.
     *
     * @param name the C function
     * @param descriptor its signature
     * @return the handle
     */
    MethodHandle fn(String name, FunctionDescriptor descriptor) {
        LibC.Lazy lazy;
        synchronized (functions) {
            lazy = functions.computeIfAbsent(name,
                    n -> new LibC.Lazy(n, () -> LibC.LINKER.downcallHandle(symbol(n), descriptor)));
        }
        return lazy.get();
    }

    static FunctionDescriptor status(java.lang.foreign.MemoryLayout... args) {
        return FunctionDescriptor.of(PY_STATUS, args);
    }

    static FunctionDescriptor obj(java.lang.foreign.MemoryLayout... args) {
        return FunctionDescriptor.of(PTR, args);
    }

    static FunctionDescriptor integer(java.lang.foreign.MemoryLayout... args) {
        return FunctionDescriptor.of(INT, args);
    }

    static FunctionDescriptor voidFn(java.lang.foreign.MemoryLayout... args) {
        return FunctionDescriptor.ofVoid(args);
    }

    static FunctionDescriptor ssize(java.lang.foreign.MemoryLayout... args) {
        return FunctionDescriptor.of(LONG, args);
    }
}
