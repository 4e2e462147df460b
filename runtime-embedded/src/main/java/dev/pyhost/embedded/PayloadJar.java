package dev.pyhost.embedded;

import dev.pyhost.api.ProviderException;
import java.io.File;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the payload jar, which is read as a zip file by its path. It may sit on the class path or on the module
 * path (as an entry or inside a folder that is an entry), resolved as a module or not: nobody has to
 * {@code --add-modules} it (which fails anyway, as it requires JavaCPP's {@code org.bytedeco.cpython}).
 *
 * <p>The cheap ways come first and open no jar: the system property {@value #PROPERTY}, the module graph, then the
 * jar's file name among the class path and module path entries. Only a renamed jar costs more: the module path's
 * module descriptors are read, then a class-loader resource lookup opens the class path's jars in turn.
 *
 * <p>The property is the cheapest way of all: a launcher that names the jar there can leave it off the class path,
 * where every {@code ServiceLoader} scan of the class path opens its 3,600-entry central directory (about 6 ms of
 * a start).
 */
final class PayloadJar {
    /** The system property that names the payload jar, checked first. */
    static final String PROPERTY = "pyhost.embedded.payload";

    private PayloadJar() {
    }

    /**
     * Finds the jar as this JVM was started.
     *
     * @param payload the payload
     * @return the jar, or empty when it is on neither path
     * @throws ProviderException when {@value #PROPERTY} names something that is not a file
     */
    static Optional<Path> find(Payload payload) {
        String named = System.getProperty(PROPERTY);
        if (named != null && !named.isEmpty()) {
            return Optional.of(named(named));
        }
        List<ModuleLayer> layers = new ArrayList<>();
        ModuleLayer own = PayloadJar.class.getModule().getLayer();
        if (own != null) {
            layers.add(own);
        }
        layers.add(ModuleLayer.boot());
        return find(payload, layers, System.getProperty("java.class.path", ""),
                System.getProperty("jdk.module.path", ""), PayloadJar.class.getClassLoader());
    }

    /**
     * The jar the system property names.
     *
     * @param value the property's value
     * @return the jar
     * @throws ProviderException when it is not a file
     */
    static Path named(String value) {
        try {
            Path jar = Path.of(value).toAbsolutePath();
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        } catch (InvalidPathException e) {
            // reported below, with the fix
        }
        throw new ProviderException("The system property " + PROPERTY + " names " + value + ", which is not a "
                + "file: set it to the path of the jar org.bytedeco:cpython (linux-x86_64), or remove it to look for "
                + "that jar on the class path and the module path.");
    }

    /**
     * Finds the jar in the given places, cheapest first.
     *
     * @param payload the payload
     * @param layers module layers where it may be resolved
     * @param classPath the class path
     * @param modulePath the module path
     * @param loader the class loader to ask last, or {@code null}
     * @return the jar, or empty
     */
    static Optional<Path> find(Payload payload, List<ModuleLayer> layers, String classPath, String modulePath,
            ClassLoader loader) {
        return find(new Wanted(payload.moduleName(), payload.jarFileName(), payload.entryPrefix() + payload.libpython()),
                layers, classPath, modulePath, loader);
    }

    /**
     * Finds an add-on's jar as this JVM was started, the way {@link #find(Payload)} finds the payload jar (without
     * the system property).
     *
     * @param jar the add-on jar
     * @return the jar, or empty when it is on neither path
     */
    static Optional<Path> find(EmbeddedAddOn.Jar jar) {
        List<ModuleLayer> layers = new ArrayList<>();
        ModuleLayer own = PayloadJar.class.getModule().getLayer();
        if (own != null) {
            layers.add(own);
        }
        layers.add(ModuleLayer.boot());
        return find(new Wanted(jar.moduleName(), jar.jarFileName(), jar.entryPrefix()), layers,
                System.getProperty("java.class.path", ""), System.getProperty("jdk.module.path", ""),
                PayloadJar.class.getClassLoader());
    }

    /**
     * What identifies a jar.
     *
     * @param moduleName the module it declares
     * @param jarFileName its file name as Maven gives it
     * @param resource an entry it holds, for the class-loader lookup
     */
    private record Wanted(String moduleName, String jarFileName, String resource) {
    }

    private static Optional<Path> find(Wanted payload, List<ModuleLayer> layers, String classPath,
            String modulePath, ClassLoader loader) {
        Optional<Path> found = resolved(payload, layers);
        if (found.isPresent()) {
            return found;
        }
        List<Path> classPathEntries = entries(classPath);
        List<Path> modulePathEntries = entries(modulePath);
        found = byName(payload, classPathEntries, false);
        if (found.isPresent()) {
            return found;
        }
        found = byName(payload, modulePathEntries, true);
        if (found.isPresent()) {
            return found;
        }
        found = byDescriptor(payload, modulePathEntries);
        if (found.isPresent()) {
            return found;
        }
        return loader == null ? Optional.empty() : byResource(payload, loader);
    }

    private static Optional<Path> resolved(Wanted payload, List<ModuleLayer> layers) {
        for (ModuleLayer layer : layers) {
            Optional<ResolvedModule> module = layer.configuration().findModule(payload.moduleName());
            if (module.isPresent()) {
                Optional<URI> location = module.get().reference().location();
                Optional<Path> jar = location.isPresent() ? file(location.get()) : Optional.empty();
                if (jar.isPresent()) {
                    return jar;
                }
            }
        }
        return Optional.empty();
    }

    /** A jar named as Maven names it: an entry itself, or (module path only) a file in a folder entry. */
    private static Optional<Path> byName(Wanted payload, List<Path> entries, boolean folders) {
        String name = payload.jarFileName();
        for (Path entry : entries) {
            Path candidate = entry;
            if (folders && Files.isDirectory(entry)) {
                candidate = entry.resolve(name);
            } else if (entry.getFileName() == null || !entry.getFileName().toString().equals(name)) {
                continue;
            }
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A renamed jar on the module path, recognized by the module it declares. */
    private static Optional<Path> byDescriptor(Wanted payload, List<Path> entries) {
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<ModuleReference> module = ModuleFinder.of(entries.toArray(new Path[0])).find(payload.moduleName());
            if (module.isPresent() && module.get().location().isPresent()) {
                return file(module.get().location().get());
            }
            return Optional.empty();
        } catch (FindException e) {
            Log.LOG.log(System.Logger.Level.DEBUG, "the module path cannot be read for {0}: {1}", payload.moduleName(), e);
            return Optional.empty();
        }
    }

    /** A renamed jar on the class path, or one the class loader knows otherwise (a manifest Class-Path). */
    private static Optional<Path> byResource(Wanted payload, ClassLoader loader) {
        URL url = loader.getResource(payload.resource());
        if (url == null || !"jar".equals(url.getProtocol())) {
            return Optional.empty();
        }
        String spec = url.getPath();
        int bang = spec.indexOf("!/");
        if (bang < 0) {
            return Optional.empty();
        }
        try {
            return file(new URI(spec.substring(0, bang)));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> file(URI uri) {
        if (!"file".equals(uri.getScheme())) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(uri);
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            return Optional.empty();
        }
    }

    private static List<Path> entries(String path) {
        Set<Path> entries = new LinkedHashSet<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            try {
                entries.add(Path.of(entry));
            } catch (InvalidPathException e) {
                Log.LOG.log(System.Logger.Level.DEBUG, "skipping the path entry {0}: {1}", entry, e.getMessage());
            }
        }
        return List.copyOf(entries);
    }

    /** Holds the logger, created on first use: creating one starts the JDK's logging back end. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(PayloadJar.class.getName());
    }
}
