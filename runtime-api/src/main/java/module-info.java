/**
 * The contracts of PyHost, in three packages:
 * <ul>
 * <li>{@code dev.pyhost.api}: what an embedding application uses, starting with
 *     {@link dev.pyhost.api.PythonRuntime#builder(dev.pyhost.api.RuntimeConfig)};</li>
 * <li>{@code dev.pyhost.api.spi}: what integrators implement (execution modes, exit handlers, installation
 *     locators) and the context types they are handed;</li>
 * <li>{@code dev.pyhost.api.backend}: the contracts between PyHost's own parts (the lifecycle manager and the
 *     CPython binding), not for embedders.</li>
 * </ul>
 *
 * @uses dev.pyhost.api.backend.RuntimeFactory
 */
module dev.pyhost.api {
    exports dev.pyhost.api;
    exports dev.pyhost.api.spi;
    exports dev.pyhost.api.backend;

    uses dev.pyhost.api.backend.RuntimeFactory;
}
