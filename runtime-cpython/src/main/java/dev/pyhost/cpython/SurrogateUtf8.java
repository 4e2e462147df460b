package dev.pyhost.cpython;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Conversions between Java strings and the byte forms CPython uses, keeping what Python keeps:
 * {@code surrogateescape} (an undecodable byte {@code b} is the lone surrogate {@code U+DC00+b}) for command
 * lines and paths, {@code surrogatepass} (any lone surrogate travels as three bytes) for Python strings.
 */
public final class SurrogateUtf8 {
    private SurrogateUtf8() {
    }

    /**
     * Decodes UTF-8, mapping each undecodable byte to a lone surrogate as Python's {@code surrogateescape}.
     *
     * @param bytes the bytes
     * @return the string
     */
    public static String decodeEscape(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isUnderflow()) {
                break;
            }
            if (r.isError()) {
                for (int i = 0; i < r.length(); i++) {
                    out.put((char) (0xDC00 + (in.get() & 0xFF)));
                }
            } else {
                throw new IllegalStateException("decoder overflow");
            }
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /**
     * Encodes to UTF-8, turning lone surrogates {@code U+DC80..U+DCFF} back into the bytes they escaped.
     *
     * @param s the string
     * @return the bytes
     */
    static byte[] encodeEscape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                byte[] pair = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                out.write(pair, 0, pair.length);
                i++;
            } else if (c >= 0xDC80 && c <= 0xDCFF) {
                out.write(c - 0xDC00);
            } else if (Character.isSurrogate(c)) {
                out.write('?');
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toByteArray();
    }

    /**
     * Encodes to UTF-8 where a lone surrogate becomes its three-byte form ({@code surrogatepass}).
     *
     * @param s the string
     * @return the bytes
     */
    static byte[] encodePass(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 8);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                out.write(cp);
            } else if (cp < 0x800) {
                out.write(0xC0 | (cp >> 6));
                out.write(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                out.write(0xE0 | (cp >> 12));
                out.write(0x80 | ((cp >> 6) & 0x3F));
                out.write(0x80 | (cp & 0x3F));
            } else {
                out.write(0xF0 | (cp >> 18));
                out.write(0x80 | ((cp >> 12) & 0x3F));
                out.write(0x80 | ((cp >> 6) & 0x3F));
                out.write(0x80 | (cp & 0x3F));
            }
        }
        return out.toByteArray();
    }

    /**
     * Decodes UTF-8 written with {@code surrogatepass}.
     *
     * @param b the buffer
     * @param offset where the text starts
     * @param length its length in bytes
     * @return the string
     */
    static String decodePass(byte[] b, int offset, int length) {
        StringBuilder sb = new StringBuilder(length);
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                sb.append((char) c);
                i++;
            } else if (c < 0xE0) {
                sb.append((char) (((c & 0x1F) << 6) | (b[i + 1] & 0x3F)));
                i += 2;
            } else if (c < 0xF0) {
                sb.append((char) (((c & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F)));
                i += 3;
            } else {
                int cp = ((c & 0x07) << 18) | ((b[i + 1] & 0x3F) << 12) | ((b[i + 2] & 0x3F) << 6) | (b[i + 3] & 0x3F);
                sb.appendCodePoint(cp);
                i += 4;
            }
        }
        return sb.toString();
    }

    /**
     * Strict UTF-8 check, for APIs (PEP 741) that reject anything else.
     *
     * @param s the string
     * @return whether it encodes to UTF-8 without surrogates
     */
    static boolean isStrictUtf8(String s) {
        try {
            StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT).encode(CharBuffer.wrap(s));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
