package dev.pyhost.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.PythonRuntime;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * This module's unit tests run on the module path (the POM says so, and sets {@code pyhost.testkit.module-path} to
 * tell this test): the test classes are patched into {@code dev.pyhost.testkit}, which is a named module with the
 * published descriptor, beside the named API module; so the other tests exercise the kit as a modular application
 * meets it. Run from a class path (an IDE, say), it is skipped.
 */
class ModulePathTest {
    @Test
    void theKitRunsAsTheNamedModuleItPublishes() {
        Assumptions.assumeTrue(Boolean.getBoolean("pyhost.testkit.module-path"),
                "runs where the build puts the kit's tests on the module path");
        Module kit = PyHostTest.class.getModule();
        assertEquals("dev.pyhost.testkit", kit.getName());
        assertEquals(kit, getClass().getModule(), "the test classes are patched into the kit's module");
        assertEquals("dev.pyhost.api", PythonRuntime.class.getModule().getName());
        ModuleDescriptor descriptor = kit.getDescriptor();
        Set<String> exported = descriptor.exports().stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());
        assertEquals(Set.of("dev.pyhost.testkit", "dev.pyhost.testkit.contract", "dev.pyhost.testkit.differential"),
                exported, "the internal package stays unexported");
        assertTrue(kit.isNativeAccessEnabled(), "child processes need native access for the kit's module");
    }
}
