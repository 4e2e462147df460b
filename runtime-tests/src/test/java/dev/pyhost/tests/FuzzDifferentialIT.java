package dev.pyhost.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.testkit.differential.ConformanceCase;
import dev.pyhost.testkit.differential.DifferentialRunner;
import dev.pyhost.testkit.differential.InstalledPythons;
import dev.pyhost.testkit.differential.InstalledPythons.InstalledPython;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fuzz of the differential suite: command lines generated from a fixed seed (options, {@code -X} options,
 * {@code -W} filters, commands, script files in odd encodings or with null bytes, modules, odd standard input, the
 * inspect mode) run with the real python and with {@code bin/pyhost} on the same CPython, comparing the exit
 * status, standard output and standard error after the conformance suite's normalization (paths of the temporary
 * folder, addresses). Each case goes to one of CPython 3.10, 3.13 and 3.14 in turn (those installed). A failure
 * lists every differing case with its generated input, so it can be rerun (also as a {@code cases.json} entry).
 *
 * <p>System properties: {@code pyhost.fuzz.seed} (default {@value #SEED}), {@code pyhost.fuzz.cases} (default
 * {@value #CASES}), {@code pyhost.fuzz.threads} (default 3).
 */
class FuzzDifferentialIT {
    static final long SEED = 20261202L;
    static final int CASES = 300;
    private static final int[] MINORS = {10, 13, 14};

    /** Builds the launcher on first use, outside the cases. */
    @BeforeAll
    static void buildLauncher() {
        Checkout.warmLauncher();
    }

    @Test
    void generatedCommandLinesBehaveAsPython() throws Exception {
        List<InstalledPython> pythons = new ArrayList<>();
        for (int minor : MINORS) {
            InstalledPythons.forMinor(minor).ifPresent(pythons::add);
        }
        Assumptions.assumeFalse(pythons.isEmpty(), "none of CPython 3.10, 3.13, 3.14 is installed (looked in "
                + InstalledPythons.searchedLocations() + ")");
        long seed = Long.getLong("pyhost.fuzz.seed", SEED);
        int count = Integer.getInteger("pyhost.fuzz.cases", CASES);
        List<ConformanceCase> cases = new FuzzCases(seed).generate(count);
        DifferentialRunner runner = DifferentialRunner.forPyHostLauncher(Checkout.launcher());
        long start = System.nanoTime();
        List<Future<Optional<String>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(Integer.getInteger("pyhost.fuzz.threads", 3))) {
            for (int i = 0; i < cases.size(); i++) {
                ConformanceCase c = cases.get(i);
                InstalledPython python = pythons.get(i % pythons.size());
                results.add(pool.submit(() -> {
                    DifferentialRunner.Comparison r = runner.run(c, python.executable());
                    return r.same() ? Optional.<String>empty() : Optional.of("on CPython " + python.version() + ", "
                            + r.report() + "\n  generated: " + FuzzCases.json(c));
                }));
            }
        }
        List<String> failures = new ArrayList<>();
        for (Future<Optional<String>> f : results) {
            f.get().ifPresent(failures::add);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.getLogger(FuzzDifferentialIT.class.getName()).log(System.Logger.Level.INFO,
                "{0} generated cases (seed {1}) on {2} in {3} s", cases.size(), seed, pythons.size(), took.toSeconds());
        assertTrue(failures.isEmpty(), () -> failures.size() + " of " + cases.size() + " generated cases (seed "
                + seed + ") differ from python:\n\n" + String.join("\n\n", failures));
    }

    /** The generator: every choice comes from one {@link Random} with the seed, so a seed always gives the same cases. */
    static final class FuzzCases {
        private static final String[] OPTIONS = {"-b", "-bb", "-B", "-d", "-E", "-I", "-O", "-OO", "-q", "-s", "-S",
            "-u", "-P", "-R"};
        private static final String[][] VALUED = {{"-W", "error"}, {"-W", "ignore"}, {"-W", "default"},
            {"-W", "error::EncodingWarning"}, {"-W", "once::UserWarning"}, {"-X", "dev"}, {"-X", "utf8"},
            {"-X", "utf8=0"}, {"-X", "warn_default_encoding"}, {"-X", "faulthandler"}, {"-X", "no_debug_ranges"},
            {"-X", "int_max_str_digits=640"}, {"-X", "frozen_modules=off"}, {"-X", "tracemalloc"}, {"-X", "utf8=2"},
            {"-X", "nonsense"}};
        private static final String[] SNIPPETS = {
            "print('hello')",
            "import sys; print(sys.argv[1:])",
            "import sys; sys.exit(3)",
            "import sys; sys.exit('bye')",
            "raise ValueError('boom')",
            "raise KeyboardInterrupt",
            "import sys; f = sys.flags; print(f.optimize, f.dont_write_bytecode, f.inspect, f.isolated, f.no_site, "
                + "f.bytes_warning, f.dev_mode, f.utf8_mode, f.quiet, f.warn_default_encoding)",
            "open('/dev/null').close(); print('opened')",
            "import warnings; warnings.warn('careful'); print('warned')",
            "print(b'a' == 'a'); str(b'x')",
            "assert False, 'asserted'",
            "import sys; data = sys.stdin.read(); print(len(data))",
            "x = input(); print('got', ascii(x))",
            "print('caf\u00e9 \u65e5\u672c')",
            "def f():\n    return 1/0\nf()",
            "import sys; sys.stderr.write('err\\n'); print('out')",
            "",
            "x = (",
            "if True:\n  print('block')",
            "print(__name__, __doc__)",
            "import sys; print(sys.warnoptions, sorted(sys._xoptions))",
            "raise SystemExit(256)",
            "exec('raise KeyboardInterrupt')",
            "import os; os.environ['PYTHONINSPECT'] = '1'",
            "print(int('9' * 700))",
            "import sys; print(sys.stdout.encoding, sys.stdin.encoding, sys.getfilesystemencoding())",
            "try:\n    exec('raise KeyboardInterrupt')\nexcept KeyboardInterrupt:\n    print('caught')",
            "print('no newline at the end', end='')",
            "class E(Exception):\n    def __str__(self):\n        raise RuntimeError('str')\nraise E()",
            "import sys; sys.exit(None)",
        };
        private static final String[] ARGS = {"a", "-b", "--", "\u00e9t\u00e9", "-c", "x y", ""};
        private static final String[][] ENV = {{"PYTHONWARNINGS", "error"}, {"PYTHONIOENCODING", "latin-1"},
            {"PYTHONUTF8", "1"}, {"PYTHONINSPECT", "1"}, {"PYTHONOPTIMIZE", "2"}, {"PYTHONDEVMODE", "1"},
            {"PYTHONWARNDEFAULTENCODING", "1"}, {"PYTHONIOENCODING", "ascii:strict"}};

        private final Random random;

        FuzzCases(long seed) {
            this.random = new Random(seed);
        }

        List<ConformanceCase> generate(int count) {
            List<ConformanceCase> cases = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                cases.add(next("fuzz-" + i));
            }
            return cases;
        }

        private ConformanceCase next(String id) {
            List<String> argv = new ArrayList<>();
            Map<String, String> env = new LinkedHashMap<>();
            Map<String, String> files = new LinkedHashMap<>();
            int options = random.nextInt(4);
            for (int k = 0; k < options; k++) {
                if (random.nextBoolean()) {
                    argv.add(pick(OPTIONS));
                } else {
                    String[] valued = VALUED[random.nextInt(VALUED.length)];
                    argv.add(valued[0]);
                    argv.add(valued[1]);
                }
            }
            boolean inspect = random.nextInt(5) == 0;
            if (inspect) {
                argv.add(random.nextBoolean() ? "-i" : "-qi");
            }
            if (random.nextInt(8) == 0) {
                String[] e = ENV[random.nextInt(ENV.length)];
                env.put(e[0], e[1]);
            }
            int mode = random.nextInt(20);
            if (mode < 7) {
                argv.add("-c");
                argv.add(snippet());
            } else if (mode < 14) {
                if (random.nextInt(5) == 0) {
                    argv.add("-x");
                }
                String name = "prog" + (random.nextBoolean() ? ".py" : "");
                files.put(name, latin1(sourceBytes()));
                argv.add(random.nextInt(10) == 0 ? "{tmp}/missing.py" : "{tmp}/" + name);
            } else if (mode < 16) {
                files.put("fuzzmod.py", latin1(sourceBytes()));
                argv.add("-m");
                argv.add("fuzzmod");
            } else if (mode < 17) {
                files.put("pkg/__main__.py", latin1(sourceBytes()));
                argv.add("{tmp}/pkg");
            } else if (mode < 19) {
                argv.add("-");
            }
            int extra = random.nextInt(3);
            boolean runsSomething = mode < 19;
            for (int k = 0; k < extra && runsSomething; k++) {
                argv.add(pick(ARGS));
            }
            String stdin = stdinBytes(mode >= 17 || inspect || random.nextInt(4) == 0);
            return new ConformanceCase(id, List.copyOf(argv), null, stdin, Map.copyOf(env), Map.of(),
                    Map.copyOf(files), Map.of(), Map.of(), null, List.of("rc", "stdout", "stderr"), null, List.of());
        }

        private String snippet() {
            String s = pick(SNIPPETS);
            if (random.nextInt(4) == 0) {
                s = s + "\n" + pick(SNIPPETS);
            }
            return s;
        }

        /** A program's bytes: a snippet in UTF-8 or Latin-1, maybe declared, with a BOM, CRLF, nulls or noise. */
        private byte[] sourceBytes() {
            String text = snippet() + "\n";
            int kind = random.nextInt(12);
            return switch (kind) {
                case 0 -> concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, utf8(text));
                case 1 -> concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf},
                        utf8("# coding: latin-1\n" + text));
                case 2 -> (random.nextBoolean() ? "# -*- coding: latin-1 -*-\n" + text : text)
                        .getBytes(StandardCharsets.ISO_8859_1);
                case 3 -> insert(utf8(text), (byte) 0);
                case 4 -> utf8(text.replace("\n", "\r\n"));
                case 5 -> utf8(text.strip());
                case 6 -> noise(20 + random.nextInt(60));
                case 7 -> utf8("#!/usr/bin/env python3\n# coding: ascii\n" + text);
                case 8 -> new byte[0];
                case 9 -> utf8("# coding: no-such-codec\n" + text);
                case 10 -> insert(utf8(text), (byte) 0xff);
                default -> utf8(text);
            };
        }

        /** Standard input: {@code null} for {@code /dev/null}, else bytes as a Latin-1 string. */
        private String stdinBytes(boolean program) {
            if (!program && random.nextBoolean()) {
                return null;
            }
            int kind = random.nextInt(9);
            byte[] data = switch (kind) {
                case 0 -> new byte[0];
                case 1 -> insert(utf8(snippet() + "\n"), (byte) 0);
                case 2 -> (snippet() + "\n").getBytes(StandardCharsets.ISO_8859_1);
                case 3 -> utf8(snippet().replace("\n", "\r\n") + "\r\n");
                case 4 -> utf8(snippet());
                case 5 -> utf8("print(" + "7".repeat(250) + ")\n");
                case 6 -> insert(utf8(snippet() + "\nprint('second')\n"), (byte) 0xe9);
                case 7 -> noise(10 + random.nextInt(40));
                default -> utf8(snippet() + "\n");
            };
            return latin1(data);
        }

        private byte[] noise(int n) {
            byte[] b = new byte[n];
            random.nextBytes(b);
            return b;
        }

        private byte[] insert(byte[] data, byte b) {
            int at = data.length == 0 ? 0 : random.nextInt(data.length + 1);
            byte[] out = new byte[data.length + 1];
            System.arraycopy(data, 0, out, 0, at);
            out[at] = b;
            System.arraycopy(data, at, out, at + 1, data.length - at);
            return out;
        }

        private String pick(String[] from) {
            return from[random.nextInt(from.length)];
        }

        private static byte[] utf8(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] out = new byte[a.length + b.length];
            System.arraycopy(a, 0, out, 0, a.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }

        private static String latin1(byte[] data) {
            return new String(data, StandardCharsets.ISO_8859_1);
        }

        /** A case as a {@code cases.json} entry, to rerun it. */
        static String json(ConformanceCase c) {
            StringBuilder sb = new StringBuilder("{\"id\": ").append(quote(c.id())).append(", \"argv\": [");
            for (int i = 0; i < c.argv().size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(quote(c.argv().get(i)));
            }
            sb.append(']');
            if (c.stdinBytes() != null) {
                sb.append(", \"stdin_bytes\": ").append(quote(c.stdinBytes()));
            }
            if (!c.env().isEmpty()) {
                sb.append(", \"env\": ").append(object(c.env()));
            }
            if (!c.byteFiles().isEmpty()) {
                sb.append(", \"files_bytes\": ").append(object(c.byteFiles()));
            }
            return sb.append('}').toString();
        }

        private static String object(Map<String, String> map) {
            StringBuilder sb = new StringBuilder("{");
            map.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(quote(k)).append(": ")
                    .append(quote(v)));
            return sb.append('}').toString();
        }

        private static String quote(String s) {
            StringBuilder sb = new StringBuilder("\"");
            for (char ch : s.toCharArray()) {
                switch (ch) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (ch < 0x20 || ch > 0x7e) {
                            sb.append(String.format("\\u%04x", (int) ch));
                        } else {
                            sb.append(ch);
                        }
                    }
                }
            }
            return sb.append('"').toString();
        }
    }
}
