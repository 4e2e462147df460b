package dev.pyhost.api;

/**
 * The exit status of a whole run, composed as CPython's {@code Py_RunMain} composes it: the body's status,
 * replaced by 120 when flushing {@code sys.stdout}/{@code sys.stderr} failed at finalization, and overridden by
 * death through {@code SIGINT} after an unhandled {@code KeyboardInterrupt}.
 *
 * @param code the status a process would exit with (0-255 once truncated by the operating system)
 * @param killedBySigint whether CPython would end the process with {@code SIGINT} instead of exiting
 */
public record ExitStatus(int code, boolean killedBySigint) {
    /** {@return the status a shell would report: 130 for death by {@code SIGINT}, else {@code code & 0xFF}} */
    public int shellStatus() {
        return killedBySigint ? 130 : code & 0xFF;
    }

    /**
     * A plain exit with a code.
     *
     * @param code the code
     * @return the status
     */
    public static ExitStatus of(int code) {
        return new ExitStatus(code, false);
    }
}
