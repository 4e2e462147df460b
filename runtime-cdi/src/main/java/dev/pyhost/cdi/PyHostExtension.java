package dev.pyhost.cdi;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.RuntimeConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.inject.Singleton;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CDI portable extension of PyHost. Registered in {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}
 * (and with {@code provides} on the module path), so a container finds it with nothing else to do; it can also be
 * added by hand, for example with Weld's {@code addExtension(new PyHostExtension())}.
 *
 * <p>For the default runtime and for every runtime named by the properties ({@code pyhost.runtime.<name>.*}) or by an
 * application bean qualified {@code @PyRuntime("<name>")}, it adds three {@code @Singleton} beans (no client proxy):
 * {@link RuntimeConfig} (read from the properties), {@link PythonRuntime} (started on first use, or with the
 * container when {@code startup=eager}) and {@link Interpreter}. Where the application already has a bean of one of
 * these types with that qualifier ({@code @Default} for the default runtime), the extension adds none of that type
 * and uses the application's: a {@code RuntimeConfig} bean configures the runtime instead of the properties, a
 * {@code PythonRuntime} bean is the application's to start and close (the extension then adds only an
 * {@code Interpreter} bean over it).
 *
 * <p>An invalid property fails the deployment with a {@link DeploymentException} that names the property, its value
 * and where it was read. The extension finalizes its runtimes at the container's {@link Shutdown} event (after the
 * application's own {@code Shutdown} observers, before any application-scoped bean is destroyed); see
 * {@link dev.pyhost.cdi} for the order and the ownership of JVM shutdown.
 */
public final class PyHostExtension implements Extension {
    private static final System.Logger LOG = System.getLogger(PyHostExtension.class.getName());
    /** Early among {@code Startup} observers: eager runtimes are ready for the application's own. */
    private static final int STARTUP_PRIORITY = 1000; // Interceptor.Priority.PLATFORM_BEFORE
    /** Late among {@code Shutdown} observers: the application's own may still use Python. */
    private static final int SHUTDOWN_PRIORITY = 4000 + 900; // Interceptor.Priority.PLATFORM_AFTER + 900

    private final Map<String, Set<Class<?>>> supplied = new HashMap<>();
    private final Map<String, RuntimeHandle> handles = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private boolean discovering = true;

    /** Creates the extension; the container does this. */
    public PyHostExtension() {
    }

    /** Notes the application's own beans of PyHost's types, so that the extension steps aside for them. */
    void noticeApplicationBean(@Observes ProcessBean<?> event) {
        if (!discovering) {
            return;
        }
        Bean<?> bean = event.getBean();
        for (Class<?> type : List.of(PythonRuntime.class, Interpreter.class, RuntimeConfig.class)) {
            if (bean.getTypes().contains(type)) {
                for (String name : runtimeNames(bean.getQualifiers())) {
                    supplied.computeIfAbsent(name, n -> new HashSet<>()).add(type);
                }
            }
        }
    }

    private static Set<String> runtimeNames(Set<Annotation> qualifiers) {
        Set<String> names = new LinkedHashSet<>();
        for (Annotation q : qualifiers) {
            if (q instanceof Default) {
                names.add(PyRuntime.DEFAULT);
            } else if (q instanceof PyRuntime named) {
                names.add(named.value());
            }
        }
        return names;
    }

