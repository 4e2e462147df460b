package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_POINTER;

import dev.pyhost.api.PythonCallable;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Java functions as Python callables, and Java exceptions as Python exceptions. A Java function becomes a builtin
 * function object ({@code PyCFunction_NewEx}) whose C function is one upcall stub for the process and whose
 * {@code self} is a capsule holding the function's id; the capsule's destructor (a second upcall) forgets the
 * function when Python drops it. A Java exception thrown by such a function is raised in Python as
 * {@code pyhost.JavaException} carrying a capsule with the exception's id, and thrown again as itself when it
 * reaches Java. Upcalls catch everything: nothing may unwind through C.
 */
final class JavaFunctions {
    private static final System.Logger LOG = System.getLogger(JavaFunctions.class.getName());
    private static final String FUNCTION = "pyhost.java_function";
    private static final String THROWABLE = "pyhost.java_throwable";
    private static final AtomicLong IDS = new AtomicLong();
    private static final Map<Long, Entry> FUNCTIONS = new ConcurrentHashMap<>();
    private static final Map<Long, Throwable> THROWABLES = new ConcurrentHashMap<>();

    private record Entry(ObjectLayer layer, Object function) {
    }

    private JavaFunctions() {
    }

    /** The process's upcall stubs and method definition, made on first use. */
    private static final class Stubs {
        private static final int METH_VARARGS_KEYWORDS = 0x0001 | 0x0002;
        static final MemorySegment DEF;
        static final MemorySegment FUNCTION_DESTRUCTOR;
        static final MemorySegment THROWABLE_DESTRUCTOR;

        static {
            DEF = CApiObjects.methodDef("java_function", stub("call", FunctionDescriptor.of(C_POINTER, C_POINTER,
                    C_POINTER, C_POINTER), MethodType.methodType(MemorySegment.class, MemorySegment.class,
                    MemorySegment.class, MemorySegment.class)), METH_VARARGS_KEYWORDS, "A Java function (PyHost).");
            FUNCTION_DESTRUCTOR = stub("forgetFunction", FunctionDescriptor.ofVoid(C_POINTER),
                    MethodType.methodType(void.class, MemorySegment.class));
            THROWABLE_DESTRUCTOR = stub("forgetThrowable", FunctionDescriptor.ofVoid(C_POINTER),
                    MethodType.methodType(void.class, MemorySegment.class));
        }

