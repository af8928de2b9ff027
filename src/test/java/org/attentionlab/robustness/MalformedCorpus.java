package org.attentionlab.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.attentionlab.engine.SafeTensorsWriter;

/**
 * The malformed-input corpus of issue 16, generated into a folder by code (no committed binaries):
 * broken weights, shard indexes, configs, vocabularies and files, each a copy of a shipped sample
 * model with one thing wrong, plus odd texts. {@link MalformedCorpusTest} runs every case through
 * the same loaders the app and the CLI use.
 */
public final class MalformedCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where the shipped sample models are (tests run from the project folder). */
    public static final Path SAMPLES = Path.of("sample-models");

    /** What a case should do: be refused with a message, load, or either (but never crash or hang). */
    public enum Expect { REFUSED, LOADS, EITHER }

    /** The kind of loader a folder goes through. */
    public enum Loader { TRANSFORMER, SEQ2SEQ }

    /** One broken model folder. */
    public record Case(String name, Path folder, Loader loader, Expect expect) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** One odd text, and a short label for the test name. */
    public record Text(String label, String text) {
        @Override
        public String toString() {
            return label;
        }
    }

    private final Path root;
    private final List<Case> cases = new ArrayList<>();
    private final boolean fifos;

    private MalformedCorpus(Path root) {
        this.root = root;
        this.fifos = canMakeFifos(root);
    }

    /** Writes every case under {@code root} and returns them. */
    public static List<Case> generate(Path root) throws IOException {
        MalformedCorpus c = new MalformedCorpus(root);
        c.weights();
        c.shards();
        c.configs();
        c.vocabularies();
        c.files();
        c.seq2seq();
        return c.cases;
    }

    /** The odd texts every model is given. */
    public static List<Text> texts() {
        return List.of(
                new Text("empty", ""),
                new Text("whitespace", " \t\n\u00a0\u3000 "),
                new Text("control characters", "a\u0000b\u0001c\u0007 \u001b[31mred\u001b[0m \u007f"),
                new Text("lone high surrogate", "before \ud800 after"),
                new Text("lone low surrogate", "\udc00 first"),
                new Text("reversed surrogates", "x\udc00\ud800y"),
                new Text("right-to-left", "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 \u202eoverride\u202c done"),
                new Text("emoji sequences", "\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67 \ud83c\udff3\ufe0f\u200d\ud83c\udf08 \ud83d\udc4d\ud83c\udffd"),
                new Text("combining marks", "e\u0301\u0301\u0301\u0301 a\u0308\u0323 " + "o" + "\u0300".repeat(500)),
                new Text("1 MB of one character", "a".repeat(1 << 20)),
                new Text("1 MB of spaced characters", "a ".repeat(1 << 19)),
                new Text("many [MASK]", "[MASK] ".repeat(600)),
                new Text("60000 capital sigmas", "\u03a3".repeat(60_000)),
                new Text("byte order mark", "\ufeffhello"),
                new Text("one [MASK]", "the cat sat on the [MASK] ."));
    }

    // ----- helpers --------------------------------------------------------------------------

    private Path copy(String sample, String caseName) throws IOException {
        Path dir = root.resolve(caseName.replaceAll("[^A-Za-z0-9._-]", "_"));
        Files.createDirectories(dir);
        try (var s = Files.list(SAMPLES.resolve(sample))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.copy(p, dir.resolve(p.getFileName()));
            }
        }
        return dir;
    }

    private Path add(String name, String sample, Loader loader, Expect expect) throws IOException {
        Path dir = copy(sample, name);
        cases.add(new Case(name, dir, loader, expect));
        return dir;
    }

    private Path gpt(String name, Expect expect) throws IOException {
        return add(name, "tiny-gpt", Loader.TRANSFORMER, expect);
    }

    private Path bert(String name, Expect expect) throws IOException {
        return add(name, "tiny-bert", Loader.TRANSFORMER, expect);
    }

    /** The length field, header and data section of a safetensors file. */
    record Parts(long declared, byte[] header, byte[] data) {
        static Parts of(Path file) throws IOException {
            byte[] all = Files.readAllBytes(file);
            long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            return new Parts(n, Arrays.copyOfRange(all, 8, 8 + (int) n), Arrays.copyOfRange(all, 8 + (int) n, all.length));
        }

        ObjectNode json() throws IOException {
            return (ObjectNode) JSON.readTree(header);
        }

        void write(Path file) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(declared).put(header).put(data);
            Files.write(file, b.array());
        }

        Parts withHeader(String text) {
            byte[] h = text.getBytes(StandardCharsets.UTF_8);
            return new Parts(h.length, h, data);
        }
    }

    private static Parts parts(Path dir) throws IOException {
        return Parts.of(dir.resolve("model.safetensors"));
    }

    /** Rewrites the header after {@code edit}; the data section is kept. */
    private static void editHeader(Path dir, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        Parts p = parts(dir);
        ObjectNode h = p.json();
        edit.accept(h);
        p.withHeader(JSON.writeValueAsString(h)).write(dir.resolve("model.safetensors"));
    }

    /** The header entry of the first tensor (not __metadata__). */
    private static ObjectNode firstTensor(ObjectNode header) {
        Iterator<Map.Entry<String, JsonNode>> it = header.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("__metadata__")) {
                return (ObjectNode) e.getValue();
            }
        }
        throw new IllegalStateException("no tensor");
    }

    private static ObjectNode tensorAt(ObjectNode header, long begin) {
        Iterator<Map.Entry<String, JsonNode>> it = header.fields();
        while (it.hasNext()) {
            JsonNode v = it.next().getValue();
            if (v.has("data_offsets") && v.get("data_offsets").get(0).asLong() == begin) {
                return (ObjectNode) v;
            }
        }
        throw new IllegalStateException("no tensor at " + begin);
    }

    private static void editConfig(Path dir, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        ObjectNode c = (ObjectNode) JSON.readTree(dir.resolve("config.json").toFile());
        edit.accept(c);
        JSON.writeValue(dir.resolve("config.json").toFile(), c);
    }

    private static boolean canMakeFifos(Path root) {
        try {
            Files.createDirectories(root);
            Path probe = root.resolve(".fifo-probe");
            boolean ok = new ProcessBuilder("mkfifo", probe.toString()).start().waitFor() == 0;
            Files.deleteIfExists(probe);
            return ok;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void fifo(Path p) throws IOException {
        Files.delete(p);
        try {
            if (new ProcessBuilder("mkfifo", p.toString()).start().waitFor() != 0) {
                throw new IOException("mkfifo failed for " + p);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void replaceWith(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
    }

    // ----- the cases ------------------------------------------------------------------------

    private void weights() throws IOException {
        Path d = gpt("weights truncated", Expect.REFUSED);
        byte[] all = Files.readAllBytes(d.resolve("model.safetensors"));
        replaceWith(d.resolve("model.safetensors"), Arrays.copyOf(all, all.length - 10));

        d = gpt("weights only 5 bytes", Expect.REFUSED);
        replaceWith(d.resolve("model.safetensors"), new byte[] {1, 2, 3, 4, 5});

        d = gpt("weights empty file", Expect.REFUSED);
        replaceWith(d.resolve("model.safetensors"), new byte[0]);

        for (long declared : new long[] {1L << 62, -5, Long.MIN_VALUE, 0}) {
            d = gpt("header length " + declared, Expect.REFUSED);
            Parts p = parts(d);
            new Parts(declared, p.header(), p.data()).write(d.resolve("model.safetensors"));
        }
        d = gpt("header length past the end", Expect.REFUSED);
        Parts p = parts(d);
        new Parts(p.header().length + p.data().length + 100, p.header(), p.data()).write(d.resolve("model.safetensors"));

        d = gpt("header not JSON", Expect.REFUSED);
        parts(d).withHeader("{\"a\": [1, 2,").write(d.resolve("model.safetensors"));
        d = gpt("header a JSON array", Expect.REFUSED);
        parts(d).withHeader("[1, 2, 3]").write(d.resolve("model.safetensors"));
        d = gpt("header JSON null", Expect.REFUSED);
        parts(d).withHeader("null").write(d.resolve("model.safetensors"));
        d = gpt("header not UTF-8", Expect.REFUSED);
        Parts bad = parts(d);
        byte[] h = bad.header().clone();
        h[2] = (byte) 0xff;
        new Parts(bad.declared(), h, bad.data()).write(d.resolve("model.safetensors"));

        editHeader(gpt("shape a string", Expect.REFUSED), h2 -> firstTensor(h2).put("shape", "96"));
        editHeader(gpt("shape fractional", Expect.REFUSED), h2 -> firstTensor(h2).putArray("shape").add(1.5));
        editHeader(gpt("dtype a number", Expect.REFUSED), h2 -> firstTensor(h2).put("dtype", 32));
        editHeader(gpt("entry not an object", Expect.REFUSED), h2 -> h2.put(h2.fieldNames().next(), 7));
        editHeader(gpt("offsets an object", Expect.REFUSED), h2 -> firstTensor(h2).putObject("data_offsets"));
        editHeader(gpt("offsets out of range", Expect.REFUSED), h2 -> {
            ObjectNode t = firstTensor(h2);
            long end = t.get("data_offsets").get(1).asLong();
            t.putArray("data_offsets").add(end + 1_000_000).add(end + 2_000_000);
        });
        editHeader(gpt("offsets reversed", Expect.REFUSED), h2 -> {
            ObjectNode t = firstTensor(h2);
            JsonNode o = t.get("data_offsets");
            t.putArray("data_offsets").add(o.get(1).asLong()).add(o.get(0).asLong());
        });
        editHeader(gpt("offsets beyond 2^64", Expect.REFUSED), h2 -> firstTensor(h2).putArray("data_offsets")
                .add(new java.math.BigInteger("18446744073709551616")).add(new java.math.BigInteger("18446744073709551620")));
        editHeader(gpt("tensors overlapping", Expect.REFUSED), h2 -> {
            ObjectNode second = tensorAt(h2, firstTensor(h2).get("data_offsets").get(1).asLong());
            JsonNode o = second.get("data_offsets");
            second.putArray("data_offsets").add(o.get(0).asLong() - 4).add(o.get(1).asLong() - 4);
        });
        d = gpt("bytes left uncovered", Expect.REFUSED);
        p = parts(d);
        new Parts(p.declared(), p.header(), Arrays.copyOf(p.data(), p.data().length + 64)).write(d.resolve("model.safetensors"));
        editHeader(gpt("dtype unknown", Expect.REFUSED), h2 -> firstTensor(h2).put("dtype", "F33"));
        editHeader(gpt("dtype lower case", Expect.REFUSED), h2 -> firstTensor(h2).put("dtype", "f32"));
        editHeader(gpt("dtype integer", Expect.REFUSED), h2 -> firstTensor(h2).put("dtype", "I32"));
        editHeader(gpt("shape and bytes disagree", Expect.REFUSED), h2 -> {
            ObjectNode t = firstTensor(h2);
            var shape = t.withArray("shape");
            shape.set(0, shape.get(0).asLong() + 1);
        });
        editHeader(gpt("element count overflows", Expect.REFUSED), h2 ->
                firstTensor(h2).putArray("shape").add(1L << 40).add(1L << 40).add(0));
        editHeader(gpt("metadata not strings", Expect.REFUSED), h2 -> h2.putObject("__metadata__").put("format", 1));
        d = gpt("header names a tensor twice", Expect.REFUSED);
        p = parts(d);
        String text = new String(p.header(), StandardCharsets.UTF_8).strip();
        String firstEntry = JSON.writeValueAsString(firstTensor(p.json()));
        String firstName = p.json().fieldNames().next();
        parts(d).withHeader(text.substring(0, text.length() - 1) + ",\"" + firstName + "\":" + firstEntry + "}")
                .write(d.resolve("model.safetensors"));

        d = gpt("tensor missing", Expect.REFUSED);
        SafeTensorsWriter.copyOf(d.resolve("model.safetensors")).remove("transformer.h.0.ln_1.bias").write(d.resolve("model.safetensors"));
        d = gpt("extra tensor", Expect.LOADS);
        SafeTensorsWriter.copyOf(d.resolve("model.safetensors")).put("extra.unused", new long[] {2}, new float[] {1, 2})
                .write(d.resolve("model.safetensors"));
        d = gpt("NaN weights", Expect.REFUSED); // loads, then refused when run
        float[] nan = new float[96];
        Arrays.fill(nan, Float.NaN);
        SafeTensorsWriter.copyOf(d.resolve("model.safetensors")).put("transformer.h.1.ln_1.bias", new long[] {96}, nan)
                .write(d.resolve("model.safetensors"));
        d = bert("Inf weights", Expect.REFUSED); // loads, then refused when run
        float[] inf = new float[96];
        Arrays.fill(inf, Float.POSITIVE_INFINITY);
        SafeTensorsWriter.copyOf(d.resolve("model.safetensors")).put("bert.encoder.layer.2.attention.output.dense.bias",
                new long[] {96}, inf).write(d.resolve("model.safetensors"));

        // a 2 GB tensor the model does not use, in a sparse file (no disk is used for the zeros)
        d = gpt("sparse 2 GB weights file", Expect.EITHER);
        p = parts(d);
        ObjectNode header = p.json();
        long dataLength = p.data().length;
        long big = 600_000_000L;
        header.putObject("extra.huge").put("dtype", "F32").<ObjectNode>set("shape", JSON.createArrayNode().add(big))
                .putArray("data_offsets").add(dataLength).add(dataLength + 4 * big);
        Parts withBig = p.withHeader(JSON.writeValueAsString(header));
        withBig.write(d.resolve("model.safetensors"));
        try (RandomAccessFile f = new RandomAccessFile(d.resolve("model.safetensors").toFile(), "rw")) {
            f.setLength(8 + withBig.header().length + dataLength + 4 * big);
        }
    }

    private void shards() throws IOException {
        String[][] hostile = {
                {"shard index missing shard", "\"model-00002.safetensors\""},
                {"shard name with NUL", "\"model\\u0000.safetensors\""},
                {"shard name leaving the folder", "\"../tiny-gpt/model.safetensors\""},
                {"shard name absolute", "\"/etc/passwd\""},
                {"shard name empty", "\"\""},
                {"shard name a number", "42"},
                {"shard name the folder itself", "\".\""},
                {"shard name with newline", "\"model\\n.safetensors\""}};
        for (String[] h : hostile) {
            Path d = gpt(h[0], Expect.REFUSED);
            Files.move(d.resolve("model.safetensors"), d.resolve("model-00001.safetensors"));
            Files.writeString(d.resolve("model.safetensors.index.json"), "{\"weight_map\": {\"transformer.wte.weight\": " + h[1] + "}}");
        }
        Path d = gpt("shard index duplicate key", Expect.REFUSED);
        Files.move(d.resolve("model.safetensors"), d.resolve("model-00001.safetensors"));
        Files.writeString(d.resolve("model.safetensors.index.json"), "{\"weight_map\": {\"transformer.wte.weight\": \"model-00001.safetensors\","
                + " \"transformer.wte.weight\": \"model-00001.safetensors\"}}");
        d = gpt("shard index not JSON", Expect.REFUSED);
        Files.move(d.resolve("model.safetensors"), d.resolve("model-00001.safetensors"));
        Files.writeString(d.resolve("model.safetensors.index.json"), "{\"weight_map\": ");
        d = gpt("shard index without weight_map", Expect.REFUSED);
        Files.move(d.resolve("model.safetensors"), d.resolve("model-00001.safetensors"));
        Files.writeString(d.resolve("model.safetensors.index.json"), "{\"metadata\": {}}");
    }

    private void configs() throws IOException {
        Files.delete(gpt("config missing", Expect.REFUSED).resolve("config.json"));
        Files.writeString(gpt("config not JSON", Expect.REFUSED).resolve("config.json"), "{\"n_embd\": 96,");
        Files.writeString(gpt("config a JSON array", Expect.REFUSED).resolve("config.json"), "[]");
        Files.writeString(gpt("config empty file", Expect.REFUSED).resolve("config.json"), "");
        editConfig(gpt("config zero layers", Expect.REFUSED), c -> c.put("n_layer", 0));
        editConfig(gpt("config zero heads", Expect.REFUSED), c -> c.put("n_head", 0));
        editConfig(gpt("config negative hidden size", Expect.REFUSED), c -> c.put("n_embd", -96));
        editConfig(gpt("config hidden size 30000", Expect.REFUSED), c -> c.put("n_embd", 30000).putNull("n_inner"));
        editConfig(gpt("config huge positions", Expect.REFUSED), c -> c.put("n_positions", Integer.MAX_VALUE));
        editConfig(gpt("config size beyond int", Expect.REFUSED), c -> c.put("vocab_size", 1L << 40));
        editConfig(gpt("config size a string", Expect.REFUSED), c -> c.put("n_layer", "3"));
        editConfig(gpt("config size fractional", Expect.REFUSED), c -> c.put("n_layer", 2.5));
        editConfig(gpt("config heads do not divide hidden", Expect.REFUSED), c -> c.put("n_head", 5));
        editConfig(gpt("config disagrees with weights", Expect.REFUSED), c -> c.put("n_layer", 4));
        editConfig(gpt("config unknown model type", Expect.REFUSED), c -> c.put("model_type", "llama"));
        editConfig(bert("bert config zero vocab", Expect.REFUSED), c -> c.put("vocab_size", 0));
        editConfig(bert("bert config hidden size 30000", Expect.REFUSED), c -> c.put("hidden_size", 30000).put("intermediate_size", 120000));
        editConfig(bert("bert config eps negative", Expect.REFUSED), c -> c.put("layer_norm_eps", -1));
    }

    private void vocabularies() throws IOException {
        Files.writeString(bert("vocab.txt empty", Expect.REFUSED).resolve("vocab.txt"), "");
        Path d = bert("vocab.txt without specials", Expect.REFUSED);
        List<String> lines = Files.readAllLines(d.resolve("vocab.txt"));
        Files.write(d.resolve("vocab.txt"), lines.stream().filter(l -> !l.startsWith("[")).toList());
        d = bert("vocab.txt shorter than the embeddings", Expect.LOADS);
        Files.write(d.resolve("vocab.txt"), lines.subList(0, 200));
        Files.write(bert("vocab.txt not UTF-8", Expect.REFUSED).resolve("vocab.txt"), new byte[] {'a', '\n', (byte) 0xc3, '\n'});
        Files.delete(bert("vocab.txt missing", Expect.REFUSED).resolve("vocab.txt"));
        Files.writeString(gpt("vocab.json empty object", Expect.REFUSED).resolve("vocab.json"), "{}");
        Files.writeString(gpt("vocab.json an array", Expect.REFUSED).resolve("vocab.json"), "[\"a\"]");
        Files.writeString(gpt("vocab.json negative id", Expect.REFUSED).resolve("vocab.json"), "{\"a\": -1}");
        Files.writeString(gpt("vocab.json two tokens one id", Expect.REFUSED).resolve("vocab.json"),
                "{\"a\": 0, \"b\": 0, \"<|endoftext|>\": 1}");
        Files.writeString(gpt("merges malformed line", Expect.EITHER).resolve("merges.txt"), "#version: 0.2\nabc\n");
        Files.writeString(gpt("merges with unknown symbols", Expect.EITHER).resolve("merges.txt"), "#version: 0.2\n\u2603 \u2604\n");
        Files.writeString(gpt("merges empty", Expect.EITHER).resolve("merges.txt"), "");
        Files.delete(gpt("merges missing", Expect.REFUSED).resolve("merges.txt"));
        d = gpt("pickle-only folder", Expect.REFUSED);
        Files.delete(d.resolve("model.safetensors"));
        Files.write(d.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2, 'c', 'o', 's', '\n'});
    }

    private void files() throws IOException {
        Path d;
        if (fifos) {
            fifo(gpt("config.json a FIFO", Expect.REFUSED).resolve("config.json"));
            fifo(gpt("model.safetensors a FIFO", Expect.REFUSED).resolve("model.safetensors"));
            fifo(bert("vocab.txt a FIFO", Expect.REFUSED).resolve("vocab.txt"));
            fifo(gpt("merges.txt a FIFO", Expect.REFUSED).resolve("merges.txt"));
            fifo(gpt("tokenizer_config.json a FIFO", Expect.REFUSED).resolve("tokenizer_config.json"));
        }
        if (Files.exists(Path.of("/dev/zero"))) {
            d = gpt("config.json linked to /dev/zero", Expect.REFUSED);
            Files.delete(d.resolve("config.json"));
            Files.createSymbolicLink(d.resolve("config.json"), Path.of("/dev/zero"));
            d = gpt("vocab.json linked to /dev/zero", Expect.REFUSED);
            Files.delete(d.resolve("vocab.json"));
            Files.createSymbolicLink(d.resolve("vocab.json"), Path.of("/dev/zero"));
        }
        d = gpt("config.json a symlink loop", Expect.REFUSED);
        Files.delete(d.resolve("config.json"));
        Files.createSymbolicLink(d.resolve("config.json"), d.resolve("loop.json"));
        Files.createSymbolicLink(d.resolve("loop.json"), d.resolve("config.json"));
        d = gpt("model.safetensors a symlink loop", Expect.REFUSED);
        Files.delete(d.resolve("model.safetensors"));
        Files.createSymbolicLink(d.resolve("model.safetensors"), d.resolve("model.safetensors"));
        d = gpt("config.json a folder", Expect.REFUSED);
        Files.delete(d.resolve("config.json"));
        Files.createDirectory(d.resolve("config.json"));
        d = gpt("model.safetensors a folder", Expect.REFUSED);
        Files.delete(d.resolve("model.safetensors"));
        Files.createDirectory(d.resolve("model.safetensors"));
        d = bert("vocab.txt a folder", Expect.REFUSED);
        Files.delete(d.resolve("vocab.txt"));
        Files.createDirectory(d.resolve("vocab.txt"));
        d = gpt("config.json 100 MB sparse", Expect.REFUSED);
        try (RandomAccessFile f = new RandomAccessFile(d.resolve("config.json").toFile(), "rw")) {
            f.setLength(100L << 20);
        }
    }

    private void seq2seq() throws IOException {
        Path d = add("seq2seq max target length a million", "seq2seq-dot", Loader.SEQ2SEQ, Expect.REFUSED);
        editConfig(d, c -> c.put("max_target_length", 1_000_000));
        d = add("seq2seq hidden size huge", "seq2seq-dot", Loader.SEQ2SEQ, Expect.REFUSED);
        editConfig(d, c -> c.put("hidden_size", 65536).put("tgt_vocab_size", 10_000_000));
        d = add("seq2seq vocabulary wrong size", "seq2seq-dot", Loader.SEQ2SEQ, Expect.REFUSED);
        Files.writeString(d.resolve("tgt_vocab.json"), "[\"<pad>\", \"<s>\", \"</s>\", \"<unk>\"]");
        d = add("seq2seq vocabulary not strings", "seq2seq-dot", Loader.SEQ2SEQ, Expect.REFUSED);
        Files.writeString(d.resolve("src_vocab.json"), "[1, 2, 3]");
        if (fifos) {
            fifo(add("seq2seq vocabulary a FIFO", "seq2seq-dot", Loader.SEQ2SEQ, Expect.REFUSED).resolve("src_vocab.json"));
        }
        d = add("seq2seq NaN weights", "seq2seq-dot", Loader.SEQ2SEQ, Expect.LOADS);
        SafeTensorsWriter w = SafeTensorsWriter.copyOf(d.resolve("model.safetensors"));
        try (var f = org.attentionlab.io.safetensors.SafeTensorsFile.open(d.resolve("model.safetensors"))) {
            String name = f.names().stream().filter(n -> n.startsWith("out")).findFirst().orElseThrow();
            float[] v = f.readFloats(name);
            Arrays.fill(v, Float.NaN);
            w.put(name, f.info(name).shape(), v);
        }
        w.write(d.resolve("model.safetensors"));
    }
}
