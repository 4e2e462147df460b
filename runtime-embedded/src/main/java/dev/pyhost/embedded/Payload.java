package dev.pyhost.embedded;

import dev.pyhost.api.ProviderException;
import dev.pyhost.api.PythonVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What the build recorded about the payload artifact ({@code payload.properties}), and which of its entries PyHost
 * takes: libpython, libffi, the {@code python} executable and the standard library without its tests.
 *
 * @param artifact the Maven coordinates, for messages
 * @param version the artifact version, part of the jar's file name
 * @param python the CPython version inside
 * @param platform the JavaCPP platform name, for example {@code linux-x86_64}
 * @param addOns the add-ons unpacked with it, in a stable order
 */
record Payload(String artifact, String version, PythonVersion python, String platform, List<EmbeddedAddOn> addOns) {
    /** Copies the add-on list. */
    Payload {
        addOns = List.copyOf(addOns);
    }

    /**
     * The payload alone, without add-ons.
     *
     * @param artifact the Maven coordinates
     * @param version the artifact version
     * @param python the CPython version
     * @param platform the platform name
     */
    Payload(String artifact, String version, PythonVersion python, String platform) {
        this(artifact, version, python, platform, List.of());
    }

    /**
     * {@return this payload with these add-ons}
     *
     * @param more the add-ons
     */
    Payload withAddOns(List<EmbeddedAddOn> more) {
        return new Payload(artifact, version, python, platform, more);
    }

    /** {@return the start of the cache folder's name: version, platform and the add-ons' names} */
    String keyPrefix() {
        StringBuilder b = new StringBuilder("cpython-").append(version).append('-').append(platform).append('-');
        for (EmbeddedAddOn a : addOns) {
            b.append("with-").append(a.id()).append('-');
        }
        return b.toString();
    }

    /** {@return the add-ons' libraries loaded before libpython, in order} */
    List<String> addOnPreloads() {
        List<String> all = new ArrayList<>();
        for (EmbeddedAddOn a : addOns) {
            for (EmbeddedAddOn.Jar j : a.jars()) {
                all.addAll(j.preload());
            }
        }
        return List.copyOf(all);
    }

    /** {@return the payload this build was made with} */
    static Payload load() {
        Properties p = new Properties();
        try (InputStream in = Payload.class.getResourceAsStream("payload.properties")) {
            if (in == null) {
                throw new ProviderException("payload.properties is missing from runtime-embedded");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Payload(p.getProperty("artifact"), p.getProperty("version"),
                PythonVersion.parse(p.getProperty("python")), p.getProperty("platform"));
    }

    /** {@return the file name Maven and Gradle give the jar} */
    String jarFileName() {
        return "cpython-" + version + "-" + platform + ".jar";
    }

    /** {@return the name the jar declares as a module, for example {@code org.bytedeco.cpython.linux.x86_64}} */
    String moduleName() {
        return "org.bytedeco.cpython." + platform.replace('-', '.');
    }

    /** {@return the folder of the jar that holds the native payload} */
    String entryPrefix() {
        return "org/bytedeco/cpython/" + platform + "/";
    }

    /** {@return libpython, relative to the unpacked folder} */
    String libpython() {
        return "libpython" + python.feature() + ".so.1.0";
    }

    /** {@return the python executable, relative to the unpacked folder} */
    String executable() {
        return "bin/python" + python.feature();
    }

    /** {@return libffi, which the installation preloads, relative to the unpacked folder} */
    String libffi() {
        return "libffi.so.8";
    }

    /** {@return the native libraries every start loads: their contents are checked on every start} */
    List<String> loadedLibraries() {
        List<String> all = new ArrayList<>(List.of(libpython(), libffi()));
        all.addAll(addOnPreloads());
        return List.copyOf(all);
    }

    /** {@return files a usable unpacked folder must hold, whatever its manifest says} */
    List<String> required() {
        List<String> all = new ArrayList<>(List.of(libpython(), libffi(), executable(),
                "lib/python" + python.feature() + "/os.py"));
        all.addAll(addOnPreloads());
        return List.copyOf(all);
    }

    /**
     * Tells where a jar entry goes in the unpacked folder, if PyHost takes it.
     *
     * @param entryName the name of the entry in the jar
     * @return its path relative to the unpacked folder, or empty when it is not taken
     */
    Optional<String> unpackedName(String entryName) {
        if (!entryName.startsWith(entryPrefix()) || entryName.endsWith("/")) {
            return Optional.empty();
        }
        String rel = entryName.substring(entryPrefix().length());
        String stdlib = "lib/python" + python.feature() + "/";
        boolean wanted = rel.equals(libpython()) || rel.equals(libffi()) || rel.equals(executable())
                || (rel.startsWith(stdlib) && !rel.startsWith(stdlib + "test/"));
        return wanted ? Optional.of(rel) : Optional.empty();
    }

    /**
     * Whether an unpacked file must be executable: the python executable and shared libraries.
     *
     * @param rel the path relative to the unpacked folder
     * @return true for those
     */
    static boolean executable(String rel) {
        return rel.startsWith("bin/") || rel.endsWith(".so") || rel.contains(".so.");
    }
}
