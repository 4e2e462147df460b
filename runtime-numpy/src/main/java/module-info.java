/**
 * numpy for the embedded CPython, with nothing installed: the native payloads of {@code org.bytedeco:numpy} (the
 * {@code numpy} package and its extension modules, built for the same CPython 3.14) and
 * {@code org.bytedeco:openblas} ({@code libopenblas.so.0} and the GCC runtime it needs), unpacked with CPython into
 * its verified cache as an {@link dev.pyhost.embedded.EmbeddedAddOn}. No JavaCPP code runs. Adding this module
 * beside {@code pyhost} is all it takes.
 *
 * @provides dev.pyhost.embedded.EmbeddedAddOn
 */
module dev.pyhost.numpy {
    requires transitive dev.pyhost.embedded;
    requires static transitive com.google.auto.service;

    exports dev.pyhost.numpy;

    provides dev.pyhost.embedded.EmbeddedAddOn with dev.pyhost.numpy.NumpyAddOn;
}
