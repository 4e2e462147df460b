package dev.pyhost.cpython;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decodes the tagged byte format that {@code boot.py}'s {@code encode()} writes. */
final class Values {
    private final byte[] data;
    private int pos;

    private Values(byte[] data) {
        this.data = data;
    }

    static Object decode(byte[] data) {
        Values v = new Values(data);
        Object result = v.next();
        if (v.pos != data.length) {
            throw new IllegalStateException("trailing bytes in encoded value at " + v.pos);
        }
        return result;
    }

    private Object next() {
        byte tag = data[pos++];
        return switch (tag) {
            case 'N' -> null;
            case 'T' -> Boolean.TRUE;
            case 'F' -> Boolean.FALSE;
            case 'I' -> {
                String digits = until(';');
                BigInteger big = new BigInteger(digits);
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
                int n = Integer.parseInt(until(':'));
                String s = SurrogateUtf8.decodePass(data, pos, n);
                pos += n;
                yield s;
            }
            case 'B' -> {
                int n = Integer.parseInt(until(':'));
                byte[] b = java.util.Arrays.copyOfRange(data, pos, pos + n);
                pos += n;
                yield b;
            }
            case 'L', 'U' -> {
                int n = Integer.parseInt(until(':'));
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(next());
                }
                yield Collections.unmodifiableList(list);
            }
            case 'M' -> {
                int n = Integer.parseInt(until(':'));
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    Object k = next();
                    map.put(k, next());
                }
                yield Collections.unmodifiableMap(map);
            }
            default -> throw new IllegalStateException("bad tag '" + (char) tag + "' at " + (pos - 1));
        };
    }

    private String until(char end) {
        int start = pos;
        while (data[pos] != end) {
            pos++;
        }
        String s = new String(data, start, pos - start, java.nio.charset.StandardCharsets.US_ASCII);
        pos++;
        return s;
    }
}
