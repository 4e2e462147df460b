package dev.pyhost.cpython;

import dev.pyhost.api.LifecycleException;
import dev.pyhost.api.PythonObject;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link PythonObject}: one owned reference, used only with the GIL held and checked to be open inside that
 * critical section (so a concurrent {@link #close()} can never free it under a user), and released exactly once:
 * by {@code close()} at once, or by the {@link Cleaner} when unreachable (then at the next call, since the cleaner's
 * thread must not wait for the GIL). Every method keeps the handle reachable until its native work is done.
 */
final class CPythonObject implements PythonObject {
    private final ObjectLayer layer;
    private final ObjectLayer.Reference ref;
    private volatile Cleaner.Cleanable cleanable;

    /**
     * Takes ownership of a new reference. The handle is registered with the cleaner by
     * {@link ObjectLayer#flushRegistrations()} once the GIL is released: registering takes a Java lock, and no Java
     * lock may be waited for while holding the GIL (its holder could be a virtual thread that needs a carrier that
     * threads waiting for the GIL occupy).
     */
    CPythonObject(ObjectLayer layer, long address) {
        this.layer = layer;
        this.ref = new ObjectLayer.Reference(layer, address);
    }

    /** Registers the release of the reference with the cleaner; outside the GIL. */
    void register() {
        if (cleanable == null) {
            cleanable = layer.register(this, ref);
        }
    }

    /** With the GIL held: drops the reference now (the cleaner's registration stays until the GC clears it). */
    void closeLocked() {
        ref.releaseLocked();
    }

    /** {@return the address, with the GIL held, checked open and of this runtime} */
    MemorySegment addressLocked(ObjectLayer caller) {
        if (caller != layer) {
            throw new dev.pyhost.api.ConversionException(
                    "A PythonObject of another runtime or interpreter cannot be passed to this one: a handle belongs to the interpreter that made it");
        }
        if (ref.released) {
            throw new IllegalStateException("This Python object handle is closed");
        }
        return MemorySegment.ofAddress(ref.address);
    }

    /** Runs work on the object with the GIL held. */
    private <T> T with(Function<MemorySegment, T> work) {
        try {
            return layer.withGil(() -> work.apply(addressLocked(layer)));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Runs work on the object's address with the GIL held (for the other classes of the object layer). */
    <T> T withAddress(Function<MemorySegment, T> work) {
        return with(work);
    }

    @Override
    public dev.pyhost.api.PythonBuffer buffer(boolean writable) {
        return with(o -> CPythonBuffer.acquireLocked(layer, o, writable));
    }

    private PyObjects py() {
        return layer.py;
    }

    @Override
    public String typeName() {
        return with(o -> layer.takeLocked(layer.callHelperLocked("type_name", o), String.class));
    }

    @Override
    public PythonObject attr(String name) {
        Objects.requireNonNull(name, "name");
        return with(o -> layer.ownLocked(CApiObjects.PyObject_GetAttrString(o, ObjectLayer.cString(name))));
    }

    @Override
    public <T> T attr(String name, Class<T> type) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        return with(o -> layer.takeLocked(CApiObjects.PyObject_GetAttrString(o, ObjectLayer.cString(name)), type));
    }

    @Override
    public void setAttr(String name, Object value) {
        Objects.requireNonNull(name, "name");
        with(o -> {
            MemorySegment v = layer.conversions.toPythonLocked(value);
            try {
                if (CApiObjects.PyObject_SetAttrString(o, ObjectLayer.cString(name), v) != 0) {
                    throw layer.errorLocked();
                }
            } finally {
                py().decref(v);
            }
            return null;
        });
    }

    @Override
    public boolean hasAttr(String name) {
        Objects.requireNonNull(name, "name");
        return with(o -> {
            MemorySegment v = CApiObjects.PyObject_GetAttrString(o, ObjectLayer.cString(name));
            if (v.address() != 0) {
                py().decref(v);
                return true;
            }
            if (layer.pendingIsLocked("AttributeError")) {
                CApiObjects.PyErr_Clear();
                return false;
            }
            throw layer.errorLocked();
        });
    }

    @Override
    public PythonObject item(Object key) {
        return with(o -> {
            MemorySegment k = layer.conversions.toPythonLocked(key);
            try {
                return layer.ownLocked(CApiObjects.PyObject_GetItem(o, k));
            } finally {
                py().decref(k);
            }
        });
    }

    @Override
    public <T> T item(Object key, Class<T> type) {
        Objects.requireNonNull(type, "type");
        return with(o -> {
            MemorySegment k = layer.conversions.toPythonLocked(key);
            try {
                return layer.takeLocked(CApiObjects.PyObject_GetItem(o, k), type);
            } finally {
                py().decref(k);
            }
        });
    }

    @Override
    public void setItem(Object key, Object value) {
        with(o -> {
            MemorySegment k = layer.conversions.toPythonLocked(key);
            try {
                MemorySegment v = layer.conversions.toPythonLocked(value);
                try {
                    if (CApiObjects.PyObject_SetItem(o, k, v) != 0) {
                        throw layer.errorLocked();
                    }
                } finally {
                    py().decref(v);
                }
            } finally {
                py().decref(k);
            }
            return null;
        });
    }

    @Override
    public long size() {
        return with(o -> {
            long n = CApiObjects.PyObject_Size(o);
            if (n < 0) {
                throw layer.errorLocked();
            }
            return n;
        });
    }

    @Override
    public PythonObject call(Object... args) {
        Object[] a = args == null ? new Object[] {null} : args;
        return with(o -> layer.ownLocked(layer.callLocked(o, a)));
    }

    @Override
    public PythonObject call(List<?> args, Map<String, ?> kwargs) {
        Object[] a = Objects.requireNonNull(args, "args").toArray();
        Objects.requireNonNull(kwargs, "kwargs");
        return with(o -> layer.ownLocked(layer.callLocked(o, a, kwargs)));
    }

    @Override
    public <T> T invoke(Class<T> type, Object... args) {
        Objects.requireNonNull(type, "type");
        Object[] a = args == null ? new Object[] {null} : args;
        return with(o -> layer.takeLocked(layer.callLocked(o, a), type));
    }

    @Override
    public PythonObject callMethod(String name, Object... args) {
        Objects.requireNonNull(name, "name");
        Object[] a = args == null ? new Object[] {null} : args;
        return with(o -> layer.ownLocked(callMethodLocked(o, name, a)));
    }

    @Override
    public <T> T invokeMethod(String name, Class<T> type, Object... args) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Object[] a = args == null ? new Object[] {null} : args;
        return with(o -> layer.takeLocked(callMethodLocked(o, name, a), type));
    }

    private MemorySegment callMethodLocked(MemorySegment o, String name, Object[] args) {
        MemorySegment method = layer.checkLocked(CApiObjects.PyObject_GetAttrString(o, ObjectLayer.cString(name)));
        try {
            return layer.callLocked(method, args);
        } finally {
            py().decref(method);
        }
    }

    @Override
    public <T> T as(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return with(o -> layer.conversions.toJavaLocked(o, type));
    }

    @Override
    public Object toJava() {
        return with(o -> layer.conversions.toJavaLocked(o));
    }

    @Override
    public <T> T proxy(Class<T> type) {
        Objects.requireNonNull(type, "type");
        if (!type.isInterface()) {
            throw new IllegalArgumentException(type.getName() + " is not an interface");
        }
        return with(o -> Proxies.create(layer, layer.ownLocked(py().incref(o)), type));
    }

    @Override
    public boolean isNone() {
        return with(o -> o.address() == CApi.Py_None().address());
    }

    @Override
    public String str() {
        return with(o -> layer.takeLocked(CApiObjects.PyObject_Str(o), String.class));
    }

    @Override
    public String repr() {
        return with(o -> layer.takeLocked(CApiObjects.PyObject_Repr(o), String.class));
    }

    @Override
    public boolean isOpen() {
        return !ref.released && !layer.gil.isClosed();
    }

    @Override
    public String toString() {
        if (!isOpen()) {
            return "<closed Python object handle>";
        }
        try {
            return repr();
        } catch (RuntimeException e) {
            return "<Python object handle: repr() failed: " + e.getMessage() + ">";
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CPythonObject o && o.layer == layer && o.ref.address == ref.address && isOpen()
                && o.isOpen();
    }

    @Override
    public int hashCode() {
        return Long.hashCode(ref.address);
    }

    @Override
    public void close() {
        if (!ref.released) {
            try {
                layer.withGil(() -> {
                    ref.releaseLocked();
                    return null;
                });
            } catch (LifecycleException finalized) {
                // the interpreter and everything in it are gone; nothing is left to release
            } catch (RuntimeException e) {
                System.getLogger(CPythonObject.class.getName()).log(System.Logger.Level.WARNING,
                        "releasing a Python object failed", e);
            }
        }
        Cleaner.Cleanable c = cleanable;
        if (c != null && !Gil.insideCall()) {
            c.clean(); // takes the cleaner's lock: never while this thread may hold the GIL
        }
    }
}