    /** Reads the properties and adds the beans of every runtime. */
    void addBeans(@Observes AfterBeanDiscovery event, BeanManager manager) {
        discovering = false;
        PropertySource source;
        try {
            ClassLoader tccl = Thread.currentThread().getContextClassLoader();
            source = PropertySource.find(tccl != null ? tccl : PyHostExtension.class.getClassLoader());
        } catch (RuntimeException e) {
            problems.add("PyHost cannot read its properties: " + e.getMessage());
            return;
        }
        Set<String> names = new LinkedHashSet<>();
        names.add(PyRuntime.DEFAULT);
        names.addAll(RuntimeSpec.names(source));
        names.addAll(supplied.keySet());
        for (String name : names) {
            RuntimeSpec spec = RuntimeSpec.read(name, source);
            problems.addAll(spec.problems());
            Set<Class<?>> own = supplied.getOrDefault(name, Set.of());
            Annotation[] qualifiers = qualifiers(name);
            if (!own.contains(RuntimeConfig.class)) {
                event.addBean().types(RuntimeConfig.class, Object.class).qualifiers(qualifiers).scope(Singleton.class)
                        .beanClass(PyHostExtension.class).createWith(c -> spec.config().orElseThrow(() ->
                                new IllegalStateException("invalid PyHost properties: " + spec.problems())));
            }
            if (!own.contains(PythonRuntime.class)) {
                RuntimeHandle handle = new RuntimeHandle(name, spec, manager,
                        () -> lookup(manager, RuntimeConfig.class, name));
                handles.put(name, handle);
                event.addBean().types(PythonRuntime.class, Object.class).qualifiers(qualifiers).scope(Singleton.class)
                        .beanClass(PyHostExtension.class).createWith(c -> handle.bean())
                        .destroyWith((runtime, c) -> handle.finish());
                if (!own.contains(Interpreter.class)) {
                    event.addBean().types(Interpreter.class, Object.class).qualifiers(qualifiers)
                            .scope(Singleton.class).beanClass(PyHostExtension.class)
                            .createWith(c -> handle.interpreter());
                }
            } else if (!own.contains(Interpreter.class)) {
                event.addBean().types(Interpreter.class, Object.class).qualifiers(qualifiers).scope(Singleton.class)
                        .beanClass(PyHostExtension.class)
                        .createWith(c -> lookup(manager, PythonRuntime.class, name).interpreter());
            }
        }
        LOG.log(System.Logger.Level.DEBUG, "PyHost runtimes {0} from {1}; the application supplies {2}",
                names, source.describe(), supplied);
    }

    private static Annotation[] qualifiers(String name) {
        return name.equals(PyRuntime.DEFAULT)
                ? new Annotation[] {Default.Literal.INSTANCE, Any.Literal.INSTANCE, PyRuntime.Literal.DEFAULT_RUNTIME}
                : new Annotation[] {Any.Literal.INSTANCE, PyRuntime.Literal.of(name)};
    }

    private static <T> T lookup(BeanManager manager, Class<T> type, String name) {
        Annotation qualifier = name.equals(PyRuntime.DEFAULT) ? Default.Literal.INSTANCE : PyRuntime.Literal.of(name);
        return manager.createInstance().select(type, qualifier).get();
    }

    /** Reports every invalid property as a deployment problem. */
    void reportProblems(@Observes AfterDeploymentValidation event) {
        List<String> eager = handles.values().stream().filter(h -> h.spec().eager()).map(RuntimeHandle::name).toList();
        if (eager.size() > 1) {
            problems.add("PyHost runtimes " + eager + " all have startup=eager, but one CPython runs in a process at "
                    + "a time: make at most one eager");
        }
        for (String problem : problems) {
            event.addDeploymentProblem(new DeploymentException(problem));
        }
    }

    /** Starts the eager runtime, before the application's own {@code Startup} observers run. */
    void startEager(@Observes @Priority(STARTUP_PRIORITY) Startup event) {
        for (RuntimeHandle handle : handles.values()) {
            if (handle.spec().eager()) {
                handle.started();
            }
        }
    }

    /** Finalizes every runtime, after the application's own {@code Shutdown} observers. */
    void finalizeAtShutdown(@Observes @Priority(SHUTDOWN_PRIORITY) Shutdown event) {
        finishAll();
    }

    /** The same, for containers that fire no {@code Shutdown} event; nothing is left to do after the above. */
    void finalizeBeforeDestruction(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        finishAll();
    }

    /** {@return the owner of a runtime the extension added, if it did} */
    java.util.Optional<RuntimeHandle> handle(String name) {
        return java.util.Optional.ofNullable(handles.get(name));
    }

    private void finishAll() {
        for (RuntimeHandle handle : List.copyOf(handles.values()).reversed()) {
            try {
                handle.finish();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "finalizing the PyHost runtime '" + handle.name() + "' failed", e);
            }
        }
    }
}
