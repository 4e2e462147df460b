package dev.pyhost.embedded;

import dev.pyhost.api.ProviderException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/** Finds the add-ons ({@link ServiceLoader}) and their jars. */
final class AddOnJars {
    private static final Pattern ID = Pattern.compile("[a-z0-9]{1,32}");

    private AddOnJars() {
    }

    /**
     * One add-on jar, found.
     *
     * @param spec what to take from it
     * @param jar where it is
     */
    record Found(EmbeddedAddOn.Jar spec, Path jar) {
    }

    /** {@return the add-ons registered as services, sorted by id, duplicates (by id) dropped} */
    static List<EmbeddedAddOn> discovered() {
        List<EmbeddedAddOn> all = new ArrayList<>();
        for (EmbeddedAddOn a : ServiceLoader.load(EmbeddedAddOn.class, AddOnJars.class.getClassLoader())) {
            all.add(a);
        }
        return sorted(all);
    }

    /**
     * Checks and sorts add-ons.
     *
     * @param addOns the add-ons
     * @return them sorted by id, the first of each id kept
     * @throws ProviderException when an id is not lowercase letters and digits
     */
    static List<EmbeddedAddOn> sorted(List<EmbeddedAddOn> addOns) {
        List<EmbeddedAddOn> out = new ArrayList<>();
        for (EmbeddedAddOn a : addOns) {
            if (!ID.matcher(a.id()).matches()) {
                throw new ProviderException("The embedded CPython add-on " + a.getClass().getName() + " has the id '"
                        + a.id() + "': an id must be 1 to 32 lowercase letters and digits");
            }
            if (out.stream().noneMatch(o -> o.id().equals(a.id()))) {
                out.add(a);
            }
        }
        out.sort(Comparator.comparing(EmbeddedAddOn::id));
        return List.copyOf(out);
    }

    /**
     * Finds every add-on jar.
     *
     * @param payload the payload with its add-ons
     * @return the jars, in order
     * @throws ProviderException when one is on neither the class path nor the module path
     */
    static List<Found> find(Payload payload) {
        List<Found> found = new ArrayList<>();
        for (EmbeddedAddOn a : payload.addOns()) {
            for (EmbeddedAddOn.Jar j : a.jars()) {
                Optional<Path> jar = PayloadJar.find(j);
                if (jar.isEmpty()) {
                    throw new ProviderException("The embedded CPython add-on '" + a.id() + "' needs the jar " + j.artifact()
                            + " (" + j.jarFileName() + "), which is on neither the class path nor the module path: "
                            + "add that dependency (with its classifier) beside the add-on's module.");
                }
                found.add(new Found(j, jar.get()));
            }
        }
        return List.copyOf(found);
    }
}
