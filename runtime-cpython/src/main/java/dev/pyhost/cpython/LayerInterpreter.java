package dev.pyhost.cpython;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonObject;
import dev.pyhost.api.PythonScope;
import dev.pyhost.api.SharedSegment;
import dev.pyhost.api.spi.ValueConverter;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the main interpreter and sub-interpreters share: the object API of one interpreter through its
 * {@link ObjectLayer}, and deadlines through that layer's gate.
 */
abstract sealed class LayerInterpreter implements Interpreter permits CPythonInterpreter, CPythonSubInterpreter {

    /** {@return the object layer of the interpreter} */
    abstract ObjectLayer layer();

    /** {@return the globals of its {@code __main__}} */
    abstract CPythonScope main();

    /** Throws {@link dev.pyhost.api.LifecycleException} when the interpreter can no longer be used. */
    abstract void checkOpen();

    @Override
    public PythonScope mainScope() {
        checkOpen();
        return main();
    }

    @Override
    public PythonScope newScope() {
        checkOpen();
        return CPythonScope.fresh(layer());
    }

    @Override
    public PythonObject importModule(String name) {
        Objects.requireNonNull(name, "name");
        ObjectLayer layer = layer();
        return layer.withGil(() -> layer.ownLocked(CApiObjects.PyImport_ImportModule(ObjectLayer.cString(name))));
    }

    @Override
    public SharedSegment share(MemorySegment segment) {
        return CPythonSharedSegment.share(layer(), segment);
    }

    @Override
    public PythonObject toPython(Object value) {
        ObjectLayer layer = layer();
        return layer.withGil(() -> layer.ownLocked(layer.conversions.toPythonLocked(value)));
    }

    @Override
    public void addConverter(ValueConverter<?> converter) {
        layer().addConverter(converter);
    }

    @Override
    public <T> T withTimeout(Duration timeout, Supplier<T> work) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(work, "work");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new dev.pyhost.api.ConfigurationException("timeout", "A timeout must be positive, not " + timeout);
        }
        return layer().gil.interrupts.withDeadline(timeout, work);
    }
}
