package dev.pyhost.embedded;

import dev.pyhost.api.ProviderException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CPython that ships inside the Maven artifact {@code org.bytedeco:cpython} ({@code linux-x86_64}), unpacked
 * on first use into a cache folder and checked on every later start before its code runs.
 *
 * <p>Typical use, as {@link EmbeddedLocator} and {@code bin/pyhost --pyhost-prepare} do:
 * <pre>{@code
 * EmbeddedCPython payload = EmbeddedCPython.payload();
 * Optional<Path> jar = payload.jar();
 * PythonInstallation python = payload.prepare(jar.orElseThrow(), EmbeddedCPython.cacheRoot(System.getenv()));
 * }</pre>
 *
 * <p>The cache folder is {@code PYHOST_CACHE_DIR}, else the system property {@code pyhost.cache.dir}, else
 * {@code $XDG_CACHE_HOME/pyhost}, else {@code ~/.cache/pyhost}. It must belong to the current user or root and be
 * writable by nobody else, as must everything unpacked in it. Inside it, each payload gets a folder named after
 * the artifact version and a checksum of the payload's entries. Unpacking happens in a staging folder, flushed to
 * the disk and renamed into place under a file lock, so concurrent first starts wait for one another; what an
 * interrupted unpack leaves is deleted by a later start. A manifest records every file's size, modification time
 * and digests: a missing, truncated, changed or foreign-owned file, or a damaged manifest, makes the start unpack
 * again and say why.
 */
public final class EmbeddedCPython {
    private final Payload payload;

    private EmbeddedCPython(Payload payload) {
        this.payload = payload;
    }

    /** {@return the embedded payload this build was made with} */
    public static EmbeddedCPython payload() {
        return new EmbeddedCPython(Payload.load());
    }

    /** {@return the Maven coordinates of the payload} */
    public String artifact() {
        return payload.artifact();
    }

    /** {@return the CPython version of the payload} */
    public PythonVersion pythonVersion() {
        return payload.python();
    }

    /** {@return the platform the payload is built for, for example {@code linux-x86_64}} */
    public String platform() {
        return payload.platform();
    }

    /**
     * Tells why the payload cannot run here, if it cannot.
     *
     * @param osName {@code os.name}
     * @param osArch {@code os.arch}
     * @return the reason, or empty when this platform matches
     */
    public Optional<String> platformMismatch(String osName, String osArch) {
        return Platforms.mismatch(payload, osName, osArch);
    }

    /**
     * The cache folder.
     *
     * @param env the environment
     * @return the folder, absolute (not created)
     * @throws ProviderException when its name cannot be represented in this JVM's file-name encoding (a non-ASCII
     *         name under {@code LC_ALL=C}); the message names the variable and the fix
     */
    public static Path cacheRoot(Map<String, String> env) {
        return CacheLocation.root(env, System::getProperty);
    }

    /**
     * Finds the payload jar: the one the system property {@code pyhost.embedded.payload} names, else on the class
     * path or on the module path (as an entry or in a folder that is one), resolved as a module or not. The usual
     * cases cost no jar opening: the property, the module graph and the jar's file name are consulted first. A
     * launcher that sets the property can keep the 27 MB jar off the class path, which every class-path
     * {@code ServiceLoader} scan would otherwise open.
     *
     * @return the jar, or empty when it is on neither path and the property is not set
     * @throws ProviderException when the property names something that is not a file
     */
    public Optional<Path> jar() {
        return PayloadJar.find(payload);
    }

    /**
     * Makes sure the payload is unpacked, intact and trusted in the cache, and describes it as an installation.
     *
     * @param jar the payload jar
     * @param root the cache folder
     * @return the installation
     * @throws ProviderException when the cache folder is not trusted (another user owns it or may write to it),
     *         cannot be written (read-only, full), or the jar is unreadable
     */
    public PythonInstallation prepare(Path jar, Path root) {
        return prepare(jar, root, AddOnJars.discovered());
    }

    /**
     * Makes sure the payload and the given add-ons are unpacked, intact and trusted in the cache, and describes
     * them as an installation. {@link #prepare(Path, Path)} passes the add-ons registered as
     * {@link EmbeddedAddOn} services; pass an empty list for CPython alone.
     *
     * @param jar the payload jar
     * @param root the cache folder
     * @param addOns the add-ons; their jars are looked up on the class path and the module path
     * @return the installation, which preloads the add-ons' libraries
     * @throws ProviderException as {@link #prepare(Path, Path)} does, and when an add-on's jar cannot be found or
     *         its id is not lowercase letters and digits
     */
    public PythonInstallation prepare(Path jar, Path root, List<EmbeddedAddOn> addOns) {
        Payload with = payload.withAddOns(AddOnJars.sorted(addOns));
        return new EmbeddedCache(with, root, CacheTrust.currentUser()).prepare(jar, AddOnJars.find(with));
    }
}
