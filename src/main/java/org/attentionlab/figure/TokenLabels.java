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
 * {@code ␣} and line breaks as {@code ↵}, so a leading space stays visible.
 *
 * <p>A character of several bytes (an emoji, a Chinese character, sometimes an accented letter)
 * may be split over consecutive GPT-2 tokens, none of which is text on its own. Labelled as a
 * sequence ({@link #displayAll}), each such token shows the whole character with its part:
 * {@code 😀(1/2)}, {@code 😀(2/2)}. Alone ({@link #display}), a fragment keeps its raw spelling.
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

    /** A character split over tokens is marked with its part, as in {@code 😀(1/2)}. */
    private static final String PART = "(%d/%d)";
    /** The most tokens one character is looked for across (a character has at most 4 bytes). */
    private static final int MAX_SPAN = 4;

    /**
     * The labels to draw for {@code tokens} from a model of {@code kind}, in order. GPT-2 tokens
     * that each hold part of one character are labelled with that character and their part.
     */
    public static List<String> displayAll(List<String> tokens, ModelKind kind) {
        List<String> out = new ArrayList<>(tokens.size());
        int i = 0;
        while (i < tokens.size()) {
            int end = kind == ModelKind.GPT2 ? splitCharacterEnd(tokens, i) : -1;
            if (end < 0) {
                out.add(display(tokens.get(i), kind));
                i++;
            } else {
                out.addAll(splitLabels(tokens.subList(i, end + 1)));
                i = end + 1;
            }
        }
        return out;
    }

    /** The label of token {@code i} of {@code tokens}, as {@link #displayAll} draws it. */
    public static String displayAt(List<String> tokens, int i, ModelKind kind) {
        if (kind != ModelKind.GPT2) {
            return display(tokens.get(i), kind);
        }
        int from = Math.max(0, i - MAX_SPAN + 1);
        return displayAll(tokens.subList(from, Math.min(tokens.size(), i + MAX_SPAN)), kind).get(i - from);
    }

    /** A character that GPT-2 split over {@code tokens} consecutive tokens. */
    public record SplitCharacter(String character, int tokens) {
    }

    /** The first character of {@code tokens} that is split over several tokens, or null (so a legend can explain the parts). */
    public static SplitCharacter firstSplitCharacter(List<String> tokens, ModelKind kind) {
        if (kind != ModelKind.GPT2) {
            return null;
        }
        for (int i = 0; i < tokens.size(); i++) {
            int end = splitCharacterEnd(tokens, i);
            if (end >= 0) {
                List<String> group = tokens.subList(i, end + 1);
                java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
                group.forEach(t -> joined.writeBytes(bytesOf(t)));
                String text = utf8(joined.toByteArray());
                // the character whose bytes start in the group's first token and end in a later one
                int at = 0;
                for (int c = 0; c < text.length(); c += Character.charCount(text.codePointAt(c))) {
                    String ch = new String(Character.toChars(text.codePointAt(c)));
                    at += ch.getBytes(StandardCharsets.UTF_8).length;
                    if (at > bytesOf(group.get(0)).length) {
                        int spans = 1;
                        for (int covered = bytesOf(group.get(0)).length; covered < at; spans++) {
                            covered += bytesOf(group.get(spans)).length;
                        }
                        return new SplitCharacter(ch, spans);
                    }
                }
            }
        }
        return null;
    }

    /** True when some character of {@code tokens} is split over several tokens. */
    public static boolean hasSplitCharacters(List<String> tokens, ModelKind kind) {
        return firstSplitCharacter(tokens, kind) != null;
    }

    /**
     * When token {@code i} is not text on its own but tokens {@code i..end} together are, the
     * index {@code end}; otherwise -1.
     */
    private static int splitCharacterEnd(List<String> tokens, int i) {
        byte[] first = bytesOf(tokens.get(i));
        if (first == null || utf8(first) != null) {
            return -1;
        }
        java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
        joined.writeBytes(first);
        for (int j = i + 1; j < Math.min(tokens.size(), i + MAX_SPAN); j++) {
            byte[] next = bytesOf(tokens.get(j));
            if (next == null) {
                return -1;
            }
            joined.writeBytes(next);
            if (utf8(joined.toByteArray()) != null) {
                return j;
            }
        }
        return -1;
    }

    /** Labels of tokens that together decode: each shows its characters, a split one with its part. */
    private static List<String> splitLabels(List<String> group) {
        int[] tokenStart = new int[group.size() + 1];
        java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
        for (int k = 0; k < group.size(); k++) {
            tokenStart[k] = joined.size();
            joined.writeBytes(bytesOf(group.get(k)));
        }
        tokenStart[group.size()] = joined.size();
        String text = utf8(joined.toByteArray());
        StringBuilder[] labels = new StringBuilder[group.size()];
        for (int k = 0; k < labels.length; k++) {
            labels[k] = new StringBuilder();
        }
        int at = 0;
        for (int c = 0; c < text.length(); ) {
            int cp = text.codePointAt(c);
            String ch = new String(Character.toChars(cp));
            int len = ch.getBytes(StandardCharsets.UTF_8).length;
            int firstToken = tokenOf(tokenStart, at);
            int lastToken = tokenOf(tokenStart, at + len - 1);
            for (int k = firstToken; k <= lastToken; k++) {
                labels[k].append(visible(ch));
                if (lastToken > firstToken) {
                    labels[k].append(String.format(java.util.Locale.ROOT, PART, k - firstToken + 1, lastToken - firstToken + 1));
                }
            }
            at += len;
            c += Character.charCount(cp);
        }
        List<String> out = new ArrayList<>(labels.length);
        for (StringBuilder l : labels) {
            out.add(l.toString());
        }
        return out;
    }

    /** The token (index into {@code starts}) that holds byte {@code b}. */
    private static int tokenOf(int[] starts, int b) {
        int k = 0;
        while (k + 1 < starts.length - 1 && starts[k + 1] <= b) {
            k++;
        }
        return k;
    }

    /** The bytes a GPT-2 token spells, or null for a special token. */
    private static byte[] bytesOf(String token) {
        byte[] bytes = new byte[token.length()];
        for (int i = 0; i < token.length(); i++) {
            char ch = token.charAt(i);
            int b = ch < BYTE_OF_CHAR.length ? BYTE_OF_CHAR[ch] : -1;
            if (b < 0) {
                return null;
            }
            bytes[i] = (byte) b;
        }
        return bytes;
    }

    /** {@code bytes} as UTF-8 text, or null when they are not whole characters. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Text with spaces, line breaks, tabs and control characters drawn visibly. */
    private static String visible(String text) {
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

    /** The label to draw for {@code token} from a model of {@code kind}. */
    public static String display(String token, ModelKind kind) {
        if (kind != ModelKind.GPT2) {
            return token;
        }
        byte[] bytes = bytesOf(token);
        if (bytes == null) {
            return token; // a special token such as <|endoftext|> has no byte spelling
        }
        String text = utf8(bytes);
        return text == null ? token : visible(text);
    }
}
