package dev.pyhost.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.ProviderException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The add-on description and how the payload takes it in, with made-up add-ons (named as such): entry mapping,
 * checked ids and folders, the cache key's prefix, and the preloads that join the checked libraries.
 */
class AddOnTest {
    private static EmbeddedAddOn fakeAddOn(String id, List<String> preload) {
        EmbeddedAddOn.Jar jar = new EmbeddedAddOn.Jar("org.example:" + id + ":1", id + "-1.jar", "org.example." + id,
                "org/example/" + id + "/", "lib/" + id + "/", rel -> !rel.startsWith("skip/"), preload);
        return new EmbeddedAddOn() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public List<Jar> jars() {
                return List.of(jar);
            }
        };
    }

    @Test
    void entriesUnderThePrefixThatTheAddOnTakesMoveToItsFolder() {
        EmbeddedAddOn.Jar jar = fakeAddOn("alpha", List.of()).jars().getFirst();
        assertEquals("lib/alpha/x/y.so", jar.unpackedName("org/example/alpha/x/y.so"));
        assertNull(jar.unpackedName("org/example/alpha/skip/z.py"), "not taken");
        assertNull(jar.unpackedName("org/example/alpha/x/"), "folders are not entries");
        assertNull(jar.unpackedName("org/other/alpha/x.so"), "outside the prefix");
    }

    @Test
    void targetFoldersMustBePlainAndRelative() {
        for (String bad : List.of("/abs/", "../up/", "lib/../../x/", "no-slash")) {
            assertThrows(IllegalArgumentException.class, () -> new EmbeddedAddOn.Jar("a", "a.jar", "a", "p/", bad,
                    rel -> true, List.of()), bad);
        }
    }

    @Test
    void idsAreCheckedSortedAndDeduplicated() {
        EmbeddedAddOn beta = fakeAddOn("beta", List.of());
        EmbeddedAddOn alpha = fakeAddOn("alpha", List.of());
        List<EmbeddedAddOn> sorted = AddOnJars.sorted(List.of(beta, alpha, fakeAddOn("beta", List.of())));
        assertEquals(List.of("alpha", "beta"), sorted.stream().map(EmbeddedAddOn::id).toList());
        ProviderException e = assertThrows(ProviderException.class,
                () -> AddOnJars.sorted(List.of(fakeAddOn("Bad/Id", List.of()))));
        assertTrue(e.getMessage().contains("Bad/Id"), e.getMessage());
    }

    @Test
    void addOnsNameTheFolderAndTheirPreloadsAreCheckedOnEveryStart() {
        Payload plain = TestSupport.DESCRIPTION;
        Payload with = plain.withAddOns(List.of(fakeAddOn("alpha", List.of("lib/alpha/liba.so.1"))));
        assertEquals("cpython-" + plain.version() + "-" + plain.platform() + "-", plain.keyPrefix());
        assertEquals(plain.keyPrefix() + "with-alpha-", with.keyPrefix());
        assertEquals(List.of("lib/alpha/liba.so.1"), with.addOnPreloads());
        assertTrue(with.loadedLibraries().contains("lib/alpha/liba.so.1"));
        assertTrue(with.required().contains("lib/alpha/liba.so.1"));
        assertEquals(plain.loadedLibraries().size() + 1, with.loadedLibraries().size());
    }

    @Test
    void aMissingAddOnJarSaysWhichDependencyToAdd() {
        Payload with = TestSupport.DESCRIPTION.withAddOns(List.of(fakeAddOn("alpha", List.of())));
        ProviderException e = assertThrows(ProviderException.class, () -> AddOnJars.find(with));
        assertTrue(e.getMessage().contains("org.example:alpha:1"), e.getMessage());
    }
}
