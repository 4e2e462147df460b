package dev.pyhost.api;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * A Python {@code tuple} converted to Java: an unmodifiable list that stays distinguishable from a converted
 * {@code list}, and that converts back to a {@code tuple}. Elements may be {@code null} ({@code None}).
 */
public final class PythonTuple extends AbstractList<Object> implements RandomAccess {
    private final Object[] items;

    private PythonTuple(Object[] items) {
        this.items = items;
    }

    /**
     * Creates a tuple of the given elements.
     *
     * @param items the elements, copied
     * @return the tuple
     */
    public static PythonTuple of(Object... items) {
        return new PythonTuple(items.clone());
    }

    /**
     * Creates a tuple of the elements of a list.
     *
     * @param items the elements, copied
     * @return the tuple
     */
    public static PythonTuple copyOf(List<?> items) {
        return new PythonTuple(items.toArray());
    }

    @Override
    public Object get(int index) {
        return items[index];
    }

    @Override
    public int size() {
        return items.length;
    }

    @Override
    public Object[] toArray() {
        return items.clone();
    }

    /** {@return the elements as Python writes a tuple, for example {@code (1, 'a')}} */
    @Override
    public String toString() {
        if (items.length == 1) {
            return "(" + items[0] + ",)";
        }
        String s = Arrays.toString(items);
        return "(" + s.substring(1, s.length() - 1) + ")";
    }
}
