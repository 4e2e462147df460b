package dev.pyhost.testkit.internal;

import dev.pyhost.api.Interpreter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The kit's Python helper module ({@code _pyhost_testkit}, from {@code testkit_helper.py}), installed into an
 * interpreter on first use without touching {@code __main__}, and the calls into it. The {@link Interpreter} API
 * runs code in {@code __main__} only, so every call is an expression that imports the helper by name.
 */
public final class PythonSide {
    /** The name of the helper module in {@code sys.modules}. */
    public static final String MODULE = "_pyhost_testkit";
    private static final String SOURCE = load();
    private static final AtomicLong KEYS = new AtomicLong();

    private PythonSide() {
    }

    /** {@return a key no other caller in this JVM gets, for the helper's tables} */
    public static long newKey() {
        return KEYS.incrementAndGet();
    }

    /**
     * Installs the helper module into the interpreter unless it is there already.
     *
     * @param py the interpreter
     */
    public static void install(Interpreter py) {
        if (Boolean.TRUE.equals(py.eval("'" + MODULE + "' in __import__('sys').modules"))) {
            return;
        }
        py.exec("__import__('builtins').exec(__import__('builtins').compile(" + literal(SOURCE)
                + ", '<pyhost-testkit>', 'exec'), __import__('sys').modules.setdefault('" + MODULE
                + "', __import__('types').ModuleType('" + MODULE + "')).__dict__)");
    }

    /**
     * Calls a helper function for its effect.
     *
     * @param py the interpreter
     * @param call the call, such as {@code save_main(3)}
     */
    public static void run(Interpreter py, String call) {
        install(py);
        py.exec("__import__('" + MODULE + "')." + call);
    }

    /**
     * Calls a helper function for its value.
     *
     * @param py the interpreter
     * @param call the call, such as {@code captured(3, 1)}
     * @return the converted value
     */
    public static Object value(Interpreter py, String call) {
        install(py);
        return py.eval("__import__('" + MODULE + "')." + call);
    }

    /**
     * Writes a Java string as a Python {@code str} literal that denotes exactly the same code points (lone
     * surrogates included), in printable ASCII.
     *
     * @param s the string
     * @return the literal, quoted
     */
    public static String literal(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('\'');
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (cp >= 0x20 && cp < 0x7f) {
                        sb.append((char) cp);
                    } else if (cp <= 0xff) {
                        sb.append(String.format("\\x%02x", cp));
                    } else if (cp <= 0xffff) {
                        sb.append(String.format("\\u%04x", cp));
                    } else {
                        sb.append(String.format("\\U%08x", cp));
                    }
                }
            }
        });
        return sb.append('\'').toString();
    }

    private static String load() {
        try (InputStream in = PythonSide.class.getResourceAsStream("testkit_helper.py")) {
            if (in == null) {
                throw new IllegalStateException("testkit_helper.py is missing from runtime-testkit");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
