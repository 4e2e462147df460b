package dev.pyhost.embedded;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the payload jar: on the class path by name (cheap), else through the class loader. */
final class PayloadJar {
    private PayloadJar() {
    }

    /**
     * Finds the jar.
     *
     * @param payload the payload
     * @return the jar, or empty when the artifact is not on the class path
     */
    static Optional<Path> find(Payload payload) {
        String name = payload.jarFileName();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (entry.endsWith(name) && Files.isRegularFile(Path.of(entry))) {
                return Optional.of(Path.of(entry));
            }
        }
        URL url = PayloadJar.class.getClassLoader().getResource(payload.entryPrefix() + payload.libpython());
        if (url == null || !"jar".equals(url.getProtocol())) {
            return Optional.empty();
        }
        String spec = url.getPath();
        int bang = spec.indexOf("!/");
        try {
            return Optional.of(Path.of(new URI(spec.substring(0, bang))));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
