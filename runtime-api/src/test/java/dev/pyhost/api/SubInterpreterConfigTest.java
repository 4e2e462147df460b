package dev.pyhost.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SubInterpreterConfigTest {
    private static final PythonVersion V310 = new PythonVersion(3, 10, 13);
    private static final PythonVersion V312 = new PythonVersion(3, 12, 1);

    @Test
    void theStartingPointsAreCPythonsOwnDefaults() {
        SubInterpreterConfig isolated = SubInterpreterConfig.isolated();
        assertEquals(InterpreterKind.ISOLATED, isolated.kind());
        assertFalse(isolated.useMainObmalloc());
        assertFalse(isolated.allowFork());
        assertFalse(isolated.allowExec());
        assertTrue(isolated.allowThreads());
        assertFalse(isolated.allowDaemonThreads());
        assertTrue(isolated.checkMultiInterpExtensions());
        SubInterpreterConfig legacy = SubInterpreterConfig.sharedGil();
        assertEquals(InterpreterKind.SHARED_GIL, legacy.kind());
        assertTrue(legacy.useMainObmalloc() && legacy.allowFork() && legacy.allowExec() && legacy.allowDaemonThreads());
        assertFalse(legacy.checkMultiInterpExtensions());
        isolated.validate(V312);
        legacy.validate(V312);
        legacy.validate(V310);
    }

    @Test
    void isolatedInterpretersNeed312AndOlderVersionsOnlyTheLegacyDefaults() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> SubInterpreterConfig.isolated().validate(V310));
        assertEquals("kind", e.setting());
        assertThrows(ConfigurationException.class, () -> SubInterpreterConfig.sharedGil().withFork(false).validate(V310));
        SubInterpreterConfig.sharedGil().withFork(false).validate(V312);
    }

    @Test
    void combinationsCPythonCrashesOnOrRejectsAreRefused() {
        ConfigurationException ownGilMainAllocator = assertThrows(ConfigurationException.class,
                () -> SubInterpreterConfig.isolated().withAllocator(true, true).validate(V312));
        assertEquals("useMainObmalloc", ownGilMainAllocator.setting());
        ConfigurationException unchecked = assertThrows(ConfigurationException.class,
                () -> SubInterpreterConfig.sharedGil().withAllocator(false, false).validate(V312));
        assertEquals("checkMultiInterpExtensions", unchecked.setting());
        assertThrows(ConfigurationException.class,
                () -> SubInterpreterConfig.sharedGil().withThreads(false, true).validate(V312));
        assertThrows(ConfigurationException.class,
                () -> new SubInterpreterConfig(InterpreterKind.MAIN, true, true, true, true, true, false));
    }

    @Test
    void withersChangeOnlyTheirSwitch() {
        SubInterpreterConfig base = SubInterpreterConfig.isolated();
        assertEquals(new SubInterpreterConfig(InterpreterKind.ISOLATED, false, true, false, true, false, true),
                base.withFork(true));
        assertEquals(new SubInterpreterConfig(InterpreterKind.ISOLATED, false, false, true, true, false, true),
                base.withExec(true));
        assertEquals(new SubInterpreterConfig(InterpreterKind.ISOLATED, false, false, false, false, false, true),
                base.withThreads(false, false));
        assertTrue(InterpreterKind.ISOLATED.supportedOn(V312));
        assertFalse(InterpreterKind.ISOLATED.supportedOn(V310));
        assertTrue(InterpreterKind.SHARED_GIL.supportedOn(V310));
    }
}
