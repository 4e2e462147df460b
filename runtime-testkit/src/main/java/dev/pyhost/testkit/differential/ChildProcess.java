package dev.pyhost.testkit.differential;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a program to its end as Python's {@code subprocess.run(..., stdout=PIPE, stderr=PIPE)} does, and reports its
 * exit status as Python does: the exit code, or {@code -N} when signal {@code N} ended it. {@link ProcessBuilder}
 * cannot tell a death by {@code SIGTERM} from {@code exit(143)}, and a differential test must (a JVM that turns
 * {@code SIGTERM} into {@code exit(143)} is not {@code python}), so the child is spawned with the C library's
 * {@code posix_spawnp} and reaped with {@code waitpid}, through the Foreign Function and Memory API.
 *
 * <p>The child gets what {@code subprocess} gives it: pipes on descriptors 0 to 2 ({@code /dev/null} opened
 * read-write on 0 when there is no input), no other open descriptor, the working directory, the environment byte
 * for byte, {@code SIGPIPE} and {@code SIGXFSZ} at their default disposition (the JVM ignores them) and an empty
 * signal mask. Linux with glibc only; the calling module needs native access
 * ({@code --enable-native-access=dev.pyhost.testkit}, or {@code ALL-UNNAMED} on the class path).
 */
public final class ChildProcess {
    /**
     * What a finished child did.
     *
     * @param status the exit status as Python reports it: the exit code, or {@code -N} after a death by signal N
     * @param stdout what it wrote to its standard output
     * @param stderr what it wrote to its standard error
     * @param timedOut whether it ran out of time (it was then killed with {@code SIGKILL}: the status is that death,
     *        the output what was read until then)
     */
    public record Result(int status, byte[] stdout, byte[] stderr, boolean timedOut) {
        /** Keeps the output as given. */
        public Result {
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(stderr, "stderr");
        }

        /** {@return standard output decoded as UTF-8, malformed bytes replaced} */
        public String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        /** {@return standard error decoded as UTF-8, malformed bytes replaced} */
        public String stderrText() {
            return new String(stderr, StandardCharsets.UTF_8);
        }

        /** {@return the signal that ended the child, if one did} */
        public Optional<Integer> signal() {
            return status < 0 ? Optional.of(-status) : Optional.empty();
        }

        @Override
        public String toString() {
            return "Result[status=" + status + (timedOut ? ", timed out" : "") + ", stdout=" + stdout.length
                    + " bytes, stderr=" + stderr.length + " bytes]";
        }
    }

    private static final int O_RDWR = 2;
    private static final int O_CLOEXEC = 0x80000;
    private static final int EINTR = 4;
    private static final int SIGKILL = 9;
    private static final int SIGPIPE = 13;
    private static final int SIGXFSZ = 25;
    /**
     * glibc keeps signals 32 and 33 for itself (thread cancellation, set*id) and {@code sigaddset} refuses them,
     * but {@code posix_spawn} leaves them ignored in the child unless they are in the default set, where a forked
     * {@code python} has them at default. They are bits 31 and 32 of the set's first word.
     */
    private static final long GLIBC_RESERVED_SIGNALS = (1L << 31) | (1L << 32);
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    /** Room for glibc's opaque types (80, 336 and 128 bytes on 64-bit Linux). */
    private static final long FILE_ACTIONS_BYTES = 512;
    private static final long SPAWN_ATTR_BYTES = 1024;
    private static final long SIGSET_BYTES = 256;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final MemoryLayout PTR = ValueLayout.ADDRESS;

