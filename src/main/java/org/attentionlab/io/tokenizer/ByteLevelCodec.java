package org.attentionlab.io.tokenizer;

import java.util.Arrays;

/**
 * GPT-2's byte-level alphabet: every byte 0..255 is written as one printable character so that a
 * vocabulary of strings can hold arbitrary bytes. Printable Latin-1 bytes ('!'..'~', '¡'..'¬',
 * '®'..'ÿ') stand for themselves; the other 68 bytes (controls, space, soft hyphen, ...) are
 * shifted to U+0100 and up in byte order, so a space is 'Ġ' (U+0120) and a newline 'Ċ'.
 */
final class ByteLevelCodec {
    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[0x100 + 68];

    static {
        Arrays.fill(CHAR_TO_BYTE, -1);
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) (0x100 + shifted++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteLevelCodec() {
    }

    /** The character that stands for byte {@code b} (0..255). */
    static char charOf(int b) {
        return BYTE_TO_CHAR[b & 0xFF];
    }

    /** The byte a byte-level character stands for, or -1 if {@code c} is not in the alphabet. */
    static int byteOf(char c) {
        return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
    }

    /**
     * Decodes UTF-8 as Python's {@code bytes.decode("utf-8", errors="replace")} and Rust's
     * {@code String::from_utf8_lossy} do: each maximal prefix of a valid sequence that breaks off,
     * and each byte that cannot start one, becomes one U+FFFD.
     */
    static String decodeUtf8(byte[] bytes, int length) {
        StringBuilder out = new StringBuilder(length);
        int i = 0;
        while (i < length) {
            int b0 = bytes[i] & 0xFF;
            if (b0 < 0x80) {
                out.append((char) b0);
                i++;
                continue;
            }
            int need;
            int cp;
            int lo = 0x80;
            int hi = 0xBF;
            if (b0 >= 0xC2 && b0 <= 0xDF) {
                need = 1;
                cp = b0 & 0x1F;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                need = 2;
                cp = b0 & 0x0F;
                if (b0 == 0xE0) {
                    lo = 0xA0; // no overlong forms
                } else if (b0 == 0xED) {
                    hi = 0x9F; // no surrogates
                }
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                need = 3;
                cp = b0 & 0x07;
                if (b0 == 0xF0) {
                    lo = 0x90;
                } else if (b0 == 0xF4) {
                    hi = 0x8F; // nothing above U+10FFFF
                }
            } else {
                out.append('\uFFFD');
                i++;
                continue;
            }
            int j = i + 1;
            int got = 0;
            while (got < need && j < length) {
                int b = bytes[j] & 0xFF;
                boolean ok = got == 0 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
                if (!ok) {
                    break;
                }
                cp = (cp << 6) | (b & 0x3F);
                j++;
                got++;
            }
            if (got == need) {
                out.appendCodePoint(cp);
            } else {
                out.append('\uFFFD');
            }
            i = j;
        }
        return out.toString();
    }
}
