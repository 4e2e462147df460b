package dev.pyhost.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pyhost.testkit.differential.InstalledPythons;
import dev.pyhost.testkit.differential.InstalledPythons.InstalledPython;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The terminal REPL driven through a real terminal (tmux), typing as a person would, with an isolated
 * {@code HOME} so the history file is the test's own. Each version runs two sessions: the first types an
 * expression, a two-line {@code def} and a call, a completion, interrupts a running loop and leaves with
 * {@code exit(3)}; the second ({@code -q}) recalls the last line of the first with Up and leaves with Ctrl-D.
 */
class ReplTerminalIT {
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration STEP = Duration.ofSeconds(15);

    @TempDir
    Path home;

    static Stream<Integer> minors() {
        return Stream.of(10, 11, 12, 13, 14);
    }

    @ParameterizedTest(name = "3.{0}")
    @MethodSource("minors")
    void typedSessionsBehaveAsCPythons(int minor) throws Exception {
        assumeTrue(tmuxAvailable(), "tmux is not installed");
        Optional<InstalledPython> python = InstalledPythons.forMinor(minor);
        assumeTrue(python.isPresent(), "CPython 3." + minor + " is not installed here");
        String launch = "env -u PYTHONSTARTUP -u PYTHON_HISTORY -u NO_COLOR -u PYTHON_COLORS -u PYTHONINSPECT"
                + " HOME='" + home + "' PYHOST_PYTHON='" + python.get().executable() + "' '"
                + Checkout.launcher() + "'";
        try (Tmux t = new Tmux("pyhost-repl-" + minor + "-" + ProcessHandle.current().pid())) {
            t.type("clear; " + launch + "; echo \"rc=$?\"");
            t.keys("Enter");
            String screen = t.await(s -> prompts(s) == 1, START);
            assertTrue(screen.contains("Python 3." + minor), screen);
            assertTrue(screen.contains("Type \"help\", \"copyright\", \"credits\" or \"license\""), screen);

            t.type("6 * 7");
            t.keys("Enter");
            t.await(s -> lines(s).contains("42") && prompts(s) == 2, STEP);

            t.type("def f():");
            t.keys("Enter");
            t.await(s -> lastLine(s).startsWith("..."), STEP);
            t.type("return 'from f'");
            t.keys("Enter");
            t.keys("Enter");
            t.await(s -> prompts(s) == 3, STEP);
            t.type("f()");
            t.keys("Enter");
            screen = t.await(s -> lines(s).contains("'from f'") && prompts(s) == 4, STEP);
            assertTrue(lines(screen).contains("...     return 'from f'"), "automatic indentation:\n" + screen);

            t.type("import collections");
            t.keys("Enter");
            t.await(s -> prompts(s) == 5, STEP);
            t.type("collections.OrderedD");
            t.keys("Tab");
            t.await(s -> lastLine(s).equals(">>> collections.OrderedDict("), STEP);
            t.type(")");
            t.keys("Enter");
            t.await(s -> lines(s).contains("OrderedDict()") && prompts(s) == 6, STEP);

            t.type("while True: pass");
            t.keys("Enter");
            t.keys("Enter");
            Thread.sleep(1500);
            t.keys("C-c");
            screen = t.await(s -> lines(s).contains("KeyboardInterrupt") && prompts(s) == 7, STEP);
            t.type("'still here'");
            t.keys("Enter");
            t.await(s -> lines(s).contains("'still here'"), STEP);

            t.type("exit(3)");
            t.keys("Enter");
            screen = t.await(s -> lines(s).stream().anyMatch(l -> l.startsWith("rc=")), STEP);
            assertTrue(lines(screen).contains("rc=3"), screen);

            t.type("clear; " + launch + " -q; echo \"rc=$?\"");
            t.keys("Enter");
            screen = t.await(s -> prompts(s) == 1, START);
            assertFalse(screen.contains("Type \"help\""), "-q prints no banner:\n" + screen);
            t.keys("Up");
            t.await(s -> lastLine(s).equals(">>> exit(3)"), STEP);
            t.keys("C-u");
            t.keys("C-d");
            screen = t.await(s -> lines(s).stream().anyMatch(l -> l.startsWith("rc=")), STEP);
            assertTrue(lines(screen).contains("rc=0"), screen);
        }
        String history = Files.readString(home.resolve(".python_history"), StandardCharsets.UTF_8);
        // 3.13+ (_pyrepl) store a multi-line statement as one entry joined by \r\n; GNU readline (3.10-3.12) writes
        // it line by line
        assertTrue(history.contains(minor >= 13 ? "def f():\r\n    return 'from f'\n" : "def f():\n    return 'from f'\n"),
                history);
        assertTrue(history.endsWith("exit(3)\n"), history);
    }

    private static List<String> lines(String screen) {
        return Arrays.stream(screen.split("\n", -1)).map(String::stripTrailing).toList();
    }

    private static long prompts(String screen) {
        return lines(screen).stream().filter(l -> l.equals(">>>") || l.startsWith(">>> ")).count();
    }

    private static String lastLine(String screen) {
        List<String> all = lines(screen);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (!all.get(i).isEmpty()) {
                return all.get(i);
            }
        }
        return "";
    }

    private static boolean tmuxAvailable() {
        try {
            return new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One tmux session (on its own server socket) with a plain bash, 120x40. */
    private static final class Tmux implements AutoCloseable {
        private final String socket;
        private String last = "";

        Tmux(String socket) throws IOException, InterruptedException {
            this.socket = socket;
            tmux("new-session", "-d", "-x", "120", "-y", "40", "bash --norc --noprofile");
        }

        void type(String text) throws IOException, InterruptedException {
            tmux("send-keys", "-l", text);
        }

        void keys(String... keys) throws IOException, InterruptedException {
            List<String> args = new ArrayList<>(List.of("send-keys"));
            args.addAll(List.of(keys));
            tmux(args.toArray(String[]::new));
        }

        String await(Predicate<String> ready, Duration timeout) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                last = tmux("capture-pane", "-p");
                if (ready.test(last)) {
                    return last;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the terminal did not reach the expected state; screen:\n" + last);
                }
                Thread.sleep(100);
            }
        }

        private String tmux(String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("tmux " + String.join(" ", args) + " failed: " + new String(out,
                        StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            try {
                tmux("kill-server");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
