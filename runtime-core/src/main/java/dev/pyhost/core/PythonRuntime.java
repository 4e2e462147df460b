package dev.pyhost.core;

import dev.pyhost.api.ExitStatus;
import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonInstallation;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.RuntimeConfig;
import dev.pyhost.api.spi.ExecutionMode;
import dev.pyhost.api.spi.ExitContext;
import dev.pyhost.api.spi.ExitHandler;
import dev.pyhost.api.spi.LaunchSettings;
import dev.pyhost.api.spi.NativeRuntime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One started CPython runtime: run its main module once ({@link #runMain()}), use its {@link #interpreter()},
 * and finalize it exactly once ({@link #shutdown()} or {@link #close()}, both idempotent).
 */
public final class PythonRuntime implements AutoCloseable {
    private final RuntimeConfig config;
    private final NativeRuntime runtime;
    private final Plugins<ExecutionMode> modes;
    private final Plugins<ExitHandler> exitHandlers;
    private final Path cwd;
    private final Object lock = new Object();
    private RunOutcome outcome;
    private int bodyStatus;
    private boolean mainRan;
    private ExitStatus finalStatus;

    PythonRuntime(RuntimeConfig config, NativeRuntime runtime, Plugins<ExecutionMode> modes,
            Plugins<ExitHandler> exitHandlers, Path cwd) {
        this.config = config;
        this.runtime = runtime;
        this.modes = modes;
        this.exitHandlers = exitHandlers;
        this.cwd = cwd;
    }

    /** {@return the configuration this runtime started with} */
    public RuntimeConfig config() {
        return config;
    }

    /** {@return the installation it runs on} */
    public PythonInstallation installation() {
        return runtime.installation();
    }

    /** {@return the settings CPython resolved (after parsing the command line and the environment)} */
    public LaunchSettings settings() {
        return runtime.settings();
    }

    /** {@return the interpreter, usable until the runtime is finalized} */
    public Interpreter interpreter() {
        return runtime.interpreter();
    }

    /**
     * Runs the main module as {@code Py_RunMain} does, then finalizes: the configured command, module, file or
     * standard input, the inspect-mode REPL when it applies, then {@code Py_FinalizeEx} and the exit handlers.
     *
     * @return the exit status, composed as CPython composes it
     * @throws IllegalStateException when the main module already ran or the runtime is finalized
     */
    public ExitStatus runMain() {
        synchronized (lock) {
            if (finalStatus != null) {
                throw new IllegalStateException("This Python runtime is already finalized");
            }
            if (mainRan) {
                throw new IllegalStateException("The main module of this runtime already ran");
            }
            mainRan = true;
            MainSequence.Result result = MainSequence.run(config, runtime.settings(), runtime.interpreter(),
                    runtime.runner(), modes, cwd);
            outcome = result.outcome();
            bodyStatus = result.status();
        }
        return shutdown();
    }

    /**
     * Finalizes CPython if that has not happened yet, runs the exit handlers, and composes the exit status:
     * 120 when flushing standard streams failed, death by {@code SIGINT} after an unhandled
     * {@code KeyboardInterrupt}, else the status of the main code (0 when none ran).
     *
     * @return the exit status; the same one on every call
     */
    public ExitStatus shutdown() {
        synchronized (lock) {
            if (finalStatus != null) {
                return finalStatus;
            }
            boolean interrupted = mainRan && runtime.runner().unhandledKeyboardInterrupt();
            int fin = runtime.finalizeRuntime();
            ExitStatus status = interrupted ? new ExitStatus(130, true) : ExitStatus.of(fin < 0 ? 120 : bodyStatus);
            finalStatus = status;
            runExitHandlers(status);
            return status;
        }
    }

    private void runExitHandlers(ExitStatus status) {
        for (ExitHandler handler : exitHandlers.ordered().reversed()) {
            ExitContext context = new Exit(0, Optional.ofNullable(outcome), status, config);
            try {
                handler.onExit(context);
            } catch (Throwable t) {
                StringWriter trace = new StringWriter();
                t.printStackTrace(new PrintWriter(trace));
                System.err.print("Exception ignored in exit handler '" + handler.id() + "':\n" + trace);
                System.err.flush();
            }
        }
    }

    /** Finalizes if needed; idempotent. */
    @Override
    public void close() {
        shutdown();
        runtime.close();
    }

    private record Exit(long interpreterId, Optional<RunOutcome> outcome, ExitStatus status, RuntimeConfig config)
            implements ExitContext {
        @Override
        public Optional<Object> data() {
            return Optional.empty();
        }
    }
}
