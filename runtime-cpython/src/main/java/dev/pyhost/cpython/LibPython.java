package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_POINTER;

import dev.pyhost.api.NativeAccessException;
import dev.pyhost.api.PythonVersion;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.List;

/**
 * The one libpython of this process: loading it, its version, and its symbols, which {@link CApi},
 * {@link CApi313} and {@link CApi314} bind against. A process can hold one libpython only (CPython keeps
 * process-wide state), so {@link #load} returns the same instance for the same path and refuses a second,
 * different one.
 */
final class LibPython {
    private static final Object LOCK = new Object();
    private static volatile LibPython loaded;

    private final Path path;
    private final MemorySegment handle;
    private final PythonVersion version;

    private LibPython(Path path, MemorySegment handle) {
        this.path = path;
        this.handle = handle;
        // Bound here rather than in CApi: CApi binds against the loaded library, which this is not yet.
        NativeFunction getVersion = NativeFunction.of("Py_GetVersion", symbol("Py_GetVersion"),
                FunctionDescriptor.of(C_POINTER), path + " has no function 'Py_GetVersion'");
        this.version = PythonVersion.parse(Downcalls.string(NativeFunction.pointer(getVersion.call())));
    }

    /**
     * Loads libpython (once per process).
     *
     * @param path the shared library
     * @param preload libraries to load globally first
     * @return the library
     * @throws NativeAccessException when it cannot be loaded, is not libpython, or another one is loaded already
     */
    static LibPython load(Path path, List<Path> preload) {
        synchronized (LOCK) {
            // Not normalized: CPython computes sys.prefix from the path the library was loaded by.
            Path real = path.toAbsolutePath();
            LibPython current = loaded;
            if (current != null) {
                if (!current.path.equals(real)) {
                    throw new NativeAccessException("This process already loaded " + current.path + " (CPython "
                            + current.version + "); CPython cannot be loaded twice in one process, so " + real
                            + " cannot be used. Run it in another process.");
                }
                return current;
            }
            for (Path lib : preload) {
                LibC.dlopen(lib.toAbsolutePath().toString());
            }
            MemorySegment h = LibC.dlopen(real.toString());
            if (LibC.dlsym(h, "Py_GetVersion").address() == 0) {
                throw new NativeAccessException(real + " is not a CPython shared library (it has no Py_GetVersion)");
            }
            current = new LibPython(real, h);
            loaded = current;
            return current;
        }
    }

    /**
     * The libpython this process loaded, which the C API bindings bind against.
     *
     * @return the library
     * @throws IllegalStateException when none is loaded yet (a PyHost defect: the C API is used before loading)
     */
    static LibPython loaded() {
        LibPython current = loaded;
        if (current == null) {
            throw new IllegalStateException("The CPython C API is used before libpython is loaded");
        }
        return current;
    }

    PythonVersion version() {
        return version;
    }

    /** {@return whether this library defines a symbol} */
    boolean has(String name) {
        return find(name).address() != 0;
    }

    /**
     * The address of a symbol, if the library defines it.
     *
     * @param name the symbol
     * @return its address, or {@link MemorySegment#NULL}
     */
    MemorySegment find(String name) {
        return LibC.dlsym(handle, name);
    }

    /**
     * The address of a symbol.
     *
     * @param name the symbol
     * @return its address
     * @throws NativeAccessException when the library does not define it
     */
    MemorySegment symbol(String name) {
        MemorySegment s = find(name);
        if (s.address() == 0) {
            throw new NativeAccessException(this + " has no symbol '" + name + "'");
        }
        return s;
    }

    /**
     * A downcall handle for a function of this library; one that throws {@link NativeAccessException} when
     * called if the library lacks it.
     *
     * @param name the C function
     * @param descriptor its signature
     * @return the handle
     */
    MethodHandle bind(String name, FunctionDescriptor descriptor) {
        return Downcalls.bind(find(name), descriptor, this + " has no function '" + name + "'");
    }

    /**
     * A function of this library with integer and pointer parameters, called through the canonical shapes; one
     * that throws {@link NativeAccessException} when called if the library lacks it.
     *
     * @param name the C function
     * @param descriptor its signature
     * @return the function
     */
    NativeFunction function(String name, FunctionDescriptor descriptor) {
        return NativeFunction.of(name, find(name), descriptor, this + " has no function '" + name + "'");
    }

    /**
     * Like {@link #function(String, FunctionDescriptor)}, for a function that a later CPython version added.
     *
     * @param name the C function
     * @param descriptor its signature
     * @param sinceMinor the CPython 3 minor version that added it
     * @return the function
     */
    NativeFunction function(String name, FunctionDescriptor descriptor, int sinceMinor) {
        return NativeFunction.of(name, find(name), descriptor, this + " has no function '" + name
                + "', which CPython 3." + sinceMinor + " added");
    }

    /**
     * Like {@link #bind(String, FunctionDescriptor)}, for a function that a later CPython version added.
     *
     * @param name the C function
     * @param descriptor its signature
     * @param sinceMinor the CPython 3 minor version that added it
     * @return the handle
     */
    MethodHandle bind(String name, FunctionDescriptor descriptor, int sinceMinor) {
        return Downcalls.bind(find(name), descriptor, this + " has no function '" + name
                + "', which CPython 3." + sinceMinor + " added");
    }

    /** {@return the version and the path, as messages name this library} */
    @Override
    public String toString() {
        return "CPython " + (version == null ? "?" : version) + " (" + path + ")";
    }
}
