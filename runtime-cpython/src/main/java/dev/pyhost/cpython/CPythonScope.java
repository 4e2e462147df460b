package dev.pyhost.cpython;

import dev.pyhost.api.PythonCode;
import dev.pyhost.api.PythonObject;
import dev.pyhost.api.PythonScope;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link PythonScope}: the globals dict of {@code __main__} (looked up at each call, since running a program as
 * {@code __main__} may replace the module) or a fresh dict this scope owns. Source is compiled by
 * {@code objects.py}'s {@code compile_source} and cached per scope by its text (a bounded LRU of code objects),
 * read and written only with the GIL held, which is its lock (no Java lock may be waited for under the GIL).
 */
final class CPythonScope implements PythonScope {
    private static final int CACHE = 256;

    private final ObjectLayer layer;
    /** The owned dict of a fresh scope; null for the main scope. */
    private final CPythonObject own;
    private final Map<String, CPythonObject> compiled = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CPythonObject> eldest) {
            if (size() > CACHE) {
                eldest.getValue().closeLocked();
                return true;
            }
            return false;
        }
    };

    private CPythonScope(ObjectLayer layer, CPythonObject own) {
        this.layer = layer;
        this.own = own;
    }

    static CPythonScope main(ObjectLayer layer) {
        return new CPythonScope(layer, null);
    }

    static CPythonScope fresh(ObjectLayer layer) {
        return layer.withGil(() -> {
            MemorySegment dict = layer.py.newDict();
            CPythonObject own = layer.newHandleLocked(dict.address());
            if (CApiObjects.PyDict_SetItemString(dict, ObjectLayer.cString("__builtins__"),
                    CApiObjects.PyImport_AddModule(ObjectLayer.cString("builtins"))) != 0) {
                throw layer.errorLocked();
            }
            return new CPythonScope(layer, own);
        });
    }

    /** {@return a borrowed reference to the globals dict} */
    MemorySegment globalsLocked() {
        if (own != null) {
            return own.addressLocked(layer);
        }
        MemorySegment main = layer.checkLocked(CApiObjects.PyImport_AddModule(ObjectLayer.cString("__main__")));
        return CApiObjects.PyModule_GetDict(main);
    }

    private <T> T with(Function<MemorySegment, T> work) {
        try {
            return layer.withGil(() -> work.apply(globalsLocked()));
        } finally {
            java.lang.ref.Reference.reachabilityFence(this);
        }
    }

    /** A borrowed reference to the code object of source, compiled once. */
    private MemorySegment codeLocked(String source, String mode) {
        String key = mode + '\0' + source;
        CPythonObject code = compiled.get(key);
        if (code == null) {
            MemorySegment result = layer.callHelperLocked("compile_source", source, mode);
            try {
                code = layer.ownLocked(layer.py.incref(layer.py.tupleItem(result, 0)));
            } finally {
                layer.py.decref(result);
            }
            CPythonObject other = compiled.putIfAbsent(key, code);
            if (other != null) {
                code.closeLocked();
                code = other;
            }
        }
        return code.addressLocked(layer);
    }

    /** Runs a code object in this scope; a new reference to its value. */
    MemorySegment runLocked(MemorySegment code, MemorySegment globals) {
        return layer.checkLocked(CApi.PyEval_EvalCode(code, globals, globals));
    }

    @Override
    public void exec(String source) {
        Objects.requireNonNull(source, "source");
        with(g -> {
            layer.py.decref(runLocked(codeLocked(source, "exec"), g));
            return null;
        });
    }

    @Override
    public Object eval(String expression) {
        return eval(expression, Object.class);
    }

    @Override
    public <T> T eval(String expression, Class<T> type) {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(type, "type");
        return with(g -> layer.takeLocked(runLocked(codeLocked(expression, "eval"), g), type));
    }

    @Override
    public void set(String name, Object value) {
        Objects.requireNonNull(name, "name");
        with(g -> {
            MemorySegment v = layer.conversions.toPythonLocked(value);
            try {
                if (CApiObjects.PyDict_SetItemString(g, ObjectLayer.cString(name), v) != 0) {
                    throw layer.errorLocked();
                }
            } finally {
                layer.py.decref(v);
            }
            return null;
        });
    }

    @Override
    public Object get(String name) {
        return get(name, Object.class);
    }

    @Override
    public <T> T get(String name, Class<T> type) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        return with(g -> {
            MemorySegment v = layer.py.dictItem(g, name);
            if (v.address() == 0) {
                MemorySegment error = layer.callHelperLocked("name_error", name);
                CApiObjects.PyErr_SetObject(MemorySegment.ofAddress(Conversions.typeOf(error)), error);
                layer.py.decref(error);
                throw layer.errorLocked();
            }
            return layer.conversions.toJavaLocked(v, type);
        });
    }

    @Override
    public boolean contains(String name) {
        Objects.requireNonNull(name, "name");
        return with(g -> layer.py.dictItem(g, name).address() != 0);
    }

    @Override
    public void remove(String name) {
        Objects.requireNonNull(name, "name");
        with(g -> {
            if (layer.py.dictItem(g, name).address() != 0
                    && CApiObjects.PyDict_DelItemString(g, ObjectLayer.cString(name)) != 0) {
                throw layer.errorLocked();
            }
            return null;
        });
    }

    @Override
    public Object call(String callable, Object... args) {
        Objects.requireNonNull(callable, "callable");
        Object[] a = args == null ? new Object[] {null} : args;
        return with(g -> {
            MemorySegment fn = layer.callHelperLocked("lookup", g, callable);
            try {
                return layer.takeLocked(layer.callLocked(fn, a), Object.class);
            } finally {
                layer.py.decref(fn);
            }
        });
    }

    @Override
    public PythonCode compile(String source) {
        Objects.requireNonNull(source, "source");
        return with(g -> {
            MemorySegment result = layer.callHelperLocked("compile_source", source, "auto");
            try {
                CPythonObject code = layer.ownLocked(layer.py.incref(layer.py.tupleItem(result, 0)));
                boolean expression = CApiObjects.PyObject_IsTrue(layer.py.tupleItem(result, 1)) == 1;
                return new CPythonCode(this, code, expression);
            } finally {
                layer.py.decref(result);
            }
        });
    }

    /** Runs compiled code in this scope. */
    <T> T run(CPythonObject code, boolean expression, Class<T> type) {
        return with(g -> {
            MemorySegment value = runLocked(code.addressLocked(layer), g);
            if (!expression) {
                layer.py.decref(value);
                return null;
            }
            return layer.takeLocked(value, type);
        });
    }

    @Override
    public PythonObject globals() {
        return with(g -> layer.ownLocked(layer.py.incref(g)));
    }

    @Override
    public void close() {
        if (own != null && own.isOpen()) {
            try {
                layer.withGil(() -> {
                    compiled.values().forEach(CPythonObject::closeLocked);
                    compiled.clear();
                    own.closeLocked();
                    return null;
                });
            } catch (dev.pyhost.api.LifecycleException finalized) {
                // nothing is left to release
            }
        }
    }
}
