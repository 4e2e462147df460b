package dev.pyhost.cpython;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyhost.api.PythonVersion;
import dev.pyhost.api.RuntimeConfig.Profile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which configuration path a runtime takes (the paths themselves run against real CPython in runtime-tests). */
class InitializationTest {
    @ParameterizedTest(name = "3.{0} {1}: PEP 741 {2}")
    @CsvSource({
        "10, ISOLATED, false", "12, ISOLATED, false", "13, ISOLATED, false", "14, ISOLATED, true",
        "15, ISOLATED, true", "10, PYTHON, false", "13, PYTHON, false", "14, PYTHON, false",
    })
    void pep741OnlyForTheIsolatedProfileFrom314(int minor, Profile profile, boolean expected) {
        assertEquals(expected, Initialization.usesPep741(new PythonVersion(3, minor, 0), profile));
    }
}
