package dev.pyhost.cpython;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.PyHostException;
import dev.pyhost.api.PythonException;
import dev.pyhost.api.RunOutcome;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The wire format of {@code boot.py}'s {@code encode()}, as {@link BootCodec} reads it. The byte strings are written
 * here by hand in that format; that the real encoder writes them so is covered by {@code BootstrapIT} and the
 * integration suites.
 */
class BootCodecTest {
    private static Object decode(String wire) {
        return BootCodec.decode(wire.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void plainValuesDecodeToJavaValues() {
        assertNull(decode("N"));
        assertEquals(true, decode("T"));
        assertEquals(false, decode("F"));
        assertEquals(-42L, decode("I-42;"));
        assertEquals(new BigInteger("18446744073709551616"), decode("I18446744073709551616;"));
        assertEquals(2.5, decode("D2.5;"));
        assertEquals(Double.NEGATIVE_INFINITY, decode("D-inf;"));
        assertTrue(Double.isNaN((Double) decode("Dnan;")));
        assertEquals("h\u00e9", decode("S3:h\u00e9"));
        assertArrayEquals(new byte[] {'a', 'b'}, (byte[]) decode("B2:ab"));
        assertEquals(List.of(1L, List.of("x")), decode("L2:I1;U1:S1:x"));
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("b", 1L);
        map.put(2L, null);
        assertEquals(map, decode("M2:S1:bI1;I2;N"));
    }

    @Test
    void outcomeRecordsBecomeRunOutcomes() {
        assertEquals(new RunOutcome.Completed(), decode("RS9:completedM0:"));
        assertEquals(new RunOutcome.Exited(3), decode("RS6:exitedM1:S4:codeI3;"));
        assertEquals(new RunOutcome.Failed(2, "can't open file"),
                decode("RS6:failedM2:S6:statusI2;S6:reasonS15:can't open file"));
        String error = "RS9:exceptionM3:S4:typeS10:ValueErrorS7:messageS4:boomS9:tracebackS17:ValueError: boom\n";
        RunOutcome.Raised raised = assertInstanceOf(RunOutcome.Raised.class, decode("RS6:raisedM1:S5:error" + error));
        assertEquals("ValueError", raised.exception().typeName());
        assertEquals("boom", raised.exception().pythonMessage());
        assertEquals("ValueError: boom\n", raised.exception().formattedTraceback());
        assertInstanceOf(RunOutcome.Interrupted.class, decode("RS11:interruptedM1:S5:error" + error));
    }

    @Test
    void interpreterResultsAreAValueOrAPythonException() {
        assertEquals(new BootCodec.Returned(List.of(1L)), decode("RS8:returnedM1:S5:valueL1:I1;"));
        assertEquals(new BootCodec.Returned(null), decode("RS8:returnedM1:S5:valueN"));
        PythonException e = assertInstanceOf(PythonException.class,
                decode("RS9:exceptionM3:S4:typeS8:KeyErrorS7:messageS3:'k'S9:tracebackS0:"));
        assertEquals("KeyError: 'k'", e.getMessage());
    }

    @Test
    void fieldsAreReadByNameInAnyOrder() {
        assertEquals(new RunOutcome.Failed(1, "x"), decode("RS6:failedM2:S6:reasonS1:xS6:statusI1;"));
    }

    @Test
    void whatDoesNotFollowTheFormatIsAPyHostDefectThatSaysWhere() {
        assertMalformed("unknown record kind 'finished'", "RS8:finishedM0:");
        assertMalformed("record 'exited' has no field 'code'", "RS6:exitedM0:");
        assertMalformed("field 'code' of record 'exited' is a String, not Long", "RS6:exitedM1:S4:codeS1:3");
        assertMalformed("field 'error' of record 'raised' is None, not PythonException", "RS6:raisedM1:S5:errorN");
        assertMalformed("record 'exited' at 0 without fields", "RS6:exitedL0:");
        assertMalformed("bad tag 'X' at 3", "L1:X");
        assertMalformed("trailing bytes", "NN");
        assertMalformed("truncated or malformed data", "S5:ab");
    }

    @Test
    void aResultOfTheWrongTypeNamesTheEntryPoint() {
        RunOutcome done = new RunOutcome.Completed();
        assertSame(done, BootCodec.expect(done, RunOutcome.class, "run_command"));
        PyHostException e = assertThrows(PyHostException.class,
                () -> BootCodec.expect("complete", RunOutcome.class, "run_command"));
        assertTrue(e.getMessage().contains("returned a String from run_command where RunOutcome was expected"),
                e.getMessage());
    }

    private static void assertMalformed(String expected, String wire) {
        PyHostException e = assertThrows(PyHostException.class, () -> decode(wire));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("a PyHost bug"), e.getMessage());
    }
}
