package dev.pyhost.cdi;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An application-scoped bean that plug-in beans and observers inject and write to; what it records stays readable
 * after the container is gone, and its destruction is recorded too, so a test sees what ran before it.
 */
@ApplicationScoped
class Journal {
    static final List<String> ENTRIES = new CopyOnWriteArrayList<>();

    /**
     * Records one entry.
     *
     * @param entry the entry
     */
    void add(String entry) {
        ENTRIES.add(entry);
    }

    @PreDestroy
    void destroyed() {
        ENTRIES.add("journal destroyed");
    }

    /** {@return a copy of the entries so far} */
    static List<String> entries() {
        return List.copyOf(ENTRIES);
    }

    /** Forgets every entry. */
    static void clear() {
        ENTRIES.clear();
    }
}
