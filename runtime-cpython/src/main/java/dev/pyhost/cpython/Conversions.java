package dev.pyhost.cpython;

import static dev.pyhost.cpython.Downcalls.C_LONG;

import dev.pyhost.api.ConversionException;
import dev.pyhost.api.PythonCallable;
import dev.pyhost.api.PythonComplex;
import dev.pyhost.api.PythonObject;
import dev.pyhost.api.PythonRange;
import dev.pyhost.api.PythonTuple;
import dev.pyhost.api.spi.ValueConverter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Converts values between Java and Python, with the GIL held: the one table of the README's "Conversion" section.
 * Builtin types are recognized by their type object (exact type, or a subclass through the type's flags), the
 * standard library's value types by their type's name and converted through {@code objects.py}; anything else
 * becomes a handle.
 */
final class Conversions {
    private static final long LONG_SUBCLASS = 1L << 24;
    private static final long LIST_SUBCLASS = 1L << 25;
    private static final long TUPLE_SUBCLASS = 1L << 26;
    private static final long BYTES_SUBCLASS = 1L << 27;
    private static final long UNICODE_SUBCLASS = 1L << 28;
    private static final long DICT_SUBCLASS = 1L << 29;
    private static final long HEAP_TYPE = 1L << 9;
    /** The deepest nesting converted: deep enough for any document, shallow enough for any thread's stack. */
    private static final int MAX_DEPTH = 256;

    /** What the default conversion does with objects of a type. */
    private enum Kind {
        NONE, BOOL, INT, FLOAT, STR, BYTES, BYTEARRAY, LIST, TUPLE, DICT, SET, FROZENSET, COMPLEX, RANGE, DECIMAL,
        DATETIME, DATE, TIME, TIMEDELTA, CONVERTER, OTHER
    }

    /** A {@code Py_ssize_t} out-parameter per thread, for calls that run no Python code before it is read. */
    private static final ThreadLocal<MemorySegment> SIZE = ThreadLocal.withInitial(
            () -> Arena.ofAuto().allocate(C_LONG));

    private final ObjectLayer layer;
    private final PyObjects py;
    private final Map<Long, Kind> kinds = new ConcurrentHashMap<>();
    private final long noneType;
    private final long boolType;
    private final long intType;
    private final long floatType;
    private final long strType;
    private final long bytesType;
    private final long listType;
    private final long tupleType;
    private final long dictType;

    Conversions(ObjectLayer layer) {
        this.layer = layer;
        this.py = layer.py;
        LibPython lib = LibPython.loaded();
        this.boolType = lib.symbol("PyBool_Type").address();
        this.intType = lib.symbol("PyLong_Type").address();
        this.floatType = lib.symbol("PyFloat_Type").address();
        this.strType = lib.symbol("PyUnicode_Type").address();
        this.bytesType = lib.symbol("PyBytes_Type").address();
        this.listType = lib.symbol("PyList_Type").address();
        this.tupleType = lib.symbol("PyTuple_Type").address();
        this.dictType = lib.symbol("PyDict_Type").address();
        this.noneType = typeOf(CApi.Py_None());
        kinds.put(noneType, Kind.NONE);
        kinds.put(boolType, Kind.BOOL);
        kinds.put(intType, Kind.INT);
        kinds.put(floatType, Kind.FLOAT);
        kinds.put(strType, Kind.STR);
        kinds.put(bytesType, Kind.BYTES);
        kinds.put(listType, Kind.LIST);
        kinds.put(tupleType, Kind.TUPLE);
        kinds.put(dictType, Kind.DICT);
        kinds.put(lib.symbol("PyByteArray_Type").address(), Kind.BYTEARRAY);
        kinds.put(lib.symbol("PySet_Type").address(), Kind.SET);
        kinds.put(lib.symbol("PyFrozenSet_Type").address(), Kind.FROZENSET);
        kinds.put(lib.symbol("PyComplex_Type").address(), Kind.COMPLEX);
        kinds.put(lib.symbol("PyRange_Type").address(), Kind.RANGE);
    }

    // ------------------------------------------------------------------------------------------------
    // Python to Java

    /** {@code Py_TYPE(o)}: the word after the reference count (every supported build has the GIL). */
    @SuppressWarnings("restricted") // a PyObject header is at least 16 bytes
    static long typeOf(MemorySegment o) {
        return o.reinterpret(16).get(ValueLayout.JAVA_LONG, 8);
    }

    /** {@code tp_name} of a type object: after the variable-size object header (24 bytes). */
    @SuppressWarnings("restricted") // a type object is far longer than 32 bytes
    private static String typeName(long type) {
        return Downcalls.string(MemorySegment.ofAddress(type).reinterpret(32).get(ValueLayout.ADDRESS, 24));
    }

    private Kind kind(MemorySegment o) {
        long type = typeOf(o);
        if (type == intType) {
            return Kind.INT;
        } else if (type == strType) {
            return Kind.STR;
        } else if (type == floatType) {
            return Kind.FLOAT;
        } else if (type == noneType) {
            return Kind.NONE;
        } else if (type == boolType) {
            return Kind.BOOL;
        } else if (type == listType) {
            return Kind.LIST;
        } else if (type == tupleType) {
            return Kind.TUPLE;
        } else if (type == dictType) {
            return Kind.DICT;
        }
        Kind k = kinds.get(type);
        if (k != null) {
            return k;
        }
        long flags = CApiObjects.PyType_GetFlags(MemorySegment.ofAddress(type));
        String name = typeName(type);
        if (!layer.converters().isEmpty()) {
            String qualified = qualifiedTypeName(o);
            for (ValueConverter<?> c : layer.converters()) {
                if (c.pythonType().filter(qualified::equals).isPresent()) {
                    return Kind.CONVERTER;
                }
            }
        }
        k = switch (name) {
            case "datetime.datetime" -> Kind.DATETIME;
            case "datetime.date" -> Kind.DATE;
            case "datetime.time" -> Kind.TIME;
            case "datetime.timedelta" -> Kind.TIMEDELTA;
            case "decimal.Decimal" -> Kind.DECIMAL;
            default -> {
                if ((flags & LONG_SUBCLASS) != 0) {
                    yield Kind.INT;
                } else if ((flags & UNICODE_SUBCLASS) != 0) {
                    yield Kind.STR;
                } else if ((flags & LIST_SUBCLASS) != 0) {
                    yield Kind.LIST;
                } else if ((flags & TUPLE_SUBCLASS) != 0) {
                    yield Kind.TUPLE;
                } else if ((flags & DICT_SUBCLASS) != 0) {
                    yield Kind.DICT;
                } else if ((flags & BYTES_SUBCLASS) != 0) {
                    yield Kind.BYTES;
                } else if (CApiObjects.PyObject_IsInstance(o, MemorySegment.ofAddress(floatType)) == 1) {
                    yield Kind.FLOAT;
                }
                CApiObjects.PyErr_Clear();
                yield Kind.OTHER;
            }
        };
        if ((flags & HEAP_TYPE) == 0 && layer.converters().isEmpty()) {
            kinds.put(type, k); // a static type lives as long as the library; a heap type's address may be reused
        }
        return k;
    }

    /** The default conversion of a borrowed reference. */
    Object toJavaLocked(MemorySegment o) {
        return toJavaLocked(o, 0);
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new ConversionException("The value is nested deeper than " + MAX_DEPTH
                    + " levels; convert its parts through handles instead");
        }
    }

    private Object toJavaLocked(MemorySegment o, int depth) {
        checkDepth(depth);
        return switch (kind(o)) {
            case NONE -> null;
            case BOOL -> CApiObjects.PyObject_IsTrue(o) == 1;
            case INT -> integerLocked(o);
            case FLOAT -> doubleLocked(o);
            case STR -> stringLocked(o);
            case BYTES -> bytesLocked(o);
            case BYTEARRAY -> {
                MemorySegment b = layer.callHelperLocked("make_bytes", o);
                try {
                    yield bytesLocked(b);
                } finally {
                    py.decref(b);
                }
            }
            case LIST -> Collections.unmodifiableList(Arrays.asList(itemsLocked(o, depth)));
            case TUPLE -> PythonTuple.of(itemsLocked(o, depth));
            case DICT -> dictLocked(o, depth);
            case SET, FROZENSET ->
                    Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(itemsLocked(o, depth))));
            case COMPLEX -> new PythonComplex(CApiObjects.PyComplex_RealAsDouble(o),
                    CApiObjects.PyComplex_ImagAsDouble(o));
            case RANGE -> {
                List<?> p = parts("range_parts", o);
                if (p.stream().allMatch(Long.class::isInstance)) {
                    yield new PythonRange((Long) p.get(0), (Long) p.get(1), (Long) p.get(2));
                }
                yield layer.ownLocked(py.incref(o));
            }
            case DECIMAL -> {
                String text = strLocked(o);
                try {
                    yield new BigDecimal(text);
                } catch (NumberFormatException e) {
                    yield layer.ownLocked(py.incref(o)); // NaN, Infinity
                }
            }
            case DATETIME -> dateTime(parts("datetime_parts", o));
            case DATE -> {
                List<?> p = parts("date_parts", o);
                yield LocalDate.of(i(p, 0), i(p, 1), i(p, 2));
            }
            case TIME -> {
                List<?> p = parts("time_parts", o);
                LocalTime t = LocalTime.of(i(p, 0), i(p, 1), i(p, 2), i(p, 3) * 1000);
                yield p.get(4) == null ? t : OffsetTime.of(t, ZoneOffset.ofTotalSeconds(i(p, 4)));
            }
            case TIMEDELTA -> {
                List<?> p = parts("timedelta_parts", o);
                yield Duration.ofDays((Long) p.get(0)).plusSeconds((Long) p.get(1)).plusNanos((Long) p.get(2) * 1000);
            }
            case CONVERTER -> fromConverterLocked(o, null);
            case OTHER -> {
                Object item = BufferConversions.scalarLocked(o); // numpy scalars and other 0-d buffers
                yield item != null ? item : layer.ownLocked(py.incref(o));
            }
        };
    }

    private static int i(List<?> parts, int index) {
        return Math.toIntExact((Long) parts.get(index));
    }

    private static Object dateTime(List<?> p) {
        LocalDateTime t = LocalDateTime.of(i(p, 0), i(p, 1), i(p, 2), i(p, 3), i(p, 4), i(p, 5), i(p, 6) * 1000);
        if (p.get(7) == null) {
            return t;
        }
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(i(p, 7));
        if (p.get(8) instanceof String key) {
            try {
                return ZonedDateTime.ofLocal(t, ZoneId.of(key), offset);
            } catch (java.time.DateTimeException unknownZone) {
                return OffsetDateTime.of(t, offset);
            }
        }
        return OffsetDateTime.of(t, offset);
    }

    private List<?> parts(String helper, MemorySegment o) {
        MemorySegment t = layer.callHelperLocked(helper, o);
        try {
            return PythonTuple.of(itemsLocked(t));
        } finally {
            py.decref(t);
        }
    }

    /** {@code module.QualName} of the object's type ({@code int} for builtins), as {@link ValueConverter} names it. */
    private String qualifiedTypeName(MemorySegment o) {
        return takeStringLocked(layer.callHelperLocked("type_name", o));
    }

    /** A new reference to a {@code str} (NULL: the pending error is thrown) as a Java string; the reference dropped. */
    private String takeStringLocked(MemorySegment s) {
        layer.checkLocked(s);
        try {
            return stringLocked(s);
        } finally {
            py.decref(s);
        }
    }

    private Object fromConverterLocked(MemorySegment o, Class<?> target) {
        String name = target != null ? "" : qualifiedTypeName(o);
        for (ValueConverter<?> c : layer.converters()) {
            if (target != null ? c.javaType() == target : c.pythonType().filter(name::equals).isPresent()) {
                try (CPythonObject handle = layer.ownLocked(py.incref(o))) {
                    return c.toJava(handle);
                }
            }
        }
        return layer.ownLocked(py.incref(o));
    }

    private Object integerLocked(MemorySegment o) {
        long v = CApiObjects.PyLong_AsLongLong(o);
        if (v != -1 || CApi.PyErr_Occurred().address() == 0) {
            return v;
        }
        if (!layer.pendingIsLocked("OverflowError")) {
            throw layer.errorLocked();
        }
        CApiObjects.PyErr_Clear();
        return new BigInteger(takeStringLocked(CApiObjects.PyObject_Str(o)));
    }

    private double doubleLocked(MemorySegment o) {
        double d = CApiObjects.PyFloat_AsDouble(o);
        if (d == -1.0 && CApi.PyErr_Occurred().address() != 0) {
            throw layer.errorLocked();
        }
        return d;
    }

    /** A {@code str} (or subclass) as a Java string; lone surrogates kept. */
    String stringLocked(MemorySegment o) {
        MemorySegment size = SIZE.get();
        MemorySegment utf8 = CApiObjects.PyUnicode_AsUTF8AndSize(o, size);
        if (utf8.address() != 0) {
            return new String(ObjectLayer.bytesAt(utf8, size.get(C_LONG, 0)), java.nio.charset.StandardCharsets.UTF_8);
        }
        CApiObjects.PyErr_Clear();
        MemorySegment b = layer.checkLocked(CApiObjects.PyUnicode_AsEncodedString(o, ObjectLayer.cString("utf-8"),
                ObjectLayer.cString("surrogatepass")));
        try {
            byte[] bytes = py.bytes(b);
            return SurrogateUtf8.decodePass(bytes, 0, bytes.length);
        } finally {
            py.decref(b);
        }
    }

    long longLocked(MemorySegment o) {
        Object v = integerLocked(o);
        return v instanceof Long l ? l : -1;
    }

    private String strLocked(MemorySegment o) {
        return takeStringLocked(CApiObjects.PyObject_Str(o));
    }

    private byte[] bytesLocked(MemorySegment o) {
        return py.bytes(o);
    }

    private Object[] itemsLocked(MemorySegment o) {
        return itemsLocked(o, 0);
    }

    private Object[] itemsLocked(MemorySegment o, int depth) {
        long type = typeOf(o);
        if (type == listType || type == tupleType) {
            boolean list = type == listType;
            Object[] items = new Object[(int) (list ? CApiObjects.PyList_Size(o) : CApiObjects.PyTuple_Size(o))];
            for (int i = 0; i < items.length; i++) {
                // the item is held while it is converted; when the list changes size meanwhile (another thread,
                // or Python code a conversion ran), the conversion ends rather than read past its end
                MemorySegment item = list ? CApiObjects.PyList_GetItem(o, i) : CApi.PyTuple_GetItem(o, i);
                py.incref(item);
                try {
                    items[i] = toJavaLocked(item, depth + 1);
                } finally {
                    py.decref(item);
                }
                if (list && CApiObjects.PyList_Size(o) != items.length) {
                    throw new ConversionException("The list changed size while it was converted");
                }
            }
            return items;
        }
        List<Object> items = new ArrayList<>();
        MemorySegment it = layer.checkLocked(CApiObjects.PyObject_GetIter(o));
        try {
            MemorySegment item;
            while ((item = CApiObjects.PyIter_Next(it)).address() != 0) {
                try {
                    items.add(toJavaLocked(item, depth + 1));
                } finally {
                    py.decref(item);
                }
            }
            if (CApi.PyErr_Occurred().address() != 0) {
                throw layer.errorLocked();
            }
        } finally {
            py.decref(it);
        }
        return items.toArray();
    }

    private Map<Object, Object> dictLocked(MemorySegment o, int depth) {
        Map<Object, Object> map = new LinkedHashMap<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pos = arena.allocate(C_LONG);
            MemorySegment key = arena.allocate(Downcalls.C_POINTER);
            MemorySegment value = arena.allocate(Downcalls.C_POINTER);
            while (CApiObjects.PyDict_Next(o, pos, key, value) != 0) {
                map.put(toJavaLocked(key.get(Downcalls.C_POINTER, 0), depth + 1),
                        toJavaLocked(value.get(Downcalls.C_POINTER, 0), depth + 1));
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /** Converts a borrowed reference to a Java type. */
    @SuppressWarnings("unchecked")
    <T> T toJavaLocked(MemorySegment o, Class<T> type) {
        Class<?> boxed = box(type);
        if (boxed == Object.class) {
            return (T) toJavaLocked(o);
        }
        if (boxed == PythonObject.class || boxed == CPythonObject.class) {
            return (T) layer.ownLocked(py.incref(o));
        }
        for (ValueConverter<?> c : layer.converters()) {
            if (c.javaType() == boxed) {
                return (T) fromConverterLocked(o, boxed);
            }
        }
        Kind k = kind(o);
        Object v = switch (boxed.getName()) {
            case "java.lang.String" -> k == Kind.STR ? stringLocked(o) : fail(o, type);
            case "java.lang.Boolean" -> k == Kind.BOOL ? toJavaLocked(o)
                    : k == Kind.OTHER && BufferConversions.scalarLocked(o) instanceof Boolean b ? b : fail(o, type);
            case "java.lang.Long", "java.lang.Integer", "java.lang.Short", "java.lang.Byte", "java.math.BigInteger" ->
                    k == Kind.INT ? narrow(integerLocked(o), boxed, o)
                            : k == Kind.OTHER ? narrow(indexLocked(o, type), boxed, o) : fail(o, type);
            case "java.lang.Double", "java.lang.Float" -> {
                double d;
                if (k == Kind.FLOAT || k == Kind.INT) {
                    d = doubleLocked(o);
                } else if (k == Kind.OTHER && BufferConversions.scalarLocked(o) instanceof Number n
                        && !(n instanceof BigInteger)) {
                    d = n.doubleValue();
                } else if (k == Kind.OTHER) {
                    d = indexLocked(o, type) instanceof Long l ? (double) l : Double.NaN;
                    if (Double.isNaN(d)) {
                        yield fail(o, type);
                    }
                } else {
                    yield fail(o, type);
                }
                yield boxed == Float.class ? (Object) (float) d : (Object) d;
            }
            case "[D", "[F", "[J", "[I", "[S", "[Z" -> arrayLocked(o, type);
            case "dev.pyhost.api.PythonBuffer" -> CPythonBuffer.acquireLocked(layer, o, false);
            case "java.math.BigDecimal" -> switch (k) {
                case INT -> new BigDecimal(integerLocked(o).toString());
                case FLOAT -> new BigDecimal(Double.toString(doubleLocked(o)));
                case DECIMAL -> toJavaLocked(o) instanceof BigDecimal b ? b : fail(o, type);
                default -> fail(o, type);
            };
            case "java.util.Optional" -> Optional.ofNullable(toJavaLocked(o));
            case "java.util.List", "java.util.Collection", "java.lang.Iterable" -> switch (k) {
                case LIST, TUPLE, SET, FROZENSET -> Collections.unmodifiableList(Arrays.asList(itemsLocked(o)));
                default -> fail(o, type);
            };
            case "java.util.Set" -> switch (k) {
                case SET, FROZENSET, LIST, TUPLE ->
                        Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(itemsLocked(o))));
                default -> fail(o, type);
            };
            case "dev.pyhost.api.PythonTuple" -> k == Kind.TUPLE || k == Kind.LIST ? PythonTuple.of(itemsLocked(o))
                    : fail(o, type);
            case "[B" -> k == Kind.BYTES || k == Kind.BYTEARRAY ? toJavaLocked(o) : arrayLocked(o, type);
            case "java.time.Instant" -> toJavaLocked(o) instanceof OffsetDateTime t ? t.toInstant()
                    : toJavaLocked(o) instanceof ZonedDateTime z ? z.toInstant() : fail(o, type);
            case "java.time.OffsetDateTime" -> toJavaLocked(o) instanceof ZonedDateTime z ? z.toOffsetDateTime()
                    : toJavaLocked(o);
            default -> {
                if (boxed.isInterface() && !Collection.class.isAssignableFrom(boxed) && !Map.class.isAssignableFrom(boxed)
                        && k == Kind.OTHER) {
                    yield Proxies.create(layer, layer.ownLocked(py.incref(o)), boxed);
                }
                Object d = toJavaLocked(o);
                yield boxed.isInstance(d) ? d : fail(o, type, d);
            }
        };
        if (!boxed.isInstance(v)) {
            fail(o, type, v);
        }
        return (T) v;
    }

    /** A primitive array through the buffer protocol ({@link BufferConversions}). */
    private Object arrayLocked(MemorySegment o, Class<?> type) {
        Object array = BufferConversions.arrayLocked(layer, o, type, qualifiedTypeName(o));
        return array != null ? array : fail(o, type);
    }

    /** An integer through {@code __index__} (numpy integers, any integer-like type); fails for other objects. */
    private Object indexLocked(MemorySegment o, Class<?> type) {
        if (CApiBuffers.PyIndex_Check(o) != 1) {
            return fail(o, type);
        }
        MemorySegment i = layer.checkLocked(CApiBuffers.PyNumber_Index(o));
        try {
            return integerLocked(i);
        } finally {
            py.decref(i);
        }
    }

    private Object narrow(Object v, Class<?> boxed, MemorySegment o) {
        if (boxed == BigInteger.class) {
            return v instanceof BigInteger b ? b : BigInteger.valueOf((Long) v);
        }
        if (!(v instanceof Long l)) {
            throw new ConversionException("The Python int " + v + " does not fit a " + boxed.getSimpleName());
        }
        long value = l;
        return switch (boxed.getSimpleName()) {
            case "Long" -> value;
            case "Integer" -> value == (int) value ? (Object) (int) value : tooBig(value, boxed);
            case "Short" -> value == (short) value ? (Object) (short) value : tooBig(value, boxed);
            default -> value == (byte) value ? (Object) (byte) value : tooBig(value, boxed);
        };
    }

    private static Object tooBig(long value, Class<?> boxed) {
        throw new ConversionException("The Python int " + value + " does not fit a " + boxed.getSimpleName());
    }

    private Object fail(MemorySegment o, Class<?> type) {
        throw new ConversionException("Cannot convert a Python " + qualifiedTypeName(o) + " to " + type.getName());
    }

    private Object fail(MemorySegment o, Class<?> type, Object converted) {
        if (converted instanceof PythonObject handle) {
            handle.close();
        }
        return fail(o, type);
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "boolean" -> Boolean.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "char" -> Character.class;
            default -> Void.class;
        };
    }

    // ------------------------------------------------------------------------------------------------
    // Java to Python

    /** The Python object for a Java value: a new reference. */
    MemorySegment toPythonLocked(Object value) {
        return toPythonLocked(value, 0);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private MemorySegment toPythonLocked(Object value, int depth) {
        checkDepth(depth);
        if (value == null) {
            return py.incref(CApi.Py_None());
        }
        if (value instanceof CPythonObject handle) {
            return py.incref(handle.addressLocked(layer));
        }
        for (ValueConverter c : layer.converters()) {
            if (c.javaType().isInstance(value)) {
                PythonObject converted = c.toPython(value, layer.interpreter());
                try {
                    return py.incref(((CPythonObject) converted).addressLocked(layer));
                } finally {
                    converted.close();
                }
            }
        }
        return switch (value) {
            case Boolean b -> layer.checkLocked(CApiObjects.PyBool_FromLong(b ? 1 : 0));
            case Long l -> py.newInt(l);
            case Integer n -> py.newInt(n);
            case Short n -> py.newInt(n);
            case Byte n -> py.newInt(n);
            case Double d -> layer.checkLocked(CApiObjects.PyFloat_FromDouble(d));
            case Float f -> layer.checkLocked(CApiObjects.PyFloat_FromDouble(f));
            case BigInteger b -> {
                try (Arena arena = Arena.ofConfined()) {
                    yield layer.checkLocked(CApiObjects.PyLong_FromString(arena.allocateFrom(b.toString(16)),
                            MemorySegment.NULL, 16));
                }
            }
            case BigDecimal d -> layer.callHelperLocked("decimal", d.toString());
            case String s -> py.newString(s);
            case Character c -> py.newString(c.toString());
            case CharSequence s -> py.newString(s.toString());
            case byte[] b -> bytesObject(b);
            case PythonTuple t -> {
                MemorySegment tuple = layer.checkLocked(CApi.PyTuple_New(t.size()));
                for (int i = 0; i < t.size(); i++) {
                    CApi.PyTuple_SetItem(tuple, i, guarded(tuple, t.get(i), depth));
                }
                yield tuple;
            }
            case List<?> list -> listObject(list, depth);
            case Set<?> set -> {
                MemorySegment s = layer.checkLocked(CApiObjects.PySet_New(MemorySegment.NULL));
                for (Object item : set) {
                    MemorySegment v = guarded(s, item, depth);
                    int rc = CApiObjects.PySet_Add(s, v);
                    py.decref(v);
                    if (rc != 0) {
                        py.decref(s);
                        throw layer.errorLocked();
                    }
                }
                yield s;
            }
            case Collection<?> c -> listObject(new ArrayList<>(c), depth);
            case Map<?, ?> map -> {
                MemorySegment d = py.newDict();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    MemorySegment k = guarded(d, e.getKey(), depth);
                    MemorySegment v;
                    try {
                        v = toPythonLocked(e.getValue(), depth + 1);
                    } catch (RuntimeException ex) {
                        py.decref(k);
                        py.decref(d);
                        throw ex;
                    }
                    int rc = CApiObjects.PyDict_SetItem(d, k, v);
                    py.decref(k);
                    py.decref(v);
                    if (rc != 0) {
                        py.decref(d);
                        throw layer.errorLocked();
                    }
                }
                yield d;
            }
            case Optional<?> o -> toPythonLocked(o.orElse(null), depth + 1);
            case PythonComplex c -> layer.checkLocked(CApiObjects.PyComplex_FromDoubles(c.real(), c.imag()));
            case PythonRange r -> layer.callHelperLocked("make_range", r.start(), r.stop(), r.step());
            case LocalDate d -> layer.callHelperLocked("make_date", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
            case LocalTime t -> time(t, null);
            case OffsetTime t -> time(t.toLocalTime(), t.getOffset().getTotalSeconds());
            case LocalDateTime t -> dateTime(t, null, null);
            case OffsetDateTime t -> dateTime(t.toLocalDateTime(), t.getOffset().getTotalSeconds(), null);
            case ZonedDateTime t -> dateTime(t.toLocalDateTime(), t.getOffset().getTotalSeconds(),
                    t.getZone() instanceof ZoneOffset ? null : t.getZone().getId());
            case Instant t -> dateTime(LocalDateTime.ofInstant(t, ZoneOffset.UTC), 0, null);
            case Duration d -> layer.callHelperLocked("make_timedelta", d.toDaysPart(),
                    d.minusDays(d.toDaysPart()).toSeconds(), d.toNanosPart() / 1000);
            case PythonCallable f -> JavaFunctions.create(layer, f);
            case Function<?, ?> f -> JavaFunctions.create(layer, f);
            case BiFunction<?, ?, ?> f -> JavaFunctions.create(layer, f);
            case Supplier<?> f -> JavaFunctions.create(layer, f);
            case Consumer<?> f -> JavaFunctions.create(layer, f);
            case BiConsumer<?, ?> f -> JavaFunctions.create(layer, f);
            case Predicate<?> f -> JavaFunctions.create(layer, f);
            case Callable<?> f -> JavaFunctions.create(layer, f);
            case Runnable f -> JavaFunctions.create(layer, f);
            case PythonObject other -> throw new ConversionException(
                    "A PythonObject of another runtime or interpreter cannot be passed to this one: a handle belongs "
                            + "to the interpreter that made it");
            default -> {
                if (value.getClass().isArray()) {
                    int n = Array.getLength(value);
                    List<Object> items = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        items.add(Array.get(value, i));
                    }
                    yield listObject(items, depth);
                }
                throw new ConversionException("A " + value.getClass().getName() + " has no Python counterpart; "
                        + "register a dev.pyhost.api.spi.ValueConverter for it");
            }
        };
    }

    /** Converts an item of a container under construction, dropping the container when the item fails. */
    private MemorySegment guarded(MemorySegment container, Object item, int depth) {
        try {
            return toPythonLocked(item, depth + 1);
        } catch (RuntimeException e) {
            py.decref(container);
            throw e;
        }
    }

    private MemorySegment listObject(List<?> list, int depth) {
        MemorySegment l = layer.checkLocked(CApiObjects.PyList_New(list.size()));
        int i = 0;
        for (Object item : list) {
            CApiObjects.PyList_SetItem(l, i++, guarded(l, item, depth));
        }
        return l;
    }

    private MemorySegment bytesObject(byte[] b) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(Math.max(1, b.length));
            MemorySegment.copy(b, 0, buf, ValueLayout.JAVA_BYTE, 0, b.length);
            return layer.checkLocked(CApiObjects.PyBytes_FromStringAndSize(buf, b.length));
        }
    }

    private MemorySegment time(LocalTime t, Integer offset) {
        return layer.callHelperLocked("make_time", t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1000,
                offset);
    }

    private MemorySegment dateTime(LocalDateTime t, Integer offset, String zone) {
        return layer.callHelperLocked("make_datetime", t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(),
                t.getMinute(), t.getSecond(), t.getNano() / 1000, offset, zone);
    }
}
