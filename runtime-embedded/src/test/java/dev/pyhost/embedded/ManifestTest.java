package dev.pyhost.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The manifest format: a round trip, and every kind of damage reported as {@link Manifest.Damaged}, never thrown. */
class ManifestTest {
    private static final String SHA = "0123456789abcdef".repeat(4);
    private static final Manifest SAMPLE = new Manifest("/cache/über/cpython-x", List.of(Manifest.Entry.folder("bin"),
            new Manifest.Entry("bin/python3.14", false, 14472, 1_764_600_000_123_456_789L, 0xCAFEBABE, SHA),
            new Manifest.Entry("lib/python3.14/os.py", false, 0, 1, 7, SHA)));

    @Test
    void aManifestReadsBackAsWritten() throws Exception {
        assertEquals(SAMPLE, Manifest.parse(SAMPLE.toBytes()));
    }

    @Test
    void emptyHeaderlessOrOfAnotherFormat() {
        assertDamaged("its manifest is empty", new byte[0]);
        assertDamaged("its manifest is damaged (no header)", bytes("1234\tlib/os.py"));
        assertDamaged("its manifest is damaged (no header)", bytes("1234\tlib/os.py\n"));
        assertDamaged("its manifest has another format (1)", bytes("pyhost-manifest\t1\t1\t00000000\n"));
    }

    @Test
    void truncatedOrAlteredBodies() {
        String text = new String(SAMPLE.toBytes(), StandardCharsets.UTF_8);
        assertDamaged("its manifest is damaged (checksum)", bytes(text.substring(0, text.length() - 10)));
        assertDamaged("its manifest is damaged (checksum)", bytes(text.replace("os.py", "os.pz")));
        String body = text.substring(text.indexOf('\n') + 1);
        assertDamaged("its manifest is damaged (2 entries, 3 expected)",
                withHeader(3, body.substring(0, body.lastIndexOf("F\t"))));
        assertDamaged("its manifest is damaged (truncated)", withHeader(3, body.substring(0, body.length() - 1)));
        assertDamaged("its manifest is damaged (no prefix line)", withHeader(3, body.substring(body.indexOf("D\t"))));
    }

    @Test
    void malformedLinesNameTheirLine() {
        String p = "P\t/c\n";
        String damaged = "its manifest is damaged (line 3)";
        assertDamaged(damaged, withHeader(1, p + "lib/python3.14/os.py\n"));
        assertDamaged(damaged, withHeader(1, p + "F\t12345678901234567890123\t1\t00000000\t" + SHA + "\tos.py\n"));
        assertDamaged(damaged, withHeader(1, p + "F\t99999999999999999999\t1\t00000000\t" + SHA + "\tos.py\n"));
        assertDamaged(damaged, withHeader(1, p + "F\t\t1\t00000000\t" + SHA + "\tos.py\n"));
        assertDamaged(damaged, withHeader(1, p + "F\t12\t1\t0000000\t" + SHA + "\tos.py\n"));
        assertDamaged(damaged, withHeader(1, p + "F\t12\t1\t0000000G\t" + SHA + "\tos.py\n"));
        assertDamaged(damaged, withHeader(1, p + "F\t12\t1\t00000000\t" + SHA.substring(1) + "\tos.py\n"));
        assertDamaged(damaged, withHeader(1, p + "F\t12\t1\t00000000\t" + SHA + "\tos.py\textra\n"));
        assertDamaged(damaged, withHeader(1, p + "X\tos.py\n"));
        for (String escape : List.of("../etc/passwd", "/etc/passwd", "lib//os.py", "lib/./os.py", "lib/..", "")) {
            assertDamaged(damaged, withHeader(1, p + "D\t" + escape + "\n"));
        }
        assertDamaged(damaged, withHeader(2, "D\tbin\n" + p));
    }

    @Test
    void noMutationOfAValidManifestEscapesAsAnotherException() {
        byte[] valid = SAMPLE.toBytes();
        Random random = new Random(15);
        for (int i = 0; i < 20_000; i++) {
            byte[] mutated = valid.clone();
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            try {
                Manifest.parse(mutated);
            } catch (Manifest.Damaged expected) {
                // the point: damage is a value the check reports, never a NumberFormatException or worse
            }
            byte[] body = new byte[mutated.length - (valid.length - bodyLength(valid))];
            System.arraycopy(mutated, mutated.length - body.length, body, 0, body.length);
            try {
                Manifest.parse(withHeader(3, new String(body, StandardCharsets.ISO_8859_1)));
            } catch (Manifest.Damaged expected) {
                // a valid checksum over a damaged body: the line parser alone must hold
            }
        }
    }

    private static int bodyLength(byte[] manifest) {
        int i = 0;
        while (manifest[i] != '\n') {
            i++;
        }
        return manifest.length - i - 1;
    }

    private static void assertDamaged(String message, byte[] bytes) {
        assertEquals(message, assertThrows(Manifest.Damaged.class, () -> Manifest.parse(bytes)).getMessage());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A header whose checksum fits the body, so that only the body is judged. */
    private static byte[] withHeader(int count, String body) {
        byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(b);
        return ("pyhost-manifest\t2\t" + count + "\t" + HexFormat.of().toHexDigits((int) crc.getValue()) + "\n" + body)
                .getBytes(StandardCharsets.ISO_8859_1);
    }
}
