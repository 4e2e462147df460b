package dev.pyhost.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyhost.api.Interpreter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle events, in order, among the container's own, with synchronous and asynchronous observers. */
class EventsTest {
    @TempDir
    Path dir;

    /** Observes everything, in the order it happens. */
    @ApplicationScoped
    static class Recorder {
        @Inject
        Journal journal;

        void startup(@Observes Startup e) {
            journal.add("application Startup");
        }

        void started(@Observes RuntimeStarted e) {
            journal.add("started " + e.runtime() + " " + e.version().feature() + " "
                    + e.installation().origin().contains("embedded"));
        }

        void ran(@Observes RunEnded e) {
            journal.add("run ended " + e.what().replaceFirst(" .*/", " ") + " " + e.outcome().orElseThrow() + " "
                    + e.status().code());
        }

        void finalizing(@Observes RuntimeFinalizing e) {
            journal.add("finalizing, python still answers " + e.interpreter().eval("x"));
        }

        void exited(@Observes RuntimeExited e) {
            journal.add("exited " + e.status().code());
        }

        void exitedAsync(@ObservesAsync RuntimeExited e) {
            journal.add("exited (async) " + e.runtime());
        }

        void shutdown(@Observes Shutdown e) {
            journal.add("application Shutdown");
        }

        void destroying(@Observes @BeforeDestroyed(ApplicationScoped.class) Object e) {
            journal.add("application scope destroying");
        }
    }

    @BeforeEach
    void clear() {
        Journal.clear();
    }

    @Test
    void anEagerRuntimeStartsBeforeTheApplicationStartsAndFinalizesAfterItsShutdownObservers() throws IOException {
        Path script = Files.writeString(dir.resolve("script.py"), "import sys\n");
        try (Containers props = Containers.withProperties("pyhost.startup", "eager");
                WeldContainer container = props.start(Journal.class, Recorder.class)) {
            assertEquals(List.of("started <default> 3.14 true", "application Startup"), Journal.entries());
            Interpreter py = container.select(Interpreter.class).get();
            py.runFile(script);
            py.exec("x = 42");
        }
        assertEquals(List.of("started <default> 3.14 true", "application Startup",
                "run ended file script.py Completed[] 0", "application Shutdown", "finalizing, python still answers 42",
                "exited 0", "exited (async) <default>", "application scope destroying", "journal destroyed"),
                Journal.entries());
    }

    @Test
    void aLazyRuntimeStartsOnFirstUse() {
        try (Containers none = Containers.withProperties();
                WeldContainer container = none.start(Journal.class, Recorder.class)) {
            assertEquals(List.of("application Startup"), Journal.entries());
            Interpreter py = container.select(Interpreter.class).get();
            assertEquals(List.of("application Startup"), Journal.entries(), "injecting the interpreter starts nothing");
            py.exec("x = 'set'");
            assertEquals(List.of("application Startup", "started <default> 3.14 true"), Journal.entries());
        }
        assertEquals(List.of("application Startup", "started <default> 3.14 true", "application Shutdown",
                "finalizing, python still answers set", "exited 0", "exited (async) <default>",
                "application scope destroying", "journal destroyed"), Journal.entries());
    }
}