    private static final MethodHandle PIPE2 = withErrno("pipe2", FunctionDescriptor.of(INT, PTR, INT));
    private static final MethodHandle READ = withErrno("read", FunctionDescriptor.of(LONG, INT, PTR, LONG));
    private static final MethodHandle WRITE = withErrno("write", FunctionDescriptor.of(LONG, INT, PTR, LONG));
    private static final MethodHandle WAITPID = withErrno("waitpid", FunctionDescriptor.of(INT, INT, PTR, INT));
    private static final MethodHandle CLOSE = function("close", FunctionDescriptor.of(INT, INT));
    private static final MethodHandle KILL = function("kill", FunctionDescriptor.of(INT, INT, INT));
    private static final MethodHandle SIGEMPTYSET = function("sigemptyset", FunctionDescriptor.of(INT, PTR));
    private static final MethodHandle SIGADDSET = function("sigaddset", FunctionDescriptor.of(INT, PTR, INT));
    private static final MethodHandle ACTIONS_INIT =
            function("posix_spawn_file_actions_init", FunctionDescriptor.of(INT, PTR));
    private static final MethodHandle ACTIONS_DESTROY =
            function("posix_spawn_file_actions_destroy", FunctionDescriptor.of(INT, PTR));
    private static final MethodHandle ACTIONS_DUP2 =
            function("posix_spawn_file_actions_adddup2", FunctionDescriptor.of(INT, PTR, INT, INT));
    private static final MethodHandle ACTIONS_OPEN =
            function("posix_spawn_file_actions_addopen", FunctionDescriptor.of(INT, PTR, INT, PTR, INT, INT));
    private static final MethodHandle ACTIONS_CHDIR =
            function("posix_spawn_file_actions_addchdir_np", FunctionDescriptor.of(INT, PTR, PTR));
    private static final Optional<MethodHandle> ACTIONS_CLOSEFROM =
            optionalFunction("posix_spawn_file_actions_addclosefrom_np", FunctionDescriptor.of(INT, PTR, INT));
    private static final MethodHandle ATTR_INIT = function("posix_spawnattr_init", FunctionDescriptor.of(INT, PTR));
    private static final MethodHandle ATTR_DESTROY =
            function("posix_spawnattr_destroy", FunctionDescriptor.of(INT, PTR));
    private static final MethodHandle ATTR_FLAGS =
            function("posix_spawnattr_setflags", FunctionDescriptor.of(INT, PTR, ValueLayout.JAVA_SHORT));
    private static final MethodHandle ATTR_SIGMASK =
            function("posix_spawnattr_setsigmask", FunctionDescriptor.of(INT, PTR, PTR));
    private static final MethodHandle ATTR_SIGDEFAULT =
            function("posix_spawnattr_setsigdefault", FunctionDescriptor.of(INT, PTR, PTR));
    private static final MethodHandle SPAWNP =
            function("posix_spawnp", FunctionDescriptor.of(INT, PTR, PTR, PTR, PTR, PTR, PTR));
    private static final MethodHandle STRERROR = function("strerror", FunctionDescriptor.of(PTR, INT));

    private ChildProcess() {
    }

    /**
     * Runs a program with an environment of text variables.
     *
     * @param argv the program (a path, or a name looked up in this process's {@code PATH}) and its arguments
     * @param cwd the working directory of the child
     * @param env the whole environment of the child
     * @param stdin what to write to its standard input, or {@code null} for {@code /dev/null}
     * @param timeout how long it may take to exit and close its output
     * @return what it did
     * @throws IllegalStateException if it cannot be started
     */
    public static Result run(List<String> argv, Path cwd, Map<String, String> env, byte[] stdin, Duration timeout) {
        return run(argv, cwd, ChildEnvironment.of(env), stdin, timeout);
    }

    /**
     * Runs a program with an environment given byte for byte.
     *
     * @param argv the program (a path, or a name looked up in this process's {@code PATH}) and its arguments
     * @param cwd the working directory of the child
     * @param env the whole environment of the child
     * @param stdin what to write to its standard input, or {@code null} for {@code /dev/null}
     * @param timeout how long it may take to exit and close its output
     * @return what it did
     * @throws IllegalStateException if it cannot be started
     */
    public static Result run(List<String> argv, Path cwd, ChildEnvironment env, byte[] stdin, Duration timeout) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv is empty");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        int[] in = stdin == null ? null : pipe();
        int[] out = pipe();
        int[] err = pipe();
        int pid;
        try {
            pid = spawn(argv, cwd, env.entries(), in, out, err);
        } catch (RuntimeException e) {
            if (in != null) {
                close(in[1]);
            }
            close(out[0]);
            close(err[0]);
            throw e;
        } finally {
            if (in != null) {
                close(in[0]);
            }
            close(out[1]);
            close(err[1]);
        }
        Drain stdoutDrain = new Drain(out[0]);
        Drain stderrDrain = new Drain(err[0]);
        Thread outThread = Thread.ofPlatform().daemon().name("child-" + pid + "-stdout").start(stdoutDrain);
        Thread errThread = Thread.ofPlatform().daemon().name("child-" + pid + "-stderr").start(stderrDrain);
        Thread inThread = null;
        if (in != null) {
            int fd = in[1];
            inThread = Thread.ofPlatform().daemon().name("child-" + pid + "-stdin").start(() -> feed(fd, stdin));
        }
        Reaper reaper = new Reaper(pid);
        Thread reaperThread = Thread.ofPlatform().daemon().name("child-" + pid + "-wait").start(reaper);

