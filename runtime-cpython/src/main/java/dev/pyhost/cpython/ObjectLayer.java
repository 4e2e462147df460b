package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_INT;
import static dev.pyhost.cpython.Downcalls.C_LONG;
import static dev.pyhost.cpython.Downcalls.C_POINTER;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PyHostException;
import dev.pyhost.api.PythonException;
import dev.pyhost.api.spi.ValueConverter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The object API of one runtime: calls on the caller's thread through the {@link Gil}, owned references
 * ({@link CPythonObject}) released exactly once, the Python helpers of {@code objects.py}, describing Python
 * exceptions as {@link PythonException}s, and the {@link Conversions}. Methods whose names end in {@code Locked}
 * must run with the GIL held (inside {@link #withGil}).
 */
final class ObjectLayer {
    private static final int MAX_CHAIN = 64;

    final Gil gil;
    final PyObjects py = new PyObjects();
    final Conversions conversions;
    private final Cleaner cleaner = Cleaner.create(r -> Thread.ofPlatform().daemon(true)
            .name("pyhost-object-cleaner").unstarted(r));
    private final ConcurrentLinkedQueue<Long> pending = new ConcurrentLinkedQueue<>();
    private final List<ValueConverter<?>> converters = new CopyOnWriteArrayList<>();
    /** Whether the converters on the class path were looked for (on first use, not at start-up). */
    private volatile boolean convertersLoaded;
    private volatile Interpreter interpreter;
    private volatile MemorySegment helpers;
    /** Whether {@link #releaseAllLocked} ran: the helpers are gone for good. */
    private volatile boolean released;
    /** The {@link CPythonBuffer}s open now, closed right before finalization (lock-free: added with the GIL held). */
    final ConcurrentLinkedQueue<CPythonBuffer> buffers = new ConcurrentLinkedQueue<>();
    /** The type {@code pyhost.SharedSegment} of this runtime, made on first use ({@link CPythonSharedSegment}). */
    volatile MemorySegment sharedSegmentType;

    /**
     * The references of open handles, for a sub-interpreter's layer: each one left when the interpreter ends would
     * keep CPython 3.13+ from freeing the interpreter's whole allocator (it keeps the arenas of an interpreter that
     * leaked a block), so they are dropped first. {@code null} for the main interpreter, which finalization ends.
     */
    private final java.util.Set<Reference> live;

    ObjectLayer(Gil gil) {
        this(gil, false);
    }

    ObjectLayer(Gil gil, boolean trackHandles) {
        this.gil = gil;
        this.conversions = new Conversions(this);
        this.live = trackHandles ? java.util.concurrent.ConcurrentHashMap.newKeySet() : null;
    }

    /**
     * With the interpreter's GIL held, right before a sub-interpreter ends, or during the main interpreter's
     * finalization once Python's {@code atexit} callbacks ran ({@link FinalizeHook}): drops every reference this
     * layer still holds there (open handles of a sub-interpreter, the helpers, the types it made), so that nothing
     * of it outlives the interpreter or CPython's module cleanup. The helpers are not loaded again afterwards.
     */
    void releaseAllLocked() {
        released = true;
        closeBuffersLocked();
        drainLocked();
        if (live != null) {
            for (Reference r : List.copyOf(live)) {
                r.releaseLocked();
            }
        }
        MemorySegment h = helpers;
        helpers = null;
        py.decref(h == null ? MemorySegment.NULL : h);
        MemorySegment t = sharedSegmentType;
        sharedSegmentType = null;
        py.decref(t == null ? MemorySegment.NULL : t);
        gil.interrupts.releaseLocked();
    }

    /** {@return whether {@link #releaseAllLocked} ran} */
    boolean released() {
        return released;
    }

    void attach(Interpreter interpreter) {
        this.interpreter = interpreter;
    }

    Interpreter interpreter() {
        return interpreter;
    }

    /**
     * Runs work with the GIL held on the calling thread, after dropping the references that handles released
     * while unreachable.
     */
    <T> T withGil(Supplier<T> work) {
        if (!convertersLoaded) {
            loadConverters(); // outside the GIL: it takes a Java lock
        }
        try {
            return gil.call(() -> {
                drainLocked();
                return work.get();
            });
        } finally {
            if (!Gil.insideCall()) {
                flushRegistrations();
            }
        }
    }

    /** Handles created by this thread with the GIL held, to register with the cleaner once it is released. */
    private static final ThreadLocal<List<CPythonObject>> UNREGISTERED = ThreadLocal.withInitial(ArrayList::new);

    /** Registers this thread's new handles with the cleaner; called where this thread does not hold the GIL. */
    static void flushRegistrations() {
        List<CPythonObject> handles = UNREGISTERED.get();
        if (!handles.isEmpty()) {
            for (CPythonObject h : handles) {
                h.register();
            }
            handles.clear();
        }
    }

    /**
     * On the interpreter's main thread with the GIL held, right before {@code Py_FinalizeEx}: on 3.10-3.12 the
     * thread that first imports {@code threading} becomes its main thread, and when that was a Java caller's
     * thread, {@code threading._shutdown} would wait for it forever; objects.py forgets it.
     */
    void beforeFinalizeLocked() {
        closeBuffersLocked();
        // Any API call may have been the first import of threading (importModule loads no helpers), so 3.10-3.12
        // load them here if need be; not without threading, which then has nothing to forget (loading them would
        // import itertools, which python does not import: it would show in -v's cleanup lines).
        if (helpers != null || (LibPython.loaded().version().minor() < 13
                && py.dictItem(InterpreterNatives.modules(), "threading").address() != 0)) {
            MemorySegment r = callLocked(helperLocked("before_finalize"), new Object[0]);
            if (r.address() == 0) {
                CApiObjects.PyErr_Clear();
            }
            py.decref(r);
        }
    }

    /** Closes the buffers still open, right before the interpreter ends. */
    void closeBuffersLocked() {
        CPythonBuffer open;
        while ((open = buffers.poll()) != null) {
            open.closeLocked();
        }
    }

    private void drainLocked() {
        Long address;
        while ((address = pending.poll()) != null) {
            CApi.Py_DecRef(MemorySegment.ofAddress(address));
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Owned references

    /** Wraps a new reference in a handle the caller owns (NULL: the pending Python error is thrown). */
    CPythonObject ownLocked(MemorySegment reference) {
        return newHandleLocked(checkLocked(reference).address());
    }

    /** A handle for a new reference (not NULL), its cleaner registration deferred until the GIL is released. */
    CPythonObject newHandleLocked(long address) {
        CPythonObject handle = new CPythonObject(this, address);
        UNREGISTERED.get().add(handle);
        return handle;
    }

    /**
     * Converts a new reference to a Java type and drops it; for NULL, takes the pending Python error and throws it.
     */
    <T> T takeLocked(MemorySegment result, Class<T> type) {
        checkLocked(result);
        try {
            return conversions.toJavaLocked(result, type);
        } finally {
            py.decref(result);
        }
    }

    /** Registers the release of a handle's reference: at close() or, when unreachable, at the next call. */
    Cleaner.Cleanable register(Object handle, Reference reference) {
        return cleaner.register(handle, reference);
    }

    /** The reference a handle owns, dropped exactly once. */
    static final class Reference implements Runnable {
        final long address;
        private final ObjectLayer layer;
        volatile boolean released;

        Reference(ObjectLayer layer, long address) {
            this.layer = layer;
            this.address = address;
            if (layer.live != null) {
                layer.live.add(this);
            }
        }

        /** With the GIL held: drops the reference now, once. */
        void releaseLocked() {
            if (!released) {
                released = true;
                if (layer.live != null) {
                    layer.live.remove(this);
                }
                CApi.Py_DecRef(MemorySegment.ofAddress(address));
            }
        }

        /** The cleaner's action: the handle is unreachable (or closed, then nothing is left to do). */
        @Override
        public void run() {
            if (!released) {
                released = true;
                if (layer.live != null) {
                    layer.live.remove(this);
                }
                if (!layer.gil.isClosed()) {
                    layer.pending.add(address);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Errors

    /** Returns a non-NULL result; for NULL takes the pending Python error and throws it. */
    MemorySegment checkLocked(MemorySegment result) {
        if (result.address() == 0) {
            throw errorLocked();
        }
        return result;
    }

    /**
     * Takes the pending Python error and turns it into what Java throws: the original Java exception when it is
     * a {@code JavaException} raised for one, a {@link PythonException} otherwise.
     */
    RuntimeException errorLocked() {
        MemorySegment exc = py.fetchException();
        Throwable t = describeLocked(exc, 0);
        return switch (t) {
            case RuntimeException r -> r;
            case Error e -> throw e;
            default -> new PyHostException("Java code called from Python threw " + t, t);
        };
    }

    /** Describes an exception object (a new reference, consumed). */
    private Throwable describeLocked(MemorySegment exc, int depth) {
        MemorySegment d;
        try {
            d = callHelperLocked("describe", exc);
        } catch (RuntimeException e) {
            py.decref(exc);
            return new PythonException("<unknown>", "the Python exception could not be described: " + e, "");
        }
        try {
            MemorySegment capsule = py.tupleItem(d, 5);
            if (capsule.address() != CApi.Py_None().address()) {
                Throwable original = JavaFunctions.throwable(capsule);
                if (original != null) {
                    py.decref(exc);
                    return original;
                }
            }
            PythonException e = new PythonException(conversions.stringLocked(py.tupleItem(d, 0)),
                    conversions.stringLocked(py.tupleItem(d, 1)), conversions.stringLocked(py.tupleItem(d, 2)),
                    newHandleLocked(exc.address()));
            e.setStackTrace(frames(py.tupleItem(d, 3), e.getStackTrace()));
            MemorySegment cause = py.tupleItem(d, 4);
            if (cause.address() != CApi.Py_None().address() && depth < MAX_CHAIN) {
                e.initCause(describeLocked(py.incref(cause), depth + 1));
            }
            return e;
        } finally {
            py.decref(d);
        }
    }

    private StackTraceElement[] frames(MemorySegment tuple, StackTraceElement[] java) {
        long n = CApiObjects.PyTuple_Size(tuple);
        List<StackTraceElement> all = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            MemorySegment f = py.tupleItem(tuple, i);
            all.add(new StackTraceElement(conversions.stringLocked(py.tupleItem(f, 0)),
                    conversions.stringLocked(py.tupleItem(f, 1)), conversions.stringLocked(py.tupleItem(f, 2)),
                    (int) conversions.longLocked(py.tupleItem(f, 3))));
        }
        int skip = 0;
        while (skip < java.length && internal(java[skip].getClassName())) {
            skip++;
        }
        for (int i = skip; i < java.length; i++) {
            all.add(java[i]);
        }
        return all.toArray(StackTraceElement[]::new);
    }

    private static boolean internal(String className) {
        return className.startsWith("dev.pyhost.cpython.") || className.startsWith("java.lang.ScopedValue")
                || className.startsWith("jdk.internal.") || className.startsWith("java.lang.invoke.");
    }

    /** Sets a Python {@code TypeError} (or another builtin exception) as the pending error. */
    void raiseLocked(String type, String message) {
        MemorySegment cls = checkLocked(CApiObjects.PyObject_GetAttrString(builtinsLocked(), cString(type)));
        try (Arena arena = Arena.ofConfined()) {
            CApiObjects.PyErr_SetString(cls, arena.allocateFrom(message));
        } finally {
            py.decref(cls);
        }
    }

    /**
     * {@return whether the pending error is an instance of a builtin exception class} Reads the class from its
     * {@code PyExc_*} variable: no call that could see the pending error as its own failure.
     */
    @SuppressWarnings("restricted") // a PyObject * variable
    boolean pendingIsLocked(String builtinType) {
        MemorySegment variable = LibPython.loaded().symbol("PyExc_" + builtinType);
        return CApiObjects.PyErr_ExceptionMatches(variable.reinterpret(8).get(ValueLayout.ADDRESS, 0)) == 1;
    }

    private MemorySegment builtinsLocked() {
        return CApiObjects.PyImport_AddModule(cString("builtins"));
    }

    // ------------------------------------------------------------------------------------------------
    // Helpers (objects.py)

    /** Calls a helper of objects.py with Java arguments; a new reference, or the Python error thrown. */
    MemorySegment callHelperLocked(String name, Object... args) {
        MemorySegment fn = helperLocked(name);
        return checkLocked(callLocked(fn, args));
    }

    /** {@return a borrowed reference to a helper function or class of objects.py} */
    MemorySegment helperLocked(String name) {
        MemorySegment globals = helpers;
        if (globals == null) {
            if (released) {
                throw new dev.pyhost.api.LifecycleException("PyHost's helpers were released: the interpreter is "
                        + "being finalized");
            }
            globals = loadHelpersLocked();
        }
        MemorySegment fn = py.dictItem(globals, name);
        if (fn.address() == 0) {
            throw new PyHostException("objects.py has no '" + name + "' (a PyHost bug; please report it)");
        }
        return fn;
    }

    /**
     * Loads objects.py. No Java lock: the GIL is the lock, and running the module may release it, so two threads may
     * both load it; the second to finish drops its copy.
     */
    private MemorySegment loadHelpersLocked() {
        MemorySegment globals = py.newDict();
        MemorySegment code;
        try (Arena arena = Arena.ofConfined()) {
            code = CApiObjects.Py_CompileStringExFlags(arena.allocateFrom(Bootstrap.resource("objects.py")),
                    arena.allocateFrom("<pyhost-objects>"), 257, MemorySegment.NULL, -1);
        }
        if (code.address() == 0) {
            throw new PyHostException("PyHost's objects.py does not compile (a PyHost bug): " + errorLocked());
        }
        CApiObjects.PyDict_SetItemString(globals, cString("__builtins__"), builtinsLocked());
        MemorySegment r = py.evalCode(code, globals);
        py.decref(code);
        if (r.address() == 0) {
            throw new PyHostException("PyHost's objects.py does not run (a PyHost bug): " + errorLocked());
        }
        py.decref(r);
        MemorySegment other = helpers;
        if (other != null) {
            py.decref(globals);
            return other;
        }
        helpers = globals;
        return globals;
    }

    /**
     * Calls {@code callable(*args)} with Java arguments (converted; a {@link MemorySegment} is passed as the
     * borrowed reference it is) and keyword arguments; a new reference or NULL with the error set.
     */
    MemorySegment callLocked(MemorySegment callable, Object[] args) {
        return callLocked(callable, args, null);
    }

    MemorySegment callLocked(MemorySegment callable, Object[] args, Map<String, ?> kwargs) {
        int n = args.length;
        if (n == 0 && (kwargs == null || kwargs.isEmpty())) {
            return CApiObjects.PyObject_VectorcallDict(callable, MemorySegment.NULL, 0, MemorySegment.NULL);
        }
        MemorySegment[] refs = new MemorySegment[n];
        MemorySegment kwdict = MemorySegment.NULL;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment vector = arena.allocate(C_POINTER, Math.max(1, n));
            for (int i = 0; i < n; i++) {
                refs[i] = args[i] instanceof MemorySegment m ? py.incref(m) : conversions.toPythonLocked(args[i]);
                vector.setAtIndex(C_POINTER, i, refs[i]);
            }
            if (kwargs != null && !kwargs.isEmpty()) {
                kwdict = py.newDict();
                for (Map.Entry<String, ?> e : kwargs.entrySet()) {
                    MemorySegment v = conversions.toPythonLocked(e.getValue());
                    int rc = CApiObjects.PyDict_SetItemString(kwdict, arena.allocateFrom(e.getKey()), v);
                    py.decref(v);
                    if (rc != 0) {
                        throw errorLocked();
                    }
                }
            }
            return CApiObjects.PyObject_VectorcallDict(callable, vector, n, kwdict);
        } finally {
            for (MemorySegment r : refs) {
                if (r != null) {
                    py.decref(r);
                }
            }
            py.decref(kwdict);
        }
    }

    /** A C string that lives for the process (names used again and again). */
    static MemorySegment cString(String s) {
        return CStrings.of(s);
    }

    /** Interned C strings, allocated once in the global arena. */
    private static final class CStrings {
        private static final java.util.concurrent.ConcurrentHashMap<String, MemorySegment> MAP =
                new java.util.concurrent.ConcurrentHashMap<>();

        static MemorySegment of(String s) {
            MemorySegment m = MAP.get(s);
            if (m == null) {
                m = MAP.computeIfAbsent(s, k -> Arena.global().allocateFrom(k));
            }
            return m;
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Converters

    private synchronized void loadConverters() {
        if (convertersLoaded) {
            return;
        }
        List<ServiceLoader<?>> loaders = new ArrayList<>();
        loaders.add(ServiceLoader.load(ValueConverter.class, ObjectLayer.class.getClassLoader()));
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null && context != ObjectLayer.class.getClassLoader()) {
            loaders.add(ServiceLoader.load(ValueConverter.class, context));
        }
        for (ServiceLoader<?> loader : loaders) {
            try {
                for (Object c : loader) {
                    ValueConverter<?> converter = (ValueConverter<?>) c;
                    if (converters.stream().noneMatch(x -> x.getClass() == converter.getClass())) {
                        converters.add(converter);
                    }
                }
            } catch (ServiceConfigurationError e) {
                throw new dev.pyhost.api.ProviderException("A ValueConverter on the class path is broken: "
                        + e.getMessage(), e);
            }
        }
        if (!converters.isEmpty()) {
            Log.LOG.log(System.Logger.Level.DEBUG, "value converters: {0}", converters);
        }
        convertersLoaded = true;
    }

    void addConverter(ValueConverter<?> converter) {
        java.util.Objects.requireNonNull(converter, "converter");
        loadConverters();
        converters.addFirst(converter);
    }

    /** {@return the converters; loaded by the first call, outside the GIL} */
    List<ValueConverter<?>> converters() {
        return converters;
    }

    /** Reads an int at an address: used by {@link Conversions} for {@code int *} results. */
    static int readInt(MemorySegment p) {
        return p.get(C_INT, 0);
    }

    /** Reads a {@code Py_ssize_t} at an address. */
    static long readSize(MemorySegment p) {
        return p.get(C_LONG, 0);
    }

    /** The bytes of a UTF-8 buffer CPython owns. */
    @SuppressWarnings("restricted") // the length is the one CPython reported
    static byte[] bytesAt(MemorySegment p, long n) {
        return p.reinterpret(n).toArray(ValueLayout.JAVA_BYTE);
    }

    /** The logger, created on first use: nothing at start-up initializes the JDK's logging back end. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(ObjectLayer.class.getName());
    }
}
