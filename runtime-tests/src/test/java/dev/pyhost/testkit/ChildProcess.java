package dev.pyhost.testkit;

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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a child process the way Python's {@code subprocess.run(..., stdout=PIPE, stderr=PIPE)} does, and reports its
 * exit status the way Python does: the exit code, or {@code -N} when signal {@code N} ended it.
 *
 * <p>{@link ProcessBuilder} cannot tell a death by signal {@code N} from an exit with status {@code 128+N}, and
 * the conformance harness must: {@code python} killed by {@code SIGTERM} is {@code -15}, a launcher whose JVM
 * turned that {@code SIGTERM} into {@code exit(143)} is {@code 143}. So this class spawns with glibc's
 * {@code posix_spawn} through the Foreign Function and Memory API and reaps the child with {@code waitpid}
 * itself. The child gets what {@code subprocess} gives it: pipes (or {@code /dev/null} opened read-write) on
 * descriptors 0 to 2 and no other open descriptor, the working directory, the environment given byte for byte,
 * {@code SIGPIPE} and {@code SIGXFSZ} back at their default disposition and an empty signal mask. Linux only.
 */
final class ChildProcess {
    /**
     * What a finished child did.
     *
     * @param status the exit status as Python reports it: the exit code, or {@code -N} for a death by signal N
     * @param stdout what it wrote to its standard output
     * @param stderr what it wrote to its standard error
     * @param timedOut whether it ran out of time (it was then killed with {@code SIGKILL}; the status is that
     *     death and the output what was read until then)
     */
    record Result(int status, byte[] stdout, byte[] stderr, boolean timedOut) {
    }

    private static final int O_RDWR = 2;
    private static final int O_CLOEXEC = 0x80000;
    private static final int EINTR = 4;
    private static final int SIGKILL = 9;
    private static final int SIGPIPE = 13;
    private static final int SIGXFSZ = 25;
    /** Signals 32 and 33 (SIGCANCEL, SIGSETXID) as bits 31 and 32 of the first word of a glibc sigset_t. */
    private static final long GLIBC_INTERNAL_SIGNALS = (1L << 31) | (1L << 32);
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    /** Generous sizes for glibc's opaque structures (80, 336 and 128 bytes on 64-bit Linux). */
    private static final long FILE_ACTIONS_SIZE = 512;
    private static final long SPAWNATTR_SIZE = 1024;
    private static final long SIGSET_SIZE = 256;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final MemoryLayout PTR = ValueLayout.ADDRESS;

