package dev.pyhost.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class StandardStreamsTest {

    @Test
    void inheritKeepsAllThreeDescriptors() {
        StandardStreams s = StandardStreams.inherit();
        assertTrue(s.inheritsAll());
        assertInstanceOf(StandardStreams.Input.Inherit.class, s.stdin());
        assertInstanceOf(StandardStreams.Output.Inherit.class, s.stdout());
        assertInstanceOf(StandardStreams.Output.Inherit.class, s.stderr());
    }

    @Test
    void javaLooksUpSystemOutAtWriteTimeAndReadsNothing() throws IOException {
        StandardStreams s = StandardStreams.java();
        assertFalse(s.inheritsAll());
        StandardStreams.Output.ToStream out = assertInstanceOf(StandardStreams.Output.ToStream.class, s.stdout());
        PrintStream original = System.out;
        PrintStream replaced = new PrintStream(new ByteArrayOutputStream());
        try {
            System.setOut(replaced);
            assertSame(replaced, out.stream().get(), "System.out as it is now, not as it was when configured");
        } finally {
            System.setOut(original);
        }
        StandardStreams.Output.ToStream err = assertInstanceOf(StandardStreams.Output.ToStream.class, s.stderr());
        assertSame(System.err, err.stream().get());
        StandardStreams.Input.FromStream in = assertInstanceOf(StandardStreams.Input.FromStream.class, s.stdin());
        assertEquals(-1, in.stream().get().read(), "an empty standard input, never file descriptor 0");
    }

    @Test
    void ofAndWithReplaceOneStreamEach() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[0]);
        StandardStreams s = StandardStreams.of(in, out, out);
        assertSame(out, ((StandardStreams.Output.ToStream) s.stdout()).stream().get());
        assertSame(in, ((StandardStreams.Input.FromStream) s.stdin()).stream().get());
        StringWriter writer = new StringWriter();
        StandardStreams t = s.withStdout(StandardStreams.Output.of(writer)).withStdin(StandardStreams.Input.inherit());
        assertSame(writer, ((StandardStreams.Output.ToWriter) t.stdout()).writer());
        assertInstanceOf(StandardStreams.Input.Inherit.class, t.stdin());
        assertSame(s.stderr(), t.stderr());
        System.Logger logger = System.getLogger("x");
        StandardStreams u = t.withStderr(StandardStreams.Output.of(logger, System.Logger.Level.INFO));
        assertEquals(new StandardStreams.Output.ToLogger(logger, System.Logger.Level.INFO), u.stderr());
    }

    @Test
    void nothingIsNull() {
        assertThrows(NullPointerException.class, () -> StandardStreams.of(null, System.out, System.err));
        assertThrows(NullPointerException.class, () -> StandardStreams.java().withStdout(null));
        assertThrows(NullPointerException.class, () -> StandardStreams.Output.of((java.io.Writer) null));
        assertThrows(NullPointerException.class, () -> StandardStreams.Output.of(System.getLogger("x"), null));
        assertThrows(NullPointerException.class, () -> PythonRuntime.builder(RuntimeConfig.builder().build())
                .standardStreams(null));
    }
}
