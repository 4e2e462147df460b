package dev.pyhost.embedded;

import static dev.pyhost.embedded.TestSupport.DESCRIPTION;
import static dev.pyhost.embedded.TestSupport.jar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.ProviderException;
import java.io.File;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the payload jar is found: by file name on either path, in a folder of the module path, renamed, resolved. */
class PayloadJarTest {
    private static final List<ModuleLayer> NO_LAYERS = List.of();

    @TempDir
    Path dir;

    @Test
    void onTheClassPathByItsFileName() {
        String cp = String.join(File.pathSeparator, "/nowhere/a.jar", jar().toString(), "");
        assertEquals(Optional.of(jar()), PayloadJar.find(DESCRIPTION, NO_LAYERS, cp, "", null));
    }

    @Test
    void onTheModulePathAsAnEntryOrInAFolderThatIsOne() throws IOException {
        assertEquals(Optional.of(jar()), PayloadJar.find(DESCRIPTION, NO_LAYERS, "", "/nowhere" + File.pathSeparator
                + jar(), null));
        Path lib = Files.createDirectory(dir.resolve("lib"));
        Path linked = Files.createSymbolicLink(lib.resolve(DESCRIPTION.jarFileName()), jar());
        String modulePath = dir.resolve("empty") + File.pathSeparator + lib;
        assertEquals(Optional.of(linked), PayloadJar.find(DESCRIPTION, NO_LAYERS, "", modulePath, null));
    }

    @Test
    void renamedOnTheModulePathByTheModuleItDeclares() throws IOException {
        Path lib = Files.createDirectory(dir.resolve("lib"));
        Path renamed = Files.createSymbolicLink(lib.resolve("python-runtime.jar"), jar());
        assertEquals(Optional.of(renamed), PayloadJar.find(DESCRIPTION, NO_LAYERS, "", lib.toString(), null));
    }

    @Test
    void renamedOnTheClassPathThroughTheClassLoader() throws IOException {
        Path renamed = Files.createSymbolicLink(dir.resolve("python-runtime.jar"), jar());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {renamed.toUri().toURL()}, null)) {
            assertEquals(Optional.of(renamed), PayloadJar.find(DESCRIPTION, NO_LAYERS, renamed.toString(), "", loader));
        }
    }

    @Test
    void resolvedAsAModuleInALayerWhateverTheFileName() throws IOException {
        Path renamed = Files.createSymbolicLink(dir.resolve("python-runtime.jar"), jar());
        // The payload requires JavaCPP's org.bytedeco.cpython; a stand-in lets the layer resolve (wiring only).
        ModuleFinder javacpp = new OneModule(ModuleDescriptor.newModule("org.bytedeco.cpython").build());
        Configuration config = ModuleLayer.boot().configuration().resolve(
                ModuleFinder.compose(ModuleFinder.of(renamed), javacpp), ModuleFinder.of(),
                Set.of(DESCRIPTION.moduleName()));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(config, ClassLoader.getSystemClassLoader());
        assertEquals(Optional.of(renamed), PayloadJar.find(DESCRIPTION, List.of(layer), "", "", null));
    }

    @Test
    void namedByTheSystemPropertyWhichMustNameAFile() {
        assertEquals(jar(), PayloadJar.named(jar().toString()));
        ProviderException e = assertThrows(ProviderException.class, () -> PayloadJar.named(dir.toString()));
        assertTrue(e.getMessage().contains("The system property pyhost.embedded.payload names " + dir + ", which is "
                + "not a file"), e.getMessage());
    }

    @Test
    void absentEverywhere() {
        assertEquals(Optional.empty(), PayloadJar.find(DESCRIPTION, List.of(ModuleLayer.boot()), "/nowhere/x.jar",
                dir.toString(), null));
    }

    /** A module finder holding one empty module: the stand-in for a dependency of the payload's descriptor. */
    private record OneModule(ModuleDescriptor descriptor) implements ModuleFinder {
        @Override
        public Optional<ModuleReference> find(String name) {
            return name.equals(descriptor.name()) ? Optional.of(reference()) : Optional.empty();
        }

        @Override
        public Set<ModuleReference> findAll() {
            return Set.of(reference());
        }

        private ModuleReference reference() {
            return new ModuleReference(descriptor, URI.create("file:///stand-in")) {
                @Override
                public ModuleReader open() {
                    return new ModuleReader() {
                        @Override
                        public Optional<URI> find(String name) {
                            return Optional.empty();
                        }

                        @Override
                        public Stream<String> list() {
                            return Stream.empty();
                        }

                        @Override
                        public void close() {
                        }
                    };
                }
            };
        }
    }
}
