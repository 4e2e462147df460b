/**
 * The zero-install CPython of PyHost: the native payload of {@code org.bytedeco:cpython} (libpython, libffi,
 * {@code bin/python3.14} and the standard library) unpacked once into a verified cache and offered as an
 * installation. No JavaCPP code runs.
 *
 * @provides dev.pyhost.api.spi.InstallationLocator
 * @uses dev.pyhost.embedded.EmbeddedAddOn
 */
module dev.pyhost.embedded {
    requires transitive dev.pyhost.api;
    requires static transitive com.google.auto.service;

    exports dev.pyhost.embedded;

    uses dev.pyhost.embedded.EmbeddedAddOn;

    provides dev.pyhost.api.spi.InstallationLocator with dev.pyhost.embedded.EmbeddedLocator;
}