        @SuppressWarnings("restricted") // upcall stubs for the process, in the global arena
        private static MemorySegment stub(String name, FunctionDescriptor descriptor, MethodType type) {
            try {
                MethodHandle target = MethodHandles.lookup().findStatic(JavaFunctions.class, name, type);
                return Downcalls.LINKER.upcallStub(target, descriptor, Arena.global());
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    /** A new reference to a Python callable that calls a Java function. */
    static MemorySegment create(ObjectLayer layer, Object function) {
        long id = IDS.incrementAndGet();
        FUNCTIONS.put(id, new Entry(layer, function));
        MemorySegment capsule = CApiObjects.PyCapsule_New(MemorySegment.ofAddress(id), ObjectLayer.cString(FUNCTION),
                Stubs.FUNCTION_DESTRUCTOR);
        if (capsule.address() == 0) {
            FUNCTIONS.remove(id);
            throw layer.errorLocked();
        }
        MemorySegment fn = CApiObjects.PyCFunction_NewEx(Stubs.DEF, capsule, MemorySegment.NULL);
        layer.py.decref(capsule);
        return layer.checkLocked(fn);
    }

    /** {@return how many Java functions Python holds now (for tests)} */
    static int liveFunctions() {
        return FUNCTIONS.size();
    }

    /** {@return the Java exception a {@code JavaException}'s capsule stands for, or null} */
    static Throwable throwable(MemorySegment capsule) {
        MemorySegment id = CApiObjects.PyCapsule_GetPointer(capsule, ObjectLayer.cString(THROWABLE));
        if (id.address() == 0) {
            CApiObjects.PyErr_Clear();
            return null;
        }
        return THROWABLES.get(id.address());
    }

    /** Raises a Java exception in Python as {@code pyhost.JavaException}. */
    static void raise(ObjectLayer layer, Throwable t) {
        if (layer.released()) { // finalizing: pyhost.JavaException is gone with the helpers
            layer.raiseLocked("RuntimeError", "Java code called from Python threw " + t);
            return;
        }
        long id = IDS.incrementAndGet();
        THROWABLES.put(id, t);
        MemorySegment capsule = CApiObjects.PyCapsule_New(MemorySegment.ofAddress(id), ObjectLayer.cString(THROWABLE),
                Stubs.THROWABLE_DESTRUCTOR);
        if (capsule.address() == 0) {
            THROWABLES.remove(id);
            return; // MemoryError is set
        }
        MemorySegment exc = layer.callLocked(layer.helperLocked("java_exception"),
                new Object[] {t.getClass().getName(), t.getMessage(), capsule});
        layer.py.decref(capsule);
        if (exc.address() == 0) {
            return;
        }
        MemorySegment type = MemorySegment.ofAddress(Conversions.typeOf(exc));
        CApiObjects.PyErr_SetObject(type, exc);
        layer.py.decref(exc);
    }

    /** The upcall behind every Java function: {@code PyObject *call(PyObject *self, PyObject *args, PyObject *kw)}. */
    @SuppressWarnings("unused") // through the method definition
    private static MemorySegment call(MemorySegment self, MemorySegment args, MemorySegment kwargs) {
        ObjectLayer layer = null;
        try {
            long id = CApiObjects.PyCapsule_GetPointer(self, ObjectLayer.cString(FUNCTION)).address();
            Entry entry = FUNCTIONS.get(id);
            if (entry == null) {
                return MemorySegment.NULL; // the capsule's error is set
            }
            layer = entry.layer();
            if (kwargs.address() != 0 && CApiObjects.PyObject_Size(kwargs) > 0) {
                layer.raiseLocked("TypeError", "a Java function takes no keyword arguments");
                return MemorySegment.NULL;
            }
            long n = CApiObjects.PyTuple_Size(args);
            Object[] javaArgs = new Object[(int) n];
            for (int i = 0; i < n; i++) {
                javaArgs[i] = layer.conversions.toJavaLocked(CApi.PyTuple_GetItem(args, i));
            }
            String arity = arityError(entry.function(), javaArgs.length);
            if (arity != null) {
                layer.raiseLocked("TypeError", arity);
                return MemorySegment.NULL;
            }
            MemorySegment ts = CApi.PyEval_SaveThread();
            ObjectLayer.flushRegistrations(); // the handles of the arguments, now that the GIL is released
            Object result;
            Throwable thrown = null;
            try {
                result = invoke(entry.function(), javaArgs);
            } catch (Throwable t) {
                result = null;
                thrown = t;
            } finally {
                CApi.PyEval_RestoreThread(ts);
            }
            if (thrown != null) {
                raise(layer, thrown);
                return MemorySegment.NULL;
            }
            return layer.conversions.toPythonLocked(result);
        } catch (Throwable t) {
            try {
                if (CApi.PyErr_Occurred().address() == 0 && layer != null) {
                    raise(layer, t);
                }
            } catch (Throwable ignored) {
                // nothing may leave an upcall
            }
            return MemorySegment.NULL;
        }
    }

    private static String arityError(Object f, int n) {
        int wanted = switch (f) {
            case PythonCallable c -> -1;
            case Function<?, ?> x -> 1;
            case BiFunction<?, ?, ?> x -> 2;
            case Supplier<?> x -> 0;
            case Consumer<?> x -> 1;
            case BiConsumer<?, ?> x -> 2;
            case Predicate<?> x -> 1;
            case Callable<?> x -> 0;
            default -> 0;
        };
        if (wanted < 0 || wanted == n) {
            return null;
        }
        return "java_function() takes " + wanted + " positional argument" + (wanted == 1 ? "" : "s") + " but " + n
                + (n == 1 ? " was" : " were") + " given";
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object invoke(Object f, Object[] a) throws Exception {
        return switch (f) {
            case PythonCallable c -> c.call(a);
            case Function fn -> fn.apply(a[0]);
            case BiFunction fn -> fn.apply(a[0], a[1]);
            case Supplier s -> s.get();
            case Consumer c -> {
                c.accept(a[0]);
                yield null;
            }
            case BiConsumer c -> {
                c.accept(a[0], a[1]);
                yield null;
            }
            case Predicate p -> p.test(a[0]);
            case Callable<?> c -> c.call();
            case Runnable r -> {
                r.run();
                yield null;
            }
            default -> throw new IllegalStateException("not a function: " + Arrays.toString(a));
        };
    }

    @SuppressWarnings("unused") // capsule destructor
    private static void forgetFunction(MemorySegment capsule) {
        try {
            FUNCTIONS.remove(CApiObjects.PyCapsule_GetPointer(capsule, ObjectLayer.cString(FUNCTION)).address());
        } catch (Throwable t) {
            log(t);
        }
    }

    @SuppressWarnings("unused") // capsule destructor
    private static void forgetThrowable(MemorySegment capsule) {
        try {
            THROWABLES.remove(CApiObjects.PyCapsule_GetPointer(capsule, ObjectLayer.cString(THROWABLE)).address());
        } catch (Throwable t) {
            log(t);
        }
    }

    private static void log(Throwable t) {
        try {
            LOG.log(System.Logger.Level.WARNING, "forgetting a Java object held by Python failed", t);
        } catch (Throwable ignored) {
            // nothing may leave an upcall
        }
    }
}
