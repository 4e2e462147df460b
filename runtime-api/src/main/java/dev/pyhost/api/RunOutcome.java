package dev.pyhost.api;

/**
 * How a piece of Python code ended. No outcome ends the JVM: even {@code SystemExit} and
 * {@code KeyboardInterrupt} come back as values.
 */
public sealed interface RunOutcome {
    /** {@return the exit status CPython's {@code Py_RunMain} would derive from this outcome alone} */
    int status();

    /** The code ran to its end. */
    record Completed() implements RunOutcome {
        @Override
        public int status() {
            return 0;
        }
    }

    /**
     * An exception escaped (other than {@code SystemExit} and {@code KeyboardInterrupt}).
     *
     * @param exception the exception, as data
     */
    record Raised(PythonException exception) implements RunOutcome {
        @Override
        public int status() {
            return 1;
        }
    }

    /**
     * {@code SystemExit} escaped; its code is decoded as CPython decodes it ({@code None} is 0, an int is
     * truncated as C does, anything else is printed and gives 1).
     *
     * @param code the exit code
     */
    record Exited(int code) implements RunOutcome {
        @Override
        public int status() {
            return code;
        }
    }

    /**
     * {@code KeyboardInterrupt} escaped. Its status is 1, as {@code pymain_run_python} counts it; a whole run
     * that ends this way then dies by {@code SIGINT} (see {@link ExitStatus#killedBySigint()}: a shell shows 130).
     *
     * @param exception the interrupt, as data
     */
    record Interrupted(PythonException exception) implements RunOutcome {
        @Override
        public int status() {
            return 1;
        }
    }

    /**
     * The code could not be started at all, for example a script that cannot be opened (status 2) or a
     * directory given as a script (status 1). The message has already been printed as CPython prints it.
     *
     * @param status the exit status
     * @param reason a short description
     */
    record Failed(int status, String reason) implements RunOutcome {
    }
}
