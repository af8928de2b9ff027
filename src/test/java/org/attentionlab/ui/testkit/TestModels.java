package org.attentionlab.ui.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.attentionlab.io.model.ModelLocator;
import org.attentionlab.io.safetensors.SafeTensorsWriter;
import org.attentionlab.service.ModelCatalog;

/**
 * TEST ONLY. Real model folders for driving the app: the HuggingFace-saved tiny BERT and GPT-2
 * of the pipeline golden set (48 positions, real tokenizers, {@code expected.json} holds what
 * HuggingFace computed on them), a BERT with 256 positions for long inputs written here with
 * random weights, and a HuggingFace cache layout holding it.
 *
 * <p>Also a command for the screenshot tool and the benchmark: {@code TestModels DIR} writes
 * {@code DIR/samples/{bert,gpt2}} and {@code DIR/hf-cache}; point the app at them with
 * {@code -Dattentionlab.samples=DIR/samples} and {@code HF_HUB_CACHE=DIR/hf-cache}.
 */
public final class TestModels {
    /** The folder holding the pipeline models ("bert", "gpt2") and expected.json. */
    public static final Path PIPELINE = Path.of("src/test/resources/golden/pipeline");
    public static final Path PIPELINE_BERT = PIPELINE.resolve("bert");
    public static final Path PIPELINE_GPT2 = PIPELINE.resolve("gpt2");

    /** A trained seq2seq sample model (sample-models/). */
    public static final Path SEQ2SEQ_SAMPLE = Path.of("sample-models/seq2seq-dot");

    /** The long-input BERT's name in the HuggingFace cache, as the picker shows it. */
    public static final String LONG_BERT_REPO = "attention-lab/bert-256";
    /** Positions of the long-input BERT. */
    public static final int LONG_POSITIONS = 256;
    /** Its layers and heads: more than the pipeline models' 2 x 4, so switching models changes the ranges. */
    public static final int LONG_LAYERS = 3;
    public static final int LONG_HEADS = 6;
    private static final int LONG_HIDDEN = 48;
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    private TestModels() {
    }

    /**
     * Writes a BertModel folder with 256 positions: config.json, the pipeline BERT's vocab.txt and
     * tokenizer_config.json, and model.safetensors with seeded random weights. The attention
     * matrices are drawn with a large spread (std 0.3) so rows are peaked, as in the golden set.
     */
    public static Path writeLongBert(Path dir) throws IOException {
        Files.createDirectories(dir);
        int h = LONG_HIDDEN;
        int inter = 2 * h;
        List<String> vocab = Files.readAllLines(PIPELINE_BERT.resolve("vocab.txt"), StandardCharsets.UTF_8);
        Files.copy(PIPELINE_BERT.resolve("vocab.txt"), dir.resolve("vocab.txt"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(PIPELINE_BERT.resolve("tokenizer_config.json"), dir.resolve("tokenizer_config.json"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("config.json"), """
                {
                  "architectures": ["BertModel"],
                  "model_type": "bert",
                  "hidden_size": %d,
                  "intermediate_size": %d,
                  "num_hidden_layers": %d,
                  "num_attention_heads": %d,
                  "max_position_embeddings": %d,
                  "type_vocab_size": 2,
                  "vocab_size": %d,
                  "hidden_act": "gelu",
                  "layer_norm_eps": 1e-12,
                  "pad_token_id": 0
                }
                """.formatted(h, inter, LONG_LAYERS, LONG_HEADS, LONG_POSITIONS, vocab.size()));
        Random rnd = new Random(20240517L);
        SafeTensorsWriter w = new SafeTensorsWriter();
        w.add("embeddings.word_embeddings.weight", gaussian(rnd, vocab.size() * h, 1.0), vocab.size(), h);
        w.add("embeddings.position_embeddings.weight", gaussian(rnd, LONG_POSITIONS * h, 0.5), LONG_POSITIONS, h);
        w.add("embeddings.token_type_embeddings.weight", gaussian(rnd, 2 * h, 0.5), 2, h);
        layerNorm(w, "embeddings.LayerNorm", h);
        for (int l = 0; l < LONG_LAYERS; l++) {
            String k = "encoder.layer." + l + ".";
            linear(w, rnd, k + "attention.self.query", h, h, 0.3);
            linear(w, rnd, k + "attention.self.key", h, h, 0.3);
            linear(w, rnd, k + "attention.self.value", h, h, 0.15);
            linear(w, rnd, k + "attention.output.dense", h, h, 0.15);
            layerNorm(w, k + "attention.output.LayerNorm", h);
            linear(w, rnd, k + "intermediate.dense", h, inter, 0.15);
            linear(w, rnd, k + "output.dense", inter, h, 0.15);
            layerNorm(w, k + "output.LayerNorm", h);
        }
        w.write(dir.resolve("model.safetensors"));
        return dir;
    }

    /** A HuggingFace hub cache in {@code root}: the long BERT as {@link #LONG_BERT_REPO}, and a llama the app must not list. */
    public static Path writeHfCache(Path root) throws IOException {
        Path repo = root.resolve("models--" + LONG_BERT_REPO.replace("/", "--"));
        writeLongBert(repo.resolve("snapshots").resolve(COMMIT));
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs").resolve("main"), COMMIT);
        Path llama = root.resolve("models--meta-llama--Llama-tiny").resolve("snapshots").resolve(COMMIT);
        Files.createDirectories(llama);
        Files.writeString(llama.resolve("config.json"), "{\"model_type\": \"llama\"}");
        return root;
    }

    /**
     * The service catalog the tests' app uses: the pipeline models as samples ("bert", "gpt2"),
     * the samples in {@code moreSamples}, then the HuggingFace cache at {@code hfCache}; no other
     * environment is read.
     */
    public static ModelCatalog catalog(Path hfCache, Path... moreSamples) {
        List<Path> roots = new java.util.ArrayList<>(List.of(PIPELINE));
        roots.addAll(List.of(moreSamples));
        return new ModelCatalog(new ModelLocator(Map.of("HF_HUB_CACHE", hfCache.toString()), hfCache.resolve("no-home"), roots));
    }

    /** A shipped seq2seq sample, copied into {@code samples}: a model of a kind the window's lessons do not open. */
    public static Path copySeq2SeqSample(Path samples) throws IOException {
        Path from = SEQ2SEQ_SAMPLE;
        Path to = samples.resolve(from.getFileName().toString());
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to;
    }

    private static void linear(SafeTensorsWriter w, Random rnd, String key, int in, int out, double std) {
        w.add(key + ".weight", gaussian(rnd, in * out, std), out, in); // [out, in], as torch.nn.Linear stores it
        w.add(key + ".bias", gaussian(rnd, out, 0.05), out);
    }

    private static void layerNorm(SafeTensorsWriter w, String key, int h) {
        float[] ones = new float[h];
        java.util.Arrays.fill(ones, 1f);
        w.add(key + ".weight", ones, h);
        w.add(key + ".bias", new float[h], h);
    }

    private static float[] gaussian(Random rnd, int n, double std) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (rnd.nextGaussian() * std);
        }
        return out;
    }

    /** Writes the models the screenshot tool and the benchmark can use when no sample models exist. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/ui-models");
        for (String name : List.of("bert", "gpt2")) {
            Path to = dir.resolve("samples").resolve(name);
            Files.createDirectories(to);
            try (var files = Files.list(PIPELINE.resolve(name))) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        writeHfCache(dir.resolve("hf-cache"));
        System.out.println("samples: " + dir.resolve("samples").toAbsolutePath() + "\nHF cache: "
                + dir.resolve("hf-cache").toAbsolutePath());
    }
}
