package dev.pyhost.testkit;

import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.PythonRuntime;
import dev.pyhost.api.PythonVersion;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.Setting;
import dev.pyhost.testkit.internal.Capture;
import dev.pyhost.testkit.internal.PythonChoice;
import dev.pyhost.testkit.internal.PythonSide;
import dev.pyhost.testkit.internal.RuntimeSlot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link PyHostTest}: gives tests a {@link PythonRuntime}, its {@link Interpreter}, a
 * fresh {@link PythonNamespace}, {@link CapturedOutput}, {@link PythonRuntimes} and the {@link PythonVersion}, by
 * parameter resolution, with the {@link RuntimeLifecycle} and settings of the nearest {@link PyHostTest} (on the
 * test class, a superclass or an enclosing class; the defaults without one). After each test method it stops
 * capturing, drops the method's namespaces, puts {@code __main__} back as it was before the method, and closes the
 * runtimes the method owns. Tests are disabled, with the reason, when the configuration parameter
 * {@code pyhost.testkit.python} names a CPython that is not installed.
 *
 * <p>Not for parallel execution within one runtime: {@link PyHostTest} takes a JUnit resource lock so that its
 * classes never run at the same time.
 */
public final class PyHostExtension implements ParameterResolver, ExecutionCondition {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PyHostExtension.class);
    private static final Set<Class<?>> TYPES = Set.of(PythonRuntime.class, Interpreter.class, PythonNamespace.class,
            CapturedOutput.class, PythonRuntimes.class, PythonVersion.class);

    /** Creates the extension (JUnit does, through {@link PyHostTest} or {@code @ExtendWith}). */
    public PyHostExtension() {
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        PythonChoice choice = choice(context);
        return choice.unavailable().map(ConditionEvaluationResult::disabled).orElseGet(() ->
                ConditionEvaluationResult.enabled("CPython " + choice.requested().orElse("chosen by PyHost")));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return TYPES.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        Options options = Options.of(context);
        Optional<MethodState> method = methodState(context);
        if (type == PythonRuntimes.class) {
            return new Runtimes(options, method.<List<PythonRuntime>>map(m -> m.started)
                    .orElseGet(() -> classState(declaring(context)).started), owner(context));
        }
        PythonRuntime runtime = runtime(context, options, method);
        if (type == PythonVersion.class) {
            return runtime.installation().version();
        }
        if (type == PythonRuntime.class || type == Interpreter.class) {
            method.ifPresent(m -> m.saveMain(runtime));
            return type == PythonRuntime.class ? runtime : runtime.interpreter();
        }
        MethodState m = method.orElseThrow(() -> new ParameterResolutionException(type.getSimpleName()
                + " belongs to one test method: ask for it in a test method or a @BeforeEach/@AfterEach method"));
        return type == PythonNamespace.class ? m.namespace(runtime) : m.capture(runtime);
    }

    private static PythonChoice choice(ExtensionContext context) {
        return PythonChoice.of(context.getConfigurationParameter(PythonChoice.PARAMETER));
    }

    private static String owner(ExtensionContext context) {
        return context.getTestMethod().map(m -> "test " + context.getRequiredTestClass().getName() + "." + m.getName())
                .orElseGet(() -> "test class " + context.getTestClass().map(Class::getName).orElse("?"));
    }

    private static PythonRuntime runtime(ExtensionContext context, Options options, Optional<MethodState> method) {
        return switch (options.lifecycle()) {
            case PER_RUN -> RuntimeSlot.shared(options.key(), options.restartable(),
                    () -> PythonRuntime.builder(options.config()).start(),
                    started -> context.getRoot().getStore(NS).put(new Object(),
                            (AutoCloseable) () -> RuntimeSlot.closeIfCurrent(started)));
            case PER_CLASS -> {
                ExtensionContext declaring = declaring(context);
                ClassState state = classState(declaring);
                synchronized (state) {
                    if (state.runtime == null || !RuntimeSlot.isOpen(state.runtime)) {
                        state.runtime = RuntimeSlot.exclusive("the runtime of " + owner(declaring),
                                () -> PythonRuntime.builder(options.config()).start());
                    }
                    yield state.runtime;
                }
            }
            case PER_METHOD -> {
                MethodState m = method.orElseThrow(() -> new ParameterResolutionException("A PER_METHOD runtime "
                        + "belongs to one test method: ask for it in a test method or a @BeforeEach/@AfterEach "
                        + "method, or choose PER_CLASS"));
                synchronized (m) {
                    if (m.runtime == null) {
                        m.runtime = RuntimeSlot.exclusive("the runtime of " + owner(context),
                                () -> PythonRuntime.builder(options.config()).start());
                    }
                    yield m.runtime;
                }
            }
        };
    }

    /** The context of the class that declares the lifecycle: the nearest one annotated, else the test class. */
    private static ExtensionContext declaring(ExtensionContext context) {
        ExtensionContext classContext = null;
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            if (c.getElement().orElse(null) instanceof Class<?> k) {
                if (classContext == null) {
                    classContext = c;
                }
                if (AnnotationSupport.isAnnotated(k, PyHostTest.class)) {
                    return c;
                }
            }
        }
        return classContext != null ? classContext : context;
    }

    private static ClassState classState(ExtensionContext context) {
        return context.getStore(NS).getOrComputeIfAbsent(ClassState.class, k -> new ClassState(), ClassState.class);
    }

    private static Optional<MethodState> methodState(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(context.getStore(NS).getOrComputeIfAbsent(MethodState.class, k -> new MethodState(),
                MethodState.class));
    }

    /**
     * The settings of the nearest {@link PyHostTest}.
     *
     * @param lifecycle the lifecycle
     * @param profile the profile
     * @param settings {@code name=value} settings
     * @param restartable whether a shared runtime may be restarted
     * @param choice which CPython
     */
    private record Options(RuntimeLifecycle lifecycle, RuntimeConfig.Profile profile, List<String> settings,
            boolean restartable, PythonChoice choice) {
        static Options of(ExtensionContext context) {
            PythonChoice choice = PyHostExtension.choice(context);
            Optional<PyHostTest> a = Optional.empty();
            for (ExtensionContext c = context; c != null && a.isEmpty(); c = c.getParent().orElse(null)) {
                if (c.getElement().orElse(null) instanceof Class<?> k) {
                    a = AnnotationSupport.findAnnotation(k, PyHostTest.class);
                }
            }
            return a.map(t -> new Options(t.lifecycle(), t.profile(), List.of(t.settings()), t.restartable(), choice))
                    .orElseGet(() -> new Options(RuntimeLifecycle.PER_RUN, RuntimeConfig.Profile.ISOLATED, List.of(),
                            true, choice));
        }

        RuntimeConfig config() {
            RuntimeConfig.Builder b = RuntimeConfig.builder(profile);
            for (String s : settings) {
                int eq = s.indexOf('=');
                if (eq <= 0) {
                    throw new ParameterResolutionException("@PyHostTest(settings) takes name=value, not '" + s + "'");
                }
                String name = s.substring(0, eq).strip();
                b.set(name, Setting.named(name).parse(s.substring(eq + 1)));
            }
            return choice.apply(b.build());
        }

        /** What a shared runtime is keyed by: everything it was configured from. */
        Object key() {
            return List.of(profile, settings, choice.requested().orElse("(PyHost's choice)"));
        }
    }

    /** What one test class owns: its runtime and the runtimes started for it; closed after the class. */
    private static final class ClassState implements AutoCloseable {
        private PythonRuntime runtime;
        private final List<PythonRuntime> started = new ArrayList<>();

        @Override
        public synchronized void close() {
            closeAll(started);
            if (runtime != null) {
                runtime.close();
            }
        }
    }

    /** What one test method owns; undone and closed after the method, in the reverse order of its making. */
    private static final class MethodState implements AutoCloseable {
        private PythonRuntime runtime;
        private final List<PythonRuntime> started = new ArrayList<>();
        private PythonRuntime mainSavedIn;
        private long mainKey;
        private final List<Space> spaces = new ArrayList<>();
        private Capture capture;
        private CapturedOutput capturedOutput;

        synchronized void saveMain(PythonRuntime rt) {
            if (rt == runtime || rt == mainSavedIn) {
                return; // a runtime of this method alone needs no restoring
            }
            mainKey = PythonSide.newKey();
            PythonSide.run(rt.interpreter(), "save_main(" + mainKey + ")");
            mainSavedIn = rt;
        }

        synchronized PythonNamespace namespace(PythonRuntime rt) {
            for (Space s : spaces) {
                if (s.runtime == rt) {
                    return s;
                }
            }
            Space s = new Space(rt, PythonSide.newKey());
            PythonSide.run(rt.interpreter(), "new_space(" + s.key + ")");
            spaces.add(s);
            return s;
        }

        synchronized CapturedOutput capture(PythonRuntime rt) {
            if (capture == null) {
                Capture c = Capture.start(rt);
                capture = c;
                capturedOutput = new CapturedOutput() {
                    @Override
                    public String stdout() {
                        return c.stdout();
                    }

                    @Override
                    public String stderr() {
                        return c.stderr();
                    }

                    @Override
                    public void clear() {
                        c.clear();
                    }

                    @Override
                    public String toString() {
                        return "CapturedOutput[stdout=" + stdout().length() + " chars, stderr=" + stderr().length()
                                + " chars]";
                    }
                };
            }
            return capturedOutput;
        }

        @Override
        public synchronized void close() {
            if (capture != null) {
                capture.close();
            }
            for (Space s : spaces.reversed()) {
                if (RuntimeSlot.isOpen(s.runtime)) {
                    PythonSide.run(s.runtime.interpreter(), "drop_space(" + s.key + ")");
                }
            }
            if (mainSavedIn != null && RuntimeSlot.isOpen(mainSavedIn)) {
                PythonSide.run(mainSavedIn.interpreter(), "restore_main(" + mainKey + ")");
            }
            closeAll(started);
            if (runtime != null) {
                runtime.close();
            }
        }
    }

    private static void closeAll(List<PythonRuntime> runtimes) {
        for (PythonRuntime r : runtimes.reversed()) {
            r.close();
        }
        runtimes.clear();
    }

    /** A namespace of the helper module. */
    private record Space(PythonRuntime runtime, long key) implements PythonNamespace {
        @Override
        public void exec(String source) {
            PythonSide.run(runtime.interpreter(), "space_exec(" + key + ", " + PythonSide.literal(source) + ")");
        }

        @Override
        public Object eval(String expression) {
            return PythonSide.value(runtime.interpreter(), "space_eval(" + key + ", " + PythonSide.literal(expression)
                    + ")");
        }

        @Override
        public List<String> names() {
            List<?> names = (List<?>) PythonSide.value(runtime.interpreter(), "space_names(" + key + ")");
            return names.stream().map(String.class::cast).toList();
        }

        @Override
        public Interpreter interpreter() {
            return runtime.interpreter();
        }
    }

    /** {@link PythonRuntimes} for one method or class. */
    private record Runtimes(Options options, List<PythonRuntime> started, String owner) implements PythonRuntimes {
        @Override
        public PythonRuntime start(RuntimeConfig config, UnaryOperator<PythonRuntime.Builder> builder) {
            PythonRuntime runtime = RuntimeSlot.exclusive("a runtime of " + owner,
                    () -> builder.apply(PythonRuntime.builder(options.choice().apply(config))).start());
            synchronized (started) {
                started.add(runtime);
            }
            return runtime;
        }

        @Override
        public PythonInstallation installation() {
            return options.choice().installation();
        }
    }
}
