package org.attentionlab.robustness;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.attentionlab.domain.LabException;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.engine.Models;
import org.attentionlab.engine.bert.BertConfig;
import org.attentionlab.engine.gpt2.Gpt2Config;
import org.attentionlab.engine.seq2seq.Seq2SeqConfig;
import org.attentionlab.io.safetensors.Checkpoints;
import org.attentionlab.io.safetensors.SafeTensorsFile;
import org.attentionlab.io.safetensors.SafeTensorsWriter;
import org.attentionlab.io.safetensors.TensorSource;
import org.attentionlab.io.tokenizer.Tokenizer;
import org.attentionlab.io.tokenizer.Tokenizers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutation fuzzing of the safetensors reader, the shard index, config parsing and both
 * tokenizers (issue 16). Every outcome must be success or the project's own
 * {@link LabException}; each case runs on a worker thread with a time bound, so a hang fails the
 * test (naming the seed and case) instead of stalling the build. The same seed gives the same
 * cases, so a failure can be replayed.
 */
class FuzzTest {
    private static final long SEED = 16;
    /** Far above any single case (they take about a millisecond); only a hang reaches it. */
    private static final long BOUND_MS = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @TempDir
    static Path tmp;
    private static ExecutorService worker;
    private static Tokenizer bert;
    private static Tokenizer gpt;

    private final Random random = new Random(SEED);
    private int succeeded;
    private int refused;

