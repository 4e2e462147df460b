package dev.pyhost.embedded;

import java.util.Locale;
import java.util.Optional;

/** Whether the payload, built for one platform, can run on this machine. */
final class Platforms {
    private Platforms() {
    }

    /**
     * Tells why the payload cannot run here, if it cannot.
     *
     * @param payload the payload
     * @param osName {@code os.name}
     * @param osArch {@code os.arch}
     * @return the reason, or empty when this platform matches
     */
    static Optional<String> mismatch(Payload payload, String osName, String osArch) {
        String name = osName.toLowerCase(Locale.ROOT);
        String os = name.startsWith("linux") ? "linux" : name.startsWith("mac") ? "macosx" : name;
        String arch = switch (osArch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            default -> osArch;
        };
        String here = os + "-" + arch;
        if (here.equals(payload.platform())) {
            return Optional.empty();
        }
        return Optional.of("the embedded CPython (" + payload.artifact() + ") is built for " + payload.platform()
                + ", but this machine is " + here + " (" + osName + ", " + osArch + "); set PYHOST_PYTHON to a "
                + "CPython 3.10-3.14 built with a shared libpython instead");
    }
}
