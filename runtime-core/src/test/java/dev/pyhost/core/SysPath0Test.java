package dev.pyhost.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code _PyPathConfig_ComputeSysPath0} on real files (the expectations are spec section 2.2's observations). */
class SysPath0Test {
    @TempDir
    Path w;

    @Test
    void dashCGivesTheEmptyStringAndDashMTheWorkingDirectory() {
        assertEquals(Optional.of(""), SysPath0.compute(List.of("-c", "x"), w));
        assertEquals(Optional.of(w.toString()), SysPath0.compute(List.of("-m"), w));
        assertEquals(Optional.empty(), SysPath0.compute(List.of(), w));
    }

    @Test
    void aScriptGivesItsRealDirectory() throws IOException {
        Files.writeString(w.resolve("show.py"), "");
        Files.createDirectories(w.resolve("sub"));
        Files.createSymbolicLink(w.resolve("sub/link.py"), Path.of("../show.py"));
        String real = w.toRealPath().toString();
        assertEquals(Optional.of(real), SysPath0.compute(List.of("show.py"), w));
        assertEquals(Optional.of(real), SysPath0.compute(List.of("sub/link.py"), w));
        assertEquals(Optional.of(real), SysPath0.compute(List.of(w + "/show.py"), w));
    }

    @Test
    void aMissingBareNameGivesTheEmptyString() {
        assertEquals(Optional.of(""), SysPath0.compute(List.of("nope.py"), w));
        assertEquals(Optional.of(""), SysPath0.compute(List.of("-"), w));
        assertEquals(Optional.of("/"), SysPath0.compute(List.of("/nope.py"), w));
    }
}
