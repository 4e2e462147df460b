package dev.pyhost.core;

/**
 * The id and order that every built-in plug-in of the core carries, named in
 * {@link dev.pyhost.api.spi.BuiltinPlugins}; the subclasses implement the plug-in interface itself.
 */
public abstract class BuiltinPlugin {
    private final String id;
    private final int order;

    /**
     * Creates the plug-in.
     *
     * @param id its id
     * @param order its order
     */
    protected BuiltinPlugin(String id, int order) {
        this.id = id;
        this.order = order;
    }

    /** {@return the id} */
    public final String id() {
        return id;
    }

    /** {@return the order} */
    public final int order() {
        return order;
    }

    @Override
    public String toString() {
        return id + " (order " + order + ")";
    }
}
