package dev.pyhost.core.install;

import dev.pyhost.api.ProviderException;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives a {@link PythonInstallation} from a python executable without running it where possible: the
 * version from the executable's name or {@code pyvenv.cfg}, libpython from the installation prefix. A virtual
 * environment keeps its own python as the executable (so {@code sys.prefix} is the environment) and loads its
 * base installation's libpython.
 */
public final class Installations {
    private static final Pattern NAME_VERSION = Pattern.compile("python(\\d+)\\.(\\d+)$");
    private static final Pattern CFG_VERSION = Pattern.compile("(?m)^\\s*version(?:_info)?\\s*=\\s*(\\d+\\.\\d+(?:\\.\\d+)?)");
    private static final Pattern CFG_HOME = Pattern.compile("(?m)^\\s*home\\s*=\\s*(.+?)\\s*$");

    private Installations() {
    }

    /**
     * Describes the installation a python executable belongs to.
     *
     * @param executable the python executable (a virtual environment's python selects the environment)
     * @param origin where the path came from, for messages
     * @return the installation
     * @throws ProviderException when the path is not a usable CPython with a shared libpython
     */
    public static PythonInstallation fromExecutable(Path executable, String origin) {
        Path exe = executable.toAbsolutePath().normalize();
        if (!Files.isRegularFile(exe)) {
            throw new ProviderException(origin + " names " + executable + ", which does not exist or is not a file. "
                    + "Point it at a python executable, for example $(pyenv prefix 3.13.0)/bin/python3.");
        }
        Path real;
        try {
            real = exe.toRealPath();
        } catch (IOException e) {
            throw new ProviderException(origin + ": cannot resolve " + exe + ": " + e.getMessage(), e);
        }
        Optional<String> cfg = venvConfig(exe);
        Path base = real;
        PythonVersion version = versionFromName(real).orElse(null);
        if (cfg.isPresent()) {
            Matcher home = CFG_HOME.matcher(cfg.get());
            if (home.find()) {
                Path homeDir = Path.of(home.group(1));
                Matcher v = CFG_VERSION.matcher(cfg.get());
                if (v.find()) {
                    version = PythonVersion.parse(v.group(1));
                }
                if (version != null) {
                    Path candidate = homeDir.resolve("python" + version.feature());
                    base = Files.exists(candidate) ? realOr(candidate) : realOr(homeDir.resolve("python3"));
                }
            }
        }
        if (!isElf(base)) {
            Path reported = askForExecutable(base, origin);
            return fromExecutable(reported, origin + " (via " + exe + ")");
        }
        Path prefix = base.getParent() == null ? null : base.getParent().getParent();
        if (version == null && prefix != null) {
            version = versionFromLibrary(prefix.resolve("lib")).orElse(null);
        }
        if (version == null) {
            throw new ProviderException(origin + ": cannot tell the CPython version of " + exe
                    + " (its name carries no version and no libpython3.X was found beside it)");
        }
        PythonVersion found = version;
        Path lib = findLibrary(prefix, version).orElseThrow(() -> new ProviderException(origin + ": the python at "
                + exe + " (CPython " + found.feature() + ") has no shared libpython, so it cannot be embedded. Use a python built with --enable-shared "
                + "(pyenv: PYTHON_CONFIGURE_OPTS=--enable-shared pyenv install VERSION), install the system package "
                + "that ships libpython3.X.so, or unset PYHOST_PYTHON to let PyHost choose."));
        return new PythonInstallation(exe, lib, version, origin, bundledLibffi(lib.getParent()));
    }

    private static Path realOr(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }

    private static Optional<String> venvConfig(Path exe) {
        Path dir = exe.getParent();
        for (int i = 0; i < 2 && dir != null; i++, dir = dir.getParent()) {
            Path cfg = dir.resolve("pyvenv.cfg");
            if (Files.isRegularFile(cfg)) {
                try {
                    return Optional.of(Files.readString(cfg, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<PythonVersion> versionFromName(Path real) {
        Matcher m = NAME_VERSION.matcher(real.getFileName().toString());
        return m.find() ? Optional.of(new PythonVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 0))
                : Optional.empty();
    }

    private static Optional<PythonVersion> versionFromLibrary(Path libDir) {
        if (!Files.isDirectory(libDir)) {
            return Optional.empty();
        }
        try (var files = Files.list(libDir)) {
            return files.map(p -> Pattern.compile("^libpython(\\d+)\\.(\\d+)\\.so").matcher(p.getFileName().toString()))
                    .filter(Matcher::find)
                    .map(m -> new PythonVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 0))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<Path> findLibrary(Path prefix, PythonVersion version) {
        String name = "libpython" + version.feature();
        List<Path> dirs = new ArrayList<>();
        if (prefix != null) {
            // Relocatable builds keep libpython beside bin/ and find it through RUNPATH $ORIGIN/../; the loader
            // then reports it as bin/../libpython..., and CPython derives sys.prefix from that very path.
            dirs.add(prefix.resolve("bin").resolve(".."));
            dirs.add(prefix.resolve("lib"));
            dirs.add(prefix.resolve("lib64"));
            dirs.add(prefix.resolve("lib/x86_64-linux-gnu"));
        }
        dirs.add(Path.of("/usr/lib/x86_64-linux-gnu"));
        for (Path dir : dirs) {
            for (String file : List.of(name + ".so.1.0", name + ".so")) {
                Path p = dir.resolve(file);
                if (Files.isRegularFile(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** A libffi shipped beside libpython (relocatable builds) must be loaded before {@code _ctypes} needs it. */
    private static List<Path> bundledLibffi(Path dir) {
        Path ffi = dir.resolve("libffi.so.8");
        return Files.isRegularFile(ffi) ? List.of(ffi) : List.of();
    }

    private static boolean isElf(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7F && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        } catch (IOException e) {
            return false;
        }
    }

    /** A wrapper script (pyenv's shims, for example): ask it which executable it runs. */
    private static Path askForExecutable(Path script, String origin) {
        try {
            Process p = new ProcessBuilder(script.toString(), "-c", "import sys; print(sys.executable)")
                    .redirectErrorStream(false).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
                throw new ProviderException(origin + ": " + script + " is not a python executable and did not tell "
                        + "which python it runs");
            }
            Path exe = Path.of(out);
            if (exe.toAbsolutePath().normalize().equals(script.toAbsolutePath().normalize())) {
                throw new ProviderException(origin + ": " + script + " is not a CPython executable");
            }
            return exe;
        } catch (IOException e) {
            throw new ProviderException(origin + ": cannot run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(origin + ": interrupted while asking " + script + " for its executable", e);
        }
    }
}
