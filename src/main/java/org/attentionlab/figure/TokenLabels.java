package org.attentionlab.figure;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.attentionlab.domain.ModelKind;

/**
 * How a token is labelled on screen and in figures, so that a student sees what the model saw.
 *
 * <p>WordPiece tokens are shown as they are ({@code ##ing} marks a piece that continues a
 * word). GPT-2's byte-level tokens spell each byte as a printable character ({@code Ġ} is a
 * space, {@code Ċ} a newline); they are turned back into text with the space drawn as
 * {@code ␣} and line breaks as {@code ↵}, so a leading space stays visible. A token that is
 * only part of a multi-byte character keeps its raw spelling.
 */
public final class TokenLabels {
    /** Maps GPT-2's printable stand-in characters (U+0000..U+0143) back to the bytes they spell. */
    private static final int[] BYTE_OF_CHAR = new int[324];

    static {
        java.util.Arrays.fill(BYTE_OF_CHAR, -1);
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
            if (printable) {
                BYTE_OF_CHAR[b] = b;
            } else {
                BYTE_OF_CHAR[next++] = b;
            }
        }
    }

    private TokenLabels() {
    }

    /** The labels to draw for {@code tokens} from a model of {@code kind}, in order. */
    static List<String> displayAll(List<String> tokens, ModelKind kind) {
        List<String> out = new ArrayList<>(tokens.size());
        for (String t : tokens) {
            out.add(display(t, kind));
        }
        return out;
    }

    /** The label to draw for {@code token} from a model of {@code kind}. */
    public static String display(String token, ModelKind kind) {
        if (kind != ModelKind.GPT2) {
            return token;
        }
        byte[] bytes = new byte[token.length()];
        for (int i = 0; i < token.length(); i++) {
            char ch = token.charAt(i);
            int b = ch < BYTE_OF_CHAR.length ? BYTE_OF_CHAR[ch] : -1;
            if (b < 0) {
                return token; // a special token such as <|endoftext|> has no byte spelling
            }
            bytes[i] = (byte) b;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return token;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case ' ' -> out.append('\u2423');
                case '\n' -> out.append('\u21b5');
                case '\r' -> out.append("\\r");
                case '\t' -> out.append('\u2192');
                default -> out.append(Character.isISOControl(c) ? String.format("\\x%02x", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
