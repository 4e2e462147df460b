package dev.pyhost.cpython;

import dev.pyhost.api.PyHostException;
import dev.pyhost.api.PythonException;
import dev.pyhost.api.RunOutcome;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes what {@code boot.py}'s {@code encode()} writes: one tagged value, where every record is turned into its
 * Java type here and nowhere else.
 *
 * <p>Values: {@code N} None, {@code T}/{@code F} booleans, {@code I<digits>;} ints ({@link Long}, or
 * {@link BigInteger} beyond 64 bits), {@code D<repr>;} floats, {@code S<n>:} str (UTF-8, lone surrogates kept),
 * {@code B<n>:} bytes, {@code L<n>:}/{@code U<n>:} lists and tuples (unmodifiable {@link List}s), {@code M<n>:}
 * dicts (unmodifiable {@link Map}s in insertion order). Records: {@code R}, the kind as a str, then the fields as
 * a dict from field name to value:
 * <table>
 * <caption>Record kinds</caption>
 * <tr><th>kind and fields</th><th>Java type</th></tr>
 * <tr><td>{@code completed()}</td><td>{@link RunOutcome.Completed}</td></tr>
 * <tr><td>{@code exited(code)}</td><td>{@link RunOutcome.Exited}</td></tr>
 * <tr><td>{@code raised(error)}, {@code interrupted(error)}</td>
 *     <td>{@link RunOutcome.Raised}, {@link RunOutcome.Interrupted}</td></tr>
 * <tr><td>{@code failed(status, reason)}</td><td>{@link RunOutcome.Failed}</td></tr>
 * <tr><td>{@code exception(type, message, traceback)}</td><td>{@link PythonException}</td></tr>
 * <tr><td>{@code returned(value)}</td><td>{@link Returned}</td></tr>
 * </table>
 * Anything else is a defect of PyHost and fails with a {@link PyHostException} that says where.
 */
final class BootCodec {
    /**
     * What an {@code Interpreter} call returned (as opposed to the {@link PythonException} it raised).
     *
     * @param value the decoded value; {@code null} for {@code None}
     */
    record Returned(Object value) {
    }

    private final byte[] data;
    private int pos;

    private BootCodec(byte[] data) {
        this.data = data;
    }

    /**
     * Decodes one encoded value.
     *
     * @param data what {@code encode()} wrote
     * @return the value, with records as their Java types
     * @throws PyHostException when the data does not follow the format
     */
    static Object decode(byte[] data) {
        BootCodec codec = new BootCodec(data);
        Object result;
        try {
            result = codec.next();
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            throw codec.malformed("truncated or malformed data (" + e.getMessage() + ")");
        }
        if (codec.pos != data.length) {
            throw codec.malformed("trailing bytes");
        }
        return result;
    }

    /**
     * Checks the type of a decoded result.
     *
     * @param value the result
     * @param type what the entry point returns
     * @param entry the entry point, for the message
     * @param <T> the type
     * @return the value
     * @throws PyHostException when it has another type
     */
    static <T> T expect(Object value, Class<T> type, String entry) {
        if (!type.isInstance(value)) {
            throw new PyHostException("PyHost's bootstrap returned " + describe(value) + " from " + entry + " where "
                    + type.getSimpleName() + " was expected (a PyHost bug; please report it)");
        }
        return type.cast(value);
    }

    private Object next() {
        int at = pos;
        byte tag = data[pos++];
        return switch (tag) {
            case 'N' -> null;
            case 'T' -> Boolean.TRUE;
            case 'F' -> Boolean.FALSE;
            case 'I' -> {
                BigInteger big = new BigInteger(until(';'));
                yield big.bitLength() < 64 ? (Object) big.longValue() : big;
            }
            case 'D' -> {
                String text = until(';');
                yield switch (text) {
                    case "inf" -> Double.POSITIVE_INFINITY;
                    case "-inf" -> Double.NEGATIVE_INFINITY;
                    case "nan" -> Double.NaN;
                    default -> Double.parseDouble(text);
                };
            }
            case 'S' -> {
                int n = length();
                String s = SurrogateUtf8.decodePass(data, pos, n);
                pos += n;
                yield s;
            }
            case 'B' -> {
                int n = length();
                byte[] b = Arrays.copyOfRange(data, pos, pos + n);
                pos += n;
                yield b;
            }
            case 'L', 'U' -> {
                int n = length();
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(next());
                }
                yield Collections.unmodifiableList(list);
            }
            case 'M' -> map();
            case 'R' -> {
                if (!(next() instanceof String kind)) {
                    throw malformed("a record at " + at + " without a kind");
                }
                if (data[pos++] != 'M') {
                    throw malformed("record '" + kind + "' at " + at + " without fields");
                }
                yield record(kind, new Fields(kind, map()));
            }
            default -> throw malformed("bad tag '" + (char) tag + "' at " + at);
        };
    }

    /** A dict, from after its tag. */
    private Map<Object, Object> map() {
        int n = length();
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Object k = next();
            map.put(k, next());
        }
        return Collections.unmodifiableMap(map);
    }

    /** Every record kind and the Java type it becomes: the one place that reads the fields of a record. */
    private Object record(String kind, Fields f) {
        return switch (kind) {
            case "completed" -> new RunOutcome.Completed();
            case "exited" -> new RunOutcome.Exited(f.integer("code"));
            case "raised" -> new RunOutcome.Raised(f.get("error", PythonException.class));
            case "interrupted" -> new RunOutcome.Interrupted(f.get("error", PythonException.class));
            case "failed" -> new RunOutcome.Failed(f.integer("status"), f.get("reason", String.class));
            case "exception" -> new PythonException(f.get("type", String.class), f.get("message", String.class),
                    f.get("traceback", String.class));
            case "returned" -> new Returned(f.nullable("value"));
            default -> throw malformed("unknown record kind '" + kind + "'");
        };
    }

    /** The fields of one record, read by name with their types checked. */
    private final class Fields {
        private final String kind;
        private final Map<Object, Object> values;

        Fields(String kind, Map<Object, Object> values) {
            this.kind = kind;
            this.values = values;
        }

        Object nullable(String name) {
            if (!values.containsKey(name)) {
                throw malformed("record '" + kind + "' has no field '" + name + "'");
            }
            return values.get(name);
        }

        <T> T get(String name, Class<T> type) {
            Object v = nullable(name);
            if (!type.isInstance(v)) {
                throw malformed("field '" + name + "' of record '" + kind + "' is " + describe(v) + ", not "
                        + type.getSimpleName());
            }
            return type.cast(v);
        }

        int integer(String name) {
            return Math.toIntExact(get(name, Long.class));
        }
    }

    private int length() {
        return Integer.parseInt(until(':'));
    }

    private String until(char end) {
        int start = pos;
        while (data[pos] != end) {
            pos++;
        }
        String s = new String(data, start, pos - start, StandardCharsets.US_ASCII);
        pos++;
        return s;
    }

    private PyHostException malformed(String what) {
        return new PyHostException("PyHost's bootstrap sent a value Java cannot decode: " + what
                + " (a PyHost bug; please report it)");
    }

    private static String describe(Object value) {
        return value == null ? "None" : "a " + value.getClass().getSimpleName();
    }
}
