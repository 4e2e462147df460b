package dev.pyhost.cpython;

import dev.pyhost.api.PyHostException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Drives {@code boot.py}, PyHost's Python half, from Java. Its entry points are generators that yield the
 * calls touching user code; this driver performs each call from C (so no bootstrap frame is ever on a user
 * stack) and sends back the result or the exception. Runs on the interpreter's thread with the GIL held.
 */
final class Boot {
    private final PyObjects py;
    private final MemorySegment start;
    private final MemorySegment advance;
    private final MemorySegment describe;
    private final MemorySegment encode;
    private final MemorySegment evalCode;

    private Boot(PyObjects py, MemorySegment start, MemorySegment advance, MemorySegment describe, MemorySegment encode,
            MemorySegment evalCode) {
        this.evalCode = evalCode;
        this.py = py;
        this.start = start;
        this.advance = advance;
        this.describe = describe;
        this.encode = encode;
    }

    /**
     * Converts a Python object to Java with the bootstrap's encoder.
     *
     * @param object a borrowed reference
     * @return the Java value
     */
    Object encodeObject(MemorySegment object) {
        MemorySegment args = py.newTuple(py.incref(object));
        MemorySegment r = py.call(encode, args);
        py.decref(args);
        if (r.address() == 0) {
            throw internal("encode");
        }
        try {
            return Values.decode(py.bytes(r));
        } finally {
            py.decref(r);
        }
    }

    /** Loads {@code boot.py} into a private namespace (never into {@code sys.modules}). */
    static Boot load(PyObjects py) {
        String source;
        try (InputStream in = Boot.class.getResourceAsStream("boot.py")) {
            if (in == null) {
                throw new PyHostException("boot.py is missing from the runtime-cpython jar");
            }
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PyHostException("Cannot read boot.py: " + e.getMessage(), e);
        }
        MemorySegment globals = py.newDict();
        MemorySegment result = py.runString(source, globals);
        if (result.address() == 0) {
            MemorySegment exc = py.fetchException();
            throw new PyHostException("PyHost's bootstrap failed to load in this interpreter: " + exc.address());
        }
        py.decref(result);
        return new Boot(py, py.dictItem(globals, "start"), py.dictItem(globals, "advance"),
                py.dictItem(globals, "describe_exception"), py.dictItem(globals, "encode"),
                py.dictItem(globals, "EVAL_CODE"));
    }

    /**
     * Runs an entry point of {@code boot.py} to its end and decodes its result.
     *
     * @param entry the entry point's name
     * @param args its arguments (strings, numbers, booleans, null)
     * @return the decoded result
     */
    Object call(String entry, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = entry;
        System.arraycopy(args, 0, all, 1, args.length);
        MemorySegment argTuple = py.newTuple(all);
        MemorySegment gen = py.call(start, argTuple);
        py.decref(argTuple);
        if (gen.address() == 0) {
            throw internal("start " + entry);
        }
        try {
            long ok = -1;
            MemorySegment value = py.incref(py.none());
            while (true) {
                MemorySegment stepArgs = py.newTuple(py.incref(gen), ok, value);
                MemorySegment step = py.call(advance, stepArgs);
                py.decref(stepArgs);
                if (step.address() == 0) {
                    throw internal(entry);
                }
                try {
                    MemorySegment fn = py.tupleItem(step, 0);
                    MemorySegment fnArgs = py.tupleItem(step, 1);
                    if (fn.address() == py.none().address()) {
                        return Values.decode(py.bytes(fnArgs));
                    }
                    MemorySegment r = fn.address() == evalCode.address()
                            ? py.evalCode(py.tupleItem(fnArgs, 0), py.tupleItem(fnArgs, 1))
                            : py.call(fn, fnArgs);
                    if (r.address() == 0) {
                        value = py.fetchException();
                        ok = 0;
                    } else {
                        value = r;
                        ok = 1;
                    }
                } finally {
                    py.decref(step);
                }
            }
        } finally {
            py.decref(gen);
        }
    }

    private PyHostException internal(String what) {
        MemorySegment exc = py.fetchException();
        String text = "unknown error";
        MemorySegment args = py.newTuple(exc);
        MemorySegment r = py.call(describe, args);
        py.decref(args);
        if (r.address() != 0) {
            Object decoded = Values.decode(py.bytes(r));
            py.decref(r);
            if (decoded instanceof List<?> l && l.size() > 3) {
                text = String.valueOf(l.get(3));
            }
        } else {
            py.decref(py.fetchException());
        }
        return new PyHostException("PyHost's bootstrap failed in " + what + " (a PyHost bug; please report it):\n" + text);
    }
}
