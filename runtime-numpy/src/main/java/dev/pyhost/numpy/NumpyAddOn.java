package dev.pyhost.numpy;

import com.google.auto.service.AutoService;
import dev.pyhost.embedded.EmbeddedAddOn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/**
 * numpy for the embedded CPython. What the two artifacts hold, and what is taken:
 *
 * <ul>
 * <li>{@code org.bytedeco:numpy:linux-x86_64}: under {@code org/bytedeco/numpy/linux-x86_64/python/} the
 *     {@code numpy} package as a wheel installs it (extension modules built for CPython 3.14) and its
 *     {@code dist-info}. That tree goes to the embedded CPython's {@code lib/python3.14/site-packages/}, which
 *     CPython puts on {@code sys.path} by itself; numpy's own test suites ({@code tests/} folders, about 6.6 MB)
 *     are left out. The jar's {@code bin/} scripts name the build machine's python and are not taken, nor is the
 *     JavaCPP glue ({@code libjninumpy.so}).</li>
 * <li>{@code org.bytedeco:openblas:linux-x86_64}: {@code libopenblas.so.0}, {@code libgfortran.so.5} and
 *     {@code libquadmath.so.0}, taken to {@code lib/pyhost-openblas/}. numpy's extension modules need
 *     {@code libopenblas.so.0} but their run path names the build machine's JavaCPP cache, which does not exist
 *     here. So the installation preloads the three libraries by their full paths, before libpython; the dynamic
 *     linker then matches numpy's need by the library's name, with no {@code LD_LIBRARY_PATH}. The JavaCPP
 *     bindings and the system's {@code libgcc_s.so.1} copy are not taken.</li>
 * </ul>
 */
@AutoService(EmbeddedAddOn.class)
public final class NumpyAddOn implements EmbeddedAddOn {
    private static final List<String> OPENBLAS = List.of("libquadmath.so.0", "libgfortran.so.5", "libopenblas.so.0");
    private static final String OPENBLAS_FOLDER = "lib/pyhost-openblas/";

    private final List<Jar> jars;

    /** Creates the add-on from the versions the build recorded. */
    public NumpyAddOn() {
        Properties p = new Properties();
        try (InputStream in = NumpyAddOn.class.getResourceAsStream("numpy.properties")) {
            if (in == null) {
                throw new IllegalStateException("numpy.properties is missing from runtime-numpy");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String platform = p.getProperty("platform");
        String numpy = p.getProperty("numpy.version");
        String openblas = p.getProperty("openblas.version");
        String sitePackages = "lib/python" + p.getProperty("python.feature") + "/site-packages/";
        jars = List.of(
                new Jar("org.bytedeco:numpy:" + numpy + ":" + platform, "numpy-" + numpy + "-" + platform + ".jar",
                        "org.bytedeco.numpy." + platform.replace('-', '.'),
                        "org/bytedeco/numpy/" + platform + "/python/", sitePackages,
                        NumpyAddOn::takesFromNumpy, List.of()),
                new Jar("org.bytedeco:openblas:" + openblas + ":" + platform,
                        "openblas-" + openblas + "-" + platform + ".jar",
                        "org.bytedeco.openblas." + platform.replace('-', '.'), "org/bytedeco/openblas/" + platform + "/",
                        OPENBLAS_FOLDER, OPENBLAS::contains,
                        OPENBLAS.stream().map(lib -> OPENBLAS_FOLDER + lib).toList()));
    }

    private static boolean takesFromNumpy(String rel) {
        return (rel.startsWith("numpy/") || rel.startsWith("numpy-")) && !rel.contains("/tests/");
    }

    @Override
    public String id() {
        return "numpy";
    }

    @Override
    public List<Jar> jars() {
        return jars;
    }
}
