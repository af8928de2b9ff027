package org.attentionlab.io.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The real vocabularies (bert-base-uncased, GPT-2) and HuggingFace's golden outputs that
 * tools/golden/tokenizer_fixtures.py wrote, unpacked once per test run into temporary model folders.
 */
final class TokenizerFixtures {
    static final ObjectMapper JSON = new ObjectMapper();
    private static Path bertDir;
    private static Path gpt2Dir;

    private TokenizerFixtures() {
    }

    /** A fresh folder holding bert-base-uncased's vocab.txt (shared; do not modify). */
    static synchronized Path bertDir() {
        if (bertDir == null) {
            bertDir = newDir("bert");
            unpack("bert-base-uncased/vocab.txt.gz", bertDir.resolve("vocab.txt"));
        }
        return bertDir;
    }

    /** A folder holding GPT-2's vocab.json and merges.txt (shared; do not modify). */
    static synchronized Path gpt2Dir() {
        if (gpt2Dir == null) {
            gpt2Dir = newDir("gpt2");
            unpack("gpt2/vocab.json.gz", gpt2Dir.resolve("vocab.json"));
            unpack("gpt2/merges.txt.gz", gpt2Dir.resolve("merges.txt"));
        }
        return gpt2Dir;
    }

    /** A new folder with a copy of {@code source}'s files, for tests that add or break files. */
    static Path copyOf(Path source) {
        Path dir = newDir("copy");
        try (var files = Files.list(source)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    static Path newDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory("attention-lab-tok-" + prefix);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            file.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode golden(String name) {
        try (InputStream in = resource("golden/" + name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).intValue();
        }
        return out;
    }

    static List<TokenSpan> spans(JsonNode array) {
        List<TokenSpan> out = new ArrayList<>();
        array.forEach(p -> out.add(new TokenSpan(p.get(0).intValue(), p.get(1).intValue())));
        return out;
    }

    /** A short printable name for a test case. */
    static String label(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().limit(40).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || Character.getType(cp) == Character.FORMAT
                    || cp == 0x2028 || cp == 0x2029) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return text.codePointCount(0, text.length()) > 40 ? b + "..." : b.toString();
    }

    private static InputStream resource(String path) {
        InputStream in = TokenizerFixtures.class.getResourceAsStream("/tokenizer/" + path);
        if (in == null) {
            throw new IllegalStateException("test resource /tokenizer/" + path + " is missing");
        }
        return in;
    }

    private static void unpack(String gz, Path target) {
        try (InputStream in = new GZIPInputStream(resource(gz))) {
            Files.copy(in, target);
            target.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
