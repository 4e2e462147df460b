package dev.pyhost.cdi;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.spi.ExitContext;
import dev.pyhost.api.spi.ExitHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.weld.environment.se.Weld;

/**
 * A child-JVM application for {@link JvmExitIT}: starts a Weld SE container with its shutdown hook on, uses Python,
 * then ends the JVM with {@code System.exit} without closing the container, so that only the shutdown hooks can
 * finalize. Arguments are PyHost properties as {@code key=value}.
 */
public final class ExitingApp {
    private ExitingApp() {
    }

    /** An exit handler bean that reports each run on standard output. */
    @ApplicationScoped
    static class Report implements ExitHandler {
        @Override
        public String id() {
            return "report";
        }

        @Override
        public void onExit(ExitContext context) {
            System.out.println("exit handler ran, status " + context.status().code() + ", on " + Thread.currentThread()
                    .getName());
        }

        void exited(@Observes RuntimeExited e) {
            System.out.println("exit event");
        }

        void finalizing(@Observes RuntimeFinalizing e) {
            System.out.println("finalizing, python answers " + e.interpreter().eval("6 * 7"));
        }
    }

    /**
     * Runs the application.
     *
     * @param args PyHost properties, {@code key=value}
     */
    public static void main(String[] args) {
        for (String a : args) {
            System.setProperty(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        Weld weld = new Weld().disableDiscovery().addExtension(new PyHostExtension()).addBeanClasses(Report.class);
        Interpreter py = weld.initialize().select(Interpreter.class).get();
        System.out.println("python says " + py.eval("1 + 1"));
        System.exit(7);
    }
}
