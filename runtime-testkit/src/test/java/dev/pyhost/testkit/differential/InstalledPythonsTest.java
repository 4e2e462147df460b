package dev.pyhost.testkit.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * {@link InstalledPythons#everyVersion}: one container per supported version whatever this machine has, the given
 * tests for an installed version, a skipped test that says where it looked for an absent one.
 */
class InstalledPythonsTest {
    @Test
    void everySupportedVersionGetsAContainerAndOnlyInstalledOnesGetTheTests() throws Throwable {
        List<InstalledPythons.InstalledPython> asked = new ArrayList<>();
        List<DynamicNode> nodes = InstalledPythons.everyVersion(python -> {
            asked.add(python);
            return List.of(DynamicTest.dynamicTest("a", () -> { }), DynamicTest.dynamicTest("b", () -> { }));
        }).toList();

        assertEquals(InstalledPythons.supportedMinors().size(), nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            int minor = InstalledPythons.supportedMinors().get(i);
            DynamicContainer container = assertInstanceOf(DynamicContainer.class, nodes.get(i));
            List<? extends DynamicNode> children = container.getChildren().toList();
            Optional<InstalledPythons.InstalledPython> python = InstalledPythons.forMinor(minor);
            if (python.isPresent()) {
                assertEquals("CPython " + python.get().version(), container.getDisplayName());
                assertEquals(List.of("a", "b"), children.stream().map(DynamicNode::getDisplayName).toList());
            } else {
                assertEquals("CPython 3." + minor, container.getDisplayName());
                assertEquals(1, children.size());
                DynamicTest absent = assertInstanceOf(DynamicTest.class, children.getFirst());
                assertEquals("not installed", absent.getDisplayName());
                TestAbortedException skipped = assertThrows(TestAbortedException.class,
                        () -> absent.getExecutable().execute());
                assertTrue(skipped.getMessage().contains("CPython 3." + minor + " is not installed here (looked in "
                        + InstalledPythons.VARIABLE), skipped.getMessage());
            }
        }
        assertEquals(InstalledPythons.installed(), asked, "the tests are made once per installed version, in order");
    }
}