    @BeforeAll
    static void start() {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-case");
            t.setDaemon(true); // a hung case must not keep the test JVM alive
            return t;
        });
        bert = Tokenizers.load(MalformedCorpus.SAMPLES.resolve("tiny-bert"), ModelKind.BERT);
        gpt = Tokenizers.load(MalformedCorpus.SAMPLES.resolve("tiny-gpt"), ModelKind.GPT2);
    }

    @AfterAll
    static void stop() {
        worker.shutdownNow();
    }

    /** Runs one case under the time bound; success or a LabException pass, anything else fails. */
    private void check(String what, int index, ThrowingRunnable work) {
        Future<?> f = worker.submit(() -> {
            work.run();
            return null;
        });
        try {
            f.get(BOUND_MS, TimeUnit.MILLISECONDS);
            succeeded++;
        } catch (TimeoutException e) {
            f.cancel(true);
            fail(what + " case " + index + " (seed " + SEED + ") ran past " + BOUND_MS + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LabException lab) {
                assertTrue(!lab.problem().isBlank(), what + " case " + index + ": empty problem");
                refused++;
            } else {
                throw new AssertionError(what + " case " + index + " (seed " + SEED + ") threw " + cause, cause);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    // ----- mutations ------------------------------------------------------------------------

    private JsonNode hostileValue() {
        return switch (random.nextInt(30)) {
            case 0 -> NODES.numberNode(0);
            case 1 -> NODES.numberNode(-1);
            case 2 -> NODES.numberNode(Integer.MAX_VALUE);
            case 3 -> NODES.numberNode(1L << 31);
            case 4 -> NODES.numberNode(Long.MAX_VALUE);
            case 5 -> NODES.numberNode(new BigInteger("9223372036854775808"));
            case 6 -> NODES.numberNode(new BigInteger("18446744073709551616"));
            case 7 -> NODES.numberNode(Long.MIN_VALUE);
            case 8 -> NODES.numberNode(1e308);
            case 9 -> NODES.numberNode(-1e308);
            case 10 -> NODES.numberNode(0.5);
            case 11 -> NODES.numberNode(2.5);
            case 12 -> NODES.textNode("");
            case 13 -> NODES.textNode("x");
            case 14 -> NODES.textNode("F32");
            case 15 -> NODES.textNode("f32");
            case 16 -> NODES.textNode("I64");
            case 17 -> NODES.textNode("\u0000/../" + "\ud800");
            case 18 -> NODES.textNode("y".repeat(10_000));
            case 19 -> NODES.nullNode();
            case 20 -> NODES.booleanNode(true);
            case 21 -> NODES.arrayNode();
            case 22 -> NODES.objectNode();
            case 23 -> NODES.arrayNode().add(1).add(2);
            case 24 -> NODES.arrayNode().add(1L << 40).add(1L << 40).add(0);
            case 25 -> NODES.objectNode().put("a", "b");
            case 26 -> {
                ArrayNode deep = NODES.arrayNode();
                ArrayNode cur = deep;
                for (int i = 0; i < 200; i++) {
                    cur = cur.addArray();
                }
                yield deep;
            }
            case 27 -> NODES.numberNode(random.nextInt(4096));
            case 28 -> NODES.numberNode(-random.nextInt(100));
            default -> NODES.numberNode(random.nextLong());
        };
    }

    /** Every container node of a tree, so that a mutation can pick any depth. */
    private static void containers(JsonNode n, List<ContainerNode<?>> out) {
        if (n instanceof ContainerNode<?> c) {
            out.add(c);
            n.forEach(child -> containers(child, out));
        }
    }

    /** One to three random edits: replace, remove or add a value, or rename a key, at any depth. */
    private JsonNode mutate(JsonNode original) {
        JsonNode tree = original.deepCopy();
        int edits = 1 + random.nextInt(3);
        for (int k = 0; k < edits; k++) {
            List<ContainerNode<?>> all = new ArrayList<>();
            containers(tree, all);
            ContainerNode<?> c = all.get(random.nextInt(all.size()));
            if (c instanceof ObjectNode o && o.size() > 0) {
                List<String> names = new ArrayList<>();
                o.fieldNames().forEachRemaining(names::add);
                String name = names.get(random.nextInt(names.size()));
                switch (random.nextInt(4)) {
                    case 0 -> o.remove(name);
                    case 1 -> o.set(random.nextBoolean() ? name : "k" + random.nextInt(5), hostileValue());
                    case 2 -> o.set(name.toLowerCase() + (random.nextBoolean() ? "\u0000" : "_"), o.remove(name));
                    default -> o.set(name, hostileValue());
                }
            } else if (c instanceof ArrayNode a && a.size() > 0) {
                int i = random.nextInt(a.size());
                switch (random.nextInt(3)) {
                    case 0 -> a.remove(i);
                    case 1 -> a.insert(i, hostileValue());
                    default -> a.set(i, hostileValue());
                }
            } else if (c instanceof ArrayNode a) {
                a.add(hostileValue());
            }
        }
        return tree;
    }

    /** Text-level damage to JSON: a duplicated key, a cut, or a stray character. */
    private String damageText(String json) {
        return switch (random.nextInt(4)) {
            case 0 -> {
                int brace = json.indexOf('{');
                int colon = json.indexOf(':', brace);
                int comma = json.indexOf(',', colon);
                yield comma < 0 ? json : json.substring(0, brace + 1) + json.substring(brace + 1, comma + 1) + json.substring(brace + 1);
            }
            case 1 -> json.substring(0, random.nextInt(json.length() + 1));
            case 2 -> {
                int at = random.nextInt(json.length() + 1);
                yield json.substring(0, at) + "\"{}[],:\\\u0000\ud800".charAt(random.nextInt(10)) + json.substring(at);
            }
            default -> json.replaceFirst("\\d", String.valueOf(random.nextInt(10)));
        };
    }

    private String randomText() {
        String[] pieces = {"a", "the", " ", "  ", "\t", "\n", "[MASK]", "[CLS]", "[SEP]", "<|endoftext|>", "##", "Ġ", "\u0000",
                "\u200d", "\ud83d\udc69", "\ud800", "\udc00", "\u0301", "\u05e9", "\u202e", "\ufeff", "\u03a3", "\u4e2d",
                "'s", "n't", "123", ".", "\u00e9", "\ufffd", "x".repeat(150)};
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(40);
        for (int i = 0; i < n; i++) {
            b.append(pieces[random.nextInt(pieces.length)]);
        }
        return b.toString();
    }

    private static void exercise(Tokenizer t, String text) {
        var e = t.encode(text);
        t.decode(e.ids());
        for (int id : e.ids()) {
            t.token(id);
        }
        t.spans(text);
        t.encodePair(text, "b");
    }

    /** Writes text as UTF-8; a lone surrogate becomes '?' as String.getBytes does, so hostile text still lands on disk. */
    private static void write(Path file, String text) throws IOException {
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    // ----- targets --------------------------------------------------------------------------

    @Test
    void fuzzEverythingWithinTheTimeBound() throws Exception {
        long t0 = System.nanoTime();
        StringBuilder report = new StringBuilder();
        int total = 0;
        total += timed(report, "safetensors", () -> fuzzSafeTensors(1500));
        total += timed(report, "shard index", () -> fuzzShardIndex(400));
        total += timed(report, "configs", () -> fuzzConfigs(1200));
        total += timed(report, "tokenizer files", () -> fuzzTokenizers(500));
        total += timed(report, "texts", () -> fuzzTexts(1000));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("fuzz: %d cases (%s): %d succeeded, %d refused with a LabException, in %d ms%n",
                total, report.substring(2), succeeded, refused, ms);
        assertTrue(succeeded > 0 && refused > 0, "the mutations should both pass and fail sometimes");
    }

    interface Target {
        int run() throws IOException;
    }

    private static int timed(StringBuilder report, String name, Target target) throws IOException {
        long t0 = System.nanoTime();
        int n = target.run();
        report.append(String.format(", %s %d in %d ms", name, n, (System.nanoTime() - t0) / 1_000_000));
        return n;
    }

    private int fuzzSafeTensors(int n) throws IOException {
        Path good = tmp.resolve("good.safetensors");
        new SafeTensorsWriter().add("a", new float[] {1, 2, 3, 4, 5, 6}, 2, 3).add("b", new float[] {7}, 1)
                .add("empty", new float[0], 0, 4).add("c", new float[] {8, 9}, 2).write(good);
        byte[] bytes = Files.readAllBytes(good);
        long headerLen = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] data = Arrays.copyOfRange(bytes, 8 + (int) headerLen, bytes.length);
        JsonNode header = JSON.readTree(Arrays.copyOfRange(bytes, 8, 8 + (int) headerLen));
        Path p = tmp.resolve("fuzz.safetensors");
        for (int i = 0; i < n; i++) {
            byte[] mutated;
            if (random.nextInt(3) == 0) {
                mutated = bytes.clone();
                switch (random.nextInt(4)) {
                    case 0 -> {
                        for (int k = 0; k < 1 + random.nextInt(4); k++) {
                            mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                        }
                    }
                    case 1 -> mutated = Arrays.copyOf(mutated, random.nextInt(mutated.length));
                    case 2 -> ByteBuffer.wrap(mutated, 0, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(random.nextInt(3) == 0
                            ? random.nextLong() : headerLen + random.nextInt(33) - 16);
                    default -> mutated = Arrays.copyOf(mutated, mutated.length + 1 + random.nextInt(64));
                }
            } else {
                String text = random.nextInt(4) == 0 ? damageText(header.toString()) : mutate(header).toString();
                byte[] h = text.getBytes(StandardCharsets.UTF_8);
                ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
                b.putLong(h.length).put(h).put(data);
                mutated = b.array();
            }
            Files.write(p, mutated);
            check("safetensors", i, () -> {
                try (SafeTensorsFile f = SafeTensorsFile.open(p)) {
                    for (String name : f.names()) {
                        f.info(name).shapeString();
                        f.readFloats(name);
                    }
                }
            });
        }
        return n;
    }

    private int fuzzShardIndex(int n) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("sharded"));
        new SafeTensorsWriter().add("a", new float[] {1, 2}, 2).write(dir.resolve("model-00001-of-00002.safetensors"));
        new SafeTensorsWriter().add("b", new float[] {3}, 1).write(dir.resolve("model-00002-of-00002.safetensors"));
        JsonNode index = JSON.readTree("{\"metadata\": {\"total_size\": 12}, \"weight_map\": {"
                + "\"a\": \"model-00001-of-00002.safetensors\", \"b\": \"model-00002-of-00002.safetensors\"}}");
        for (int i = 0; i < n; i++) {
            String text = random.nextInt(4) == 0 ? damageText(index.toString()) : mutate(index).toString();
            write(dir.resolve("model.safetensors.index.json"), text);
            check("shard index", i, () -> {
                try (TensorSource s = Checkpoints.open(dir)) {
                    for (String name : s.names()) {
                        s.readFloats(name);
                    }
                }
            });
        }
        return n;
    }

    private int fuzzConfigs(int n) throws IOException {
        JsonNode gptConfig = JSON.readTree(MalformedCorpus.SAMPLES.resolve("tiny-gpt/config.json").toFile());
        JsonNode bertConfig = JSON.readTree(MalformedCorpus.SAMPLES.resolve("tiny-bert/config.json").toFile());
        JsonNode s2sConfig = JSON.readTree(MalformedCorpus.SAMPLES.resolve("seq2seq-dot/config.json").toFile());
        Path model = Files.createDirectories(tmp.resolve("config-model"));
        Files.copy(MalformedCorpus.SAMPLES.resolve("tiny-gpt/model.safetensors"), model.resolve("model.safetensors"));
        for (int i = 0; i < n; i++) {
            int which = i % 8 == 7 ? 3 : i % 3; // one in eight is a whole model load
            JsonNode c = mutate(which == 0 ? gptConfig : which == 1 ? bertConfig : which == 2 ? s2sConfig : gptConfig);
            switch (which) {
                case 0 -> check("GPT-2 config", i, () -> Gpt2Config.from(c));
                case 1 -> check("BERT config", i, () -> BertConfig.from(c));
                case 2 -> check("seq2seq config", i, () -> Seq2SeqConfig.fromJson(c));
                default -> {
                    // config against real weights (about 40 ms each)
                    write(model.resolve("config.json"), random.nextInt(5) == 0 ? damageText(c.toString()) : c.toString());
                    check("model load", i, () -> Models.load(model).close());
                }
            }
        }
        return n;
    }

    private int fuzzTokenizers(int n) throws IOException {
        Path bertDir = Files.createDirectories(tmp.resolve("wordpiece"));
        Path gptDir = Files.createDirectories(tmp.resolve("bpe"));
        List<String> vocabTxt = Files.readAllLines(MalformedCorpus.SAMPLES.resolve("tiny-bert/vocab.txt"));
        JsonNode vocabJson = JSON.readTree(MalformedCorpus.SAMPLES.resolve("tiny-gpt/vocab.json").toFile());
        List<String> merges = Files.readAllLines(MalformedCorpus.SAMPLES.resolve("tiny-gpt/merges.txt"));
        JsonNode bertTokConfig = JSON.readTree(MalformedCorpus.SAMPLES.resolve("tiny-bert/tokenizer_config.json").toFile());
        for (int i = 0; i < n; i++) {
            String text = randomText();
            if (i % 2 == 0) {
                List<String> lines = new ArrayList<>(vocabTxt);
                for (int k = 0; k < 1 + random.nextInt(5); k++) {
                    int at = random.nextInt(lines.size());
                    switch (random.nextInt(4)) {
                        case 0 -> lines.remove(at);
                        case 1 -> lines.add(at, lines.get(random.nextInt(lines.size())));
                        case 2 -> lines.set(at, randomText());
                        default -> lines.set(at, "");
                    }
                }
                write(bertDir.resolve("vocab.txt"), String.join("\n", lines) + "\n");
                write(bertDir.resolve("tokenizer_config.json"),
                        random.nextInt(3) == 0 ? mutate(bertTokConfig).toString() : bertTokConfig.toString());
                check("WordPiece files", i, () -> exercise(Tokenizers.load(bertDir, ModelKind.BERT), text));
            } else {
                write(gptDir.resolve("vocab.json"), random.nextInt(2) == 0 ? mutate(vocabJson).toString() : vocabJson.toString());
                List<String> m = new ArrayList<>(merges);
                for (int k = 0; k < random.nextInt(4); k++) {
                    int at = 1 + random.nextInt(m.size() - 1);
                    switch (random.nextInt(4)) {
                        case 0 -> m.remove(at);
                        case 1 -> m.set(at, randomText());
                        case 2 -> m.set(at, m.get(at).replace(' ', '\u0000'));
                        default -> m.add(at, m.get(random.nextInt(m.size())));
                    }
                }
                write(gptDir.resolve("merges.txt"), String.join("\n", m) + "\n");
                check("byte-level BPE files", i, () -> exercise(Tokenizers.load(gptDir, ModelKind.GPT2), text));
            }
        }
        return n;
    }

    private int fuzzTexts(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            String text = randomText();
            Tokenizer t = i % 2 == 0 ? bert : gpt;
            check("text", i, () -> exercise(t, text));
        }
        return n;
    }
}