    private static final MethodHandle PIPE2 = errnoHandle("pipe2", FunctionDescriptor.of(INT, PTR, INT));
    private static final MethodHandle READ = errnoHandle("read", FunctionDescriptor.of(LONG, INT, PTR, LONG));
    private static final MethodHandle WRITE = errnoHandle("write", FunctionDescriptor.of(LONG, INT, PTR, LONG));
    private static final MethodHandle WAITPID = errnoHandle("waitpid", FunctionDescriptor.of(INT, INT, PTR, INT));
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(INT, INT));
    private static final MethodHandle KILL = handle("kill", FunctionDescriptor.of(INT, INT, INT));
    private static final MethodHandle SIGEMPTYSET = handle("sigemptyset", FunctionDescriptor.of(INT, PTR));
    private static final MethodHandle SIGADDSET = handle("sigaddset", FunctionDescriptor.of(INT, PTR, INT));
    private static final MethodHandle FA_INIT =
            handle("posix_spawn_file_actions_init", FunctionDescriptor.of(INT, PTR));
    private static final MethodHandle FA_DESTROY =
            handle("posix_spawn_file_actions_destroy", FunctionDescriptor.of(INT, PTR));
    private static final MethodHandle FA_ADDDUP2 =
            handle("posix_spawn_file_actions_adddup2", FunctionDescriptor.of(INT, PTR, INT, INT));
    private static final MethodHandle FA_ADDOPEN =
            handle("posix_spawn_file_actions_addopen", FunctionDescriptor.of(INT, PTR, INT, PTR, INT, INT));
    private static final MethodHandle FA_ADDCHDIR =
            handle("posix_spawn_file_actions_addchdir_np", FunctionDescriptor.of(INT, PTR, PTR));
    private static final Optional<MethodHandle> FA_ADDCLOSEFROM =
            optionalHandle("posix_spawn_file_actions_addclosefrom_np", FunctionDescriptor.of(INT, PTR, INT));
    private static final MethodHandle ATTR_INIT = handle("posix_spawnattr_init", FunctionDescriptor.of(INT, PTR));
    private static final MethodHandle ATTR_DESTROY =
            handle("posix_spawnattr_destroy", FunctionDescriptor.of(INT, PTR));
    private static final MethodHandle ATTR_SETFLAGS =
            handle("posix_spawnattr_setflags", FunctionDescriptor.of(INT, PTR, ValueLayout.JAVA_SHORT));
    private static final MethodHandle ATTR_SETSIGMASK =
            handle("posix_spawnattr_setsigmask", FunctionDescriptor.of(INT, PTR, PTR));
    private static final MethodHandle ATTR_SETSIGDEFAULT =
            handle("posix_spawnattr_setsigdefault", FunctionDescriptor.of(INT, PTR, PTR));
    private static final MethodHandle POSIX_SPAWN =
            handle("posix_spawn", FunctionDescriptor.of(INT, PTR, PTR, PTR, PTR, PTR, PTR));
    private static final MethodHandle STRERROR = handle("strerror", FunctionDescriptor.of(PTR, INT));

    private ChildProcess() {
    }

    /**
     * Runs a program to completion.
     *
     * @param argv the program (a path, not looked up in {@code PATH}) and its arguments
     * @param cwd the working directory of the child
     * @param env the environment, each entry {@code NAME=value} in bytes
     * @param stdin what to feed its standard input through a pipe, or {@code null} for {@code /dev/null}
     * @param timeout how long to wait for it to exit and close its output
     * @return what it did
     * @throws IllegalStateException if it cannot be started
     */
    static Result run(List<String> argv, Path cwd, List<byte[]> env, byte[] stdin, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int[] in = stdin == null ? null : pipe();
        int[] out = pipe();
        int[] err = pipe();
        int pid;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment actions = arena.allocate(FILE_ACTIONS_SIZE, 16);
            MemorySegment attr = arena.allocate(SPAWNATTR_SIZE, 16);
            check("posix_spawn_file_actions_init", (int) FA_INIT.invokeExact(actions));
            check("posix_spawnattr_init", (int) ATTR_INIT.invokeExact(attr));
            try {
                if (in != null) {
                    check("adddup2", (int) FA_ADDDUP2.invokeExact(actions, in[0], 0));
                } else {
                    check("addopen", (int) FA_ADDOPEN.invokeExact(actions, 0, cString(arena, "/dev/null"),
                            O_RDWR, 0));
                }
                check("adddup2", (int) FA_ADDDUP2.invokeExact(actions, out[1], 1));
                check("adddup2", (int) FA_ADDDUP2.invokeExact(actions, err[1], 2));
                if (FA_ADDCLOSEFROM.isPresent()) {
                    check("addclosefrom_np", (int) FA_ADDCLOSEFROM.get().invokeExact(actions, 3));
                }
                check("addchdir_np", (int) FA_ADDCHDIR.invokeExact(actions, cString(arena, cwd.toString())));

                MemorySegment empty = arena.allocate(SIGSET_SIZE, 16);
                check("sigemptyset", (int) SIGEMPTYSET.invokeExact(empty));
                MemorySegment defaults = arena.allocate(SIGSET_SIZE, 16);
                check("sigemptyset", (int) SIGEMPTYSET.invokeExact(defaults));
                check("sigaddset", (int) SIGADDSET.invokeExact(defaults, SIGPIPE));
                check("sigaddset", (int) SIGADDSET.invokeExact(defaults, SIGXFSZ));
                // glibc's posix_spawn leaves its internal signals (32 and 33) ignored in the child unless they
                // are in the default set, which sigaddset refuses; a forked python child has them at default
                long firstWord = defaults.get(ValueLayout.JAVA_LONG, 0);
                defaults.set(ValueLayout.JAVA_LONG, 0, firstWord | GLIBC_INTERNAL_SIGNALS);
                check("posix_spawnattr_setsigmask", (int) ATTR_SETSIGMASK.invokeExact(attr, empty));
                check("posix_spawnattr_setsigdefault", (int) ATTR_SETSIGDEFAULT.invokeExact(attr, defaults));
                check("posix_spawnattr_setflags", (int) ATTR_SETFLAGS.invokeExact(attr,
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
                int rc = (int) POSIX_SPAWN.invokeExact(pidOut, argvArray.getAtIndex(ValueLayout.ADDRESS, 0),
                        actions, attr, argvArray, envArray);
                if (rc != 0) {
                    throw new IllegalStateException("cannot start " + argv.get(0) + ": " + strerror(rc));
                }
                pid = pidOut.get(INT, 0);
            } finally {
                int ignored = (int) FA_DESTROY.invokeExact(actions);
                ignored = (int) ATTR_DESTROY.invokeExact(attr);
            }
        } catch (Throwable t) {
            // the parent's ends; the child's are closed below
            if (in != null) {
                close(in[1]);
            }
            close(out[0]);
            close(err[0]);
            throw t instanceof RuntimeException re ? re : new IllegalStateException(t);
        } finally {
            // the child's ends
            if (in != null) {
                close(in[0]);
            }
            close(out[1]);
            close(err[1]);
        }

        Drain outReader = new Drain(out[0]);
        Drain errReader = new Drain(err[0]);
        Thread outThread = Thread.ofPlatform().daemon().name("child-stdout-" + pid).start(outReader);
        Thread errThread = Thread.ofPlatform().daemon().name("child-stderr-" + pid).start(errReader);
        Thread inThread = null;
        if (in != null) {
            int fd = in[1];
            inThread = Thread.ofPlatform().daemon().name("child-stdin-" + pid).start(() -> feed(fd, stdin));
        }
        Reaper reaper = new Reaper(pid);
        Thread reaperThread = Thread.ofPlatform().daemon().name("child-wait-" + pid).start(reaper);

        boolean timedOut = !(join(outThread, deadline) && join(errThread, deadline) && join(reaperThread, deadline));
        if (timedOut) {
            if (reaper.status() == null) {
                kill(pid);
            }
            long grace = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            join(reaperThread, grace);
            join(outThread, grace);
            join(errThread, grace);
        }
        if (inThread != null) {
            join(inThread, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
        }
        Integer status = reaper.status();
        if (status == null) {
            throw new IllegalStateException("child " + pid + " (" + argv.get(0) + ") could not be reaped");
        }
        return new Result(status, outReader.bytes(), errReader.bytes(), timedOut);
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
                        break;
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

    /** Waits for the child's end and keeps its status. */
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
                        int sig = w & 0x7f;
                        status = sig == 0 ? (w >> 8) & 0xff : -sig;
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

    /** Writes all of {@code data} to {@code fd} and closes it; a reader that went away ends the writing. */
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
                    break; // EPIPE: the child does not read, as subprocess ignores
                }
                done += n;
            }
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        } finally {
            close(fd);
        }
    }

    /**
     * Waits for a thread until the deadline. An interrupt of the waiting thread (a flag some earlier test left set,
     * for instance) does not count as running out of time: the wait goes on and the flag is restored afterwards.
     */
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
        } catch (RuntimeException e) {
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
            throw new IllegalStateException(what + " failed: " + rc);
        }
    }

    @SuppressWarnings("restricted") // native calls are the point of this class
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

    private static MethodHandle handle(String name, FunctionDescriptor fd) {
        return optionalHandle(name, fd).orElseThrow(() -> new IllegalStateException("libc lacks " + name));
    }

    @SuppressWarnings("restricted") // native calls are the point of this class
    private static Optional<MethodHandle> optionalHandle(String name, FunctionDescriptor fd) {
        return LIBC.find(name).map(addr -> LINKER.downcallHandle(addr, fd));
    }

    @SuppressWarnings("restricted") // native calls are the point of this class
    private static MethodHandle errnoHandle(String name, FunctionDescriptor fd) {
        MemorySegment addr = LIBC.find(name).orElseThrow(() -> new IllegalStateException("libc lacks " + name));
        return LINKER.downcallHandle(addr, fd, Linker.Option.captureCallState("errno"));
    }
}
