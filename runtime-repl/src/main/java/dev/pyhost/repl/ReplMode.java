package dev.pyhost.repl;

import com.google.auto.service.AutoService;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.spi.BuiltinPlugins;
import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.api.spi.InteractiveBackend;
import dev.pyhost.api.spi.InteractiveMode;
import dev.pyhost.api.spi.MainContext;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The terminal REPL (id {@code repl}, order 900, before standard input at 1000): runs when no command, module or
 * file is given and standard input and output are terminals, and runs the inspect-mode REPL after the main code
 * on a terminal. It needs no {@code _pyrepl}, so it serves every CPython version PyHost supports. When no capable
 * terminal can be opened (for example {@code TERM=dumb}), CPython's basic loop runs instead.
 *
 * <p>{@code PYTHONSTARTUP} runs where CPython runs it: always before an interactive session on standard input;
 * in inspect mode only on 3.13 and later, whose REPL runs it on a terminal (unless {@code PYTHON_BASIC_REPL} is
 * set, which selects the basic REPL that does not).
 */
@AutoService(ExecutionMode.class)
public final class ReplMode implements InteractiveMode {
    /** The id of this mode. */
    public static final String ID = BuiltinPlugins.REPL_MODE;


    /** Creates the mode (for {@link java.util.ServiceLoader}). */
    public ReplMode() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int order() {
        return BuiltinPlugins.REPL_MODE_ORDER;
    }

    @Override
    public boolean appliesTo(MainContext context) {
        return !context.runsCode() && onTerminal(context);
    }

    @Override
    public boolean inspectAppliesTo(MainContext context) {
        return onTerminal(context);
    }

    @Override
    public RunOutcome run(MainContext context) {
        return session(context, true).orElseGet(() -> context.runner().runStdin());
    }

    @Override
    public Optional<RunOutcome> inspect(MainContext context) {
        return session(context, inspectRunsStartup(context, System.getenv()));
    }

    /**
     * Whether the inspect REPL runs {@code PYTHONSTARTUP}: CPython's basic REPL does not, the 3.13+ REPL on a
     * terminal does (spec section 1.4).
     *
     * @param context the run
     * @param env the process environment
     * @return whether to run it
     */
    static boolean inspectRunsStartup(MainContext context, Map<String, String> env) {
        boolean basic = context.useEnvironment() && !env.getOrDefault("PYTHON_BASIC_REPL", "").isEmpty();
        return context.interpreter().version().atLeast(3, 13) && !basic;
    }

    private static boolean onTerminal(MainContext context) {
        java.io.Console console = System.console();
        return context.stdinIsTerminal() && console != null && console.isTerminal();
    }

    /** The session, or empty when no terminal could be opened (the caller then runs the basic loop). */
    private static Optional<RunOutcome> session(MainContext context, boolean startup) {
        InteractiveBackend backend = context.interactive();
        HistoryFile history = new HistoryFile(HistoryFile.locate(System.getenv(), context.useEnvironment()));
        Optional<JLineConsole> opened = JLineConsole.open(backend, history);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        try (JLineConsole console = opened.get()) {
            OptionalInt exit = backend.beforeSession(startup);
            if (exit.isPresent()) {
                return Optional.of(new RunOutcome.Exited(exit.getAsInt()));
            }
            boolean colour = context.interpreter().version().atLeast(3, 13) && backend.colour();
            Log.LOG.log(System.Logger.Level.DEBUG, "REPL on {0}, history {1}, colour {2}",
                    context.interpreter().version(), history.path(), colour);
            return Optional.of(new ReplLoop(backend, console, colour).run());
        }
    }

    /** Holds the logger, created on first use: creating one starts the JDK's logging back end. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(ReplMode.class.getName());
    }
}