        boolean timedOut = !(join(outThread, deadline) && join(errThread, deadline) && join(reaperThread, deadline));
        if (timedOut) {
            if (reaper.status() == null) {
                kill(pid);
            }
            long grace = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            join(reaperThread, grace);
            join(outThread, grace);
            join(errThread, grace);
        }
        if (inThread != null) {
            join(inThread, System.nanoTime() + Duration.ofSeconds(5).toNanos());
        }
        Integer status = reaper.status();
        if (status == null) {
            throw new IllegalStateException("child " + pid + " (" + argv.getFirst() + ") could not be reaped");
        }
        return new Result(status, stdoutDrain.bytes(), stderrDrain.bytes(), timedOut);
    }

    private static int spawn(List<String> argv, Path cwd, List<byte[]> env, int[] in, int[] out, int[] err) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment actions = arena.allocate(FILE_ACTIONS_BYTES, 16);
            MemorySegment attr = arena.allocate(SPAWN_ATTR_BYTES, 16);
            check("posix_spawn_file_actions_init", (int) ACTIONS_INIT.invokeExact(actions));
            check("posix_spawnattr_init", (int) ATTR_INIT.invokeExact(attr));
            try {
                if (in != null) {
                    check("adddup2", (int) ACTIONS_DUP2.invokeExact(actions, in[0], 0));
                } else {
                    check("addopen", (int) ACTIONS_OPEN.invokeExact(actions, 0, cString(arena, "/dev/null"), O_RDWR,
                            0));
                }
                check("adddup2", (int) ACTIONS_DUP2.invokeExact(actions, out[1], 1));
                check("adddup2", (int) ACTIONS_DUP2.invokeExact(actions, err[1], 2));
                if (ACTIONS_CLOSEFROM.isPresent()) {
                    check("addclosefrom_np", (int) ACTIONS_CLOSEFROM.get().invokeExact(actions, 3));
                }
                check("addchdir_np", (int) ACTIONS_CHDIR.invokeExact(actions,
                        cString(arena, cwd.toAbsolutePath().toString())));

                MemorySegment mask = arena.allocate(SIGSET_BYTES, 16);
                check("sigemptyset", (int) SIGEMPTYSET.invokeExact(mask));
                MemorySegment defaults = arena.allocate(SIGSET_BYTES, 16);
                check("sigemptyset", (int) SIGEMPTYSET.invokeExact(defaults));
                check("sigaddset", (int) SIGADDSET.invokeExact(defaults, SIGPIPE));
                check("sigaddset", (int) SIGADDSET.invokeExact(defaults, SIGXFSZ));
                defaults.set(LONG, 0, defaults.get(LONG, 0) | GLIBC_RESERVED_SIGNALS);
                check("posix_spawnattr_setsigmask", (int) ATTR_SIGMASK.invokeExact(attr, mask));
                check("posix_spawnattr_setsigdefault", (int) ATTR_SIGDEFAULT.invokeExact(attr, defaults));
                check("posix_spawnattr_setflags", (int) ATTR_FLAGS.invokeExact(attr,
                        (short) (POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)));

                MemorySegment argvArray = arena.allocate(PTR, argv.size() + 1L);
                for (int i = 0; i < argv.size(); i++) {
                    argvArray.setAtIndex(ValueLayout.ADDRESS, i, cString(arena, argv.get(i)));
                }
                MemorySegment envArray = arena.allocate(PTR, env.size() + 1L);
                for (int i = 0; i < env.size(); i++) {
                    envArray.setAtIndex(ValueLayout.ADDRESS, i, cBytes(arena, env.get(i)));
                }
                MemorySegment pidOut = arena.allocate(INT);
                int rc = (int) SPAWNP.invokeExact(pidOut, argvArray.getAtIndex(ValueLayout.ADDRESS, 0), actions, attr,
                        argvArray, envArray);
                if (rc != 0) {
                    throw new IllegalStateException("cannot start " + argv.getFirst() + ": " + strerror(rc));
                }
                return pidOut.get(INT, 0);
            } finally {
                int ignored = (int) ACTIONS_DESTROY.invokeExact(actions);
                ignored = (int) ATTR_DESTROY.invokeExact(attr);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Reads a pipe to its end. */
    private static final class Drain implements Runnable {
        private final int fd;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        Drain(int fd) {
            this.fd = fd;
        }

        @Override
        public void run() {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment chunk = arena.allocate(65536);
                MemorySegment state = arena.allocate(CALL_STATE);
                while (true) {
                    long n = (long) READ.invokeExact(state, fd, chunk, chunk.byteSize());
                    if (n < 0 && (int) ERRNO.get(state, 0L) == EINTR) {
                        continue;
                    }
                    if (n <= 0) {
                        return;
                    }
                    byte[] bytes = chunk.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
                    synchronized (buffer) {
                        buffer.write(bytes, 0, bytes.length);
                    }
                }
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            } finally {
                close(fd);
            }
        }

        byte[] bytes() {
            synchronized (buffer) {
                return buffer.toByteArray();
            }
        }
    }

    /** Waits for the child and keeps its status. */
    private static final class Reaper implements Runnable {
        private final int pid;
        private volatile Integer status;

        Reaper(int pid) {
            this.pid = pid;
        }

        @Override
        public void run() {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment wstatus = arena.allocate(INT);
                MemorySegment state = arena.allocate(CALL_STATE);
                while (true) {
                    int r = (int) WAITPID.invokeExact(state, pid, wstatus, 0);
                    if (r == pid) {
                        int w = wstatus.get(INT, 0);
                        int signal = w & 0x7f;
                        status = signal == 0 ? (w >> 8) & 0xff : -signal;
                        return;
                    }
                    if (r < 0 && (int) ERRNO.get(state, 0L) != EINTR) {
                        return;
                    }
                }
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        Integer status() {
            return status;
        }
    }

    /** Writes all of {@code data} and closes the pipe; a child that stops reading ends the writing. */
    private static void feed(int fd, byte[] data) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment buf = arena.allocate(Math.max(1, data.length));
            MemorySegment.copy(data, 0, buf, ValueLayout.JAVA_BYTE, 0, data.length);
            long done = 0;
            while (done < data.length) {
                long n = (long) WRITE.invokeExact(state, fd, buf.asSlice(done), data.length - done);
                if (n < 0) {
                    if ((int) ERRNO.get(state, 0L) == EINTR) {
                        continue;
                    }
                    return; // EPIPE: the child does not read, which subprocess ignores too
                }
                done += n;
            }
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        } finally {
            close(fd);
        }
    }

    /** Waits for a thread until the deadline; an interrupt does not shorten the wait (the flag is kept). */
    private static boolean join(Thread t, long deadlineNanos) {
        boolean interrupted = false;
        try {
            while (t.isAlive()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    t.join(Duration.ofNanos(left));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return !t.isAlive();
    }

    private static int[] pipe() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(INT, 2);
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) PIPE2.invokeExact(state, fds, O_CLOEXEC);
            if (rc != 0) {
                throw new IllegalStateException("pipe2: " + strerror((int) ERRNO.get(state, 0L)));
            }
            return new int[] {fds.getAtIndex(INT, 0), fds.getAtIndex(INT, 1)};
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static void kill(int pid) {
        try {
            int ignored = (int) KILL.invokeExact(pid, SIGKILL);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static void check(String what, int rc) {
        if (rc != 0) {
            throw new IllegalStateException(what + " failed: " + strerror(rc));
        }
    }

    @SuppressWarnings("restricted") // reading the C library's message is what the method is for
    private static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.reinterpret(1024).getString(0) + " (errno " + errno + ")";
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    private static MemorySegment cString(Arena arena, String s) {
        return cBytes(arena, s.getBytes(StandardCharsets.UTF_8));
    }

    private static MemorySegment cBytes(Arena arena, byte[] bytes) {
        MemorySegment seg = arena.allocate(bytes.length + 1L);
        MemorySegment.copy(bytes, 0, seg, ValueLayout.JAVA_BYTE, 0, bytes.length);
        seg.set(ValueLayout.JAVA_BYTE, bytes.length, (byte) 0);
        return seg;
    }

    private static MethodHandle function(String name, FunctionDescriptor fd) {
        return optionalFunction(name, fd).orElseThrow(() -> new IllegalStateException("the C library lacks " + name));
    }

    @SuppressWarnings("restricted") // native calls are what this class is for
    private static Optional<MethodHandle> optionalFunction(String name, FunctionDescriptor fd) {
        return LIBC.find(name).map(address -> LINKER.downcallHandle(address, fd));
    }

    @SuppressWarnings("restricted") // native calls are what this class is for
    private static MethodHandle withErrno(String name, FunctionDescriptor fd) {
        MemorySegment address = LIBC.find(name)
                .orElseThrow(() -> new IllegalStateException("the C library lacks " + name));
        return LINKER.downcallHandle(address, fd, Linker.Option.captureCallState("errno"));
    }
}
