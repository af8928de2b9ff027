package org.attentionlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.Generation;
import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.engine.tensor.ComputeThreads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine splits products, attention heads and one-token steps over its threads only where
 * there is enough work, which the tiny golden models never have. These models are wide enough
 * (hidden 384, 6 heads, feed-forward 1536) that every split happens. A chunk computes whole
 * output features, so splitting changes nothing but the order of OpenBLAS's float additions
 * (about 1e-6 after two layers): the results agree within the golden tests' tolerances on one
 * and four threads, and greedy decoding picks the same tokens with the same probabilities (the
 * one-token step's chunks depend only on the shapes).
 */
class ThreadCountTest {
    @TempDir
    static Path tmp;
    private static Path bert;
    private static Path gpt2;
    private static int threadsBefore;

    private static final int HIDDEN = 384;
    private static final int INNER = 1536;
    private static final int VOCAB = 500;
    private static final int POSITIONS = 64;

    @BeforeAll
    static void writeModels() throws IOException {
        threadsBefore = ComputeThreads.get();
        Random random = new Random(21);
        bert = Files.createDirectories(tmp.resolve("bert"));
        Files.writeString(bert.resolve("config.json"), "{\"model_type\": \"bert\", \"vocab_size\": " + VOCAB
                + ", \"hidden_size\": " + HIDDEN + ", \"num_hidden_layers\": 2, \"num_attention_heads\": 6,"
                + " \"intermediate_size\": " + INNER + ", \"max_position_embeddings\": " + POSITIONS
                + ", \"type_vocab_size\": 2, \"hidden_act\": \"gelu\", \"layer_norm_eps\": 1e-12}");
        SafeTensorsWriter b = new SafeTensorsWriter();
        put(b, random, "embeddings.word_embeddings.weight", VOCAB, HIDDEN);
        put(b, random, "embeddings.position_embeddings.weight", POSITIONS, HIDDEN);
        put(b, random, "embeddings.token_type_embeddings.weight", 2, HIDDEN);
        norm(b, "embeddings.LayerNorm");
        for (int l = 0; l < 2; l++) {
            String k = "encoder.layer." + l + ".";
            for (String p : new String[] {"attention.self.query", "attention.self.key", "attention.self.value",
                "attention.output.dense"}) {
                put(b, random, k + p + ".weight", HIDDEN, HIDDEN);
                put(b, random, k + p + ".bias", HIDDEN);
            }
            norm(b, k + "attention.output.LayerNorm");
            put(b, random, k + "intermediate.dense.weight", INNER, HIDDEN);
            put(b, random, k + "intermediate.dense.bias", INNER);
            put(b, random, k + "output.dense.weight", HIDDEN, INNER);
            put(b, random, k + "output.dense.bias", HIDDEN);
            norm(b, k + "output.LayerNorm");
        }
        b.write(bert.resolve("model.safetensors"));

        gpt2 = Files.createDirectories(tmp.resolve("gpt2"));
        Files.writeString(gpt2.resolve("config.json"), "{\"model_type\": \"gpt2\", \"vocab_size\": " + VOCAB
                + ", \"n_embd\": " + HIDDEN + ", \"n_layer\": 2, \"n_head\": 6, \"n_positions\": " + POSITIONS
                + ", \"eos_token_id\": 0}");
        SafeTensorsWriter g = new SafeTensorsWriter();
        put(g, random, "wte.weight", VOCAB, HIDDEN);
        put(g, random, "wpe.weight", POSITIONS, HIDDEN);
        for (int l = 0; l < 2; l++) {
            String k = "h." + l + ".";
            norm(g, k + "ln_1");
            put(g, random, k + "attn.c_attn.weight", HIDDEN, 3 * HIDDEN);
            put(g, random, k + "attn.c_attn.bias", 3 * HIDDEN);
            put(g, random, k + "attn.c_proj.weight", HIDDEN, HIDDEN);
            put(g, random, k + "attn.c_proj.bias", HIDDEN);
            norm(g, k + "ln_2");
            put(g, random, k + "mlp.c_fc.weight", HIDDEN, INNER);
            put(g, random, k + "mlp.c_fc.bias", INNER);
            put(g, random, k + "mlp.c_proj.weight", INNER, HIDDEN);
            put(g, random, k + "mlp.c_proj.bias", HIDDEN);
        }
        norm(g, "ln_f");
        g.write(gpt2.resolve("model.safetensors"));
    }

    @AfterAll
    static void restoreThreads() {
        ComputeThreads.set(threadsBefore);
    }

    /** Weights with std 0.1: wide enough for peaked attention rows, small enough to keep activations sane. */
    private static void put(SafeTensorsWriter w, Random random, String name, int... shape) {
        int n = 1;
        long[] s = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            n *= shape[i];
            s[i] = shape[i];
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * 0.1);
        }
        w.put(name, s, v);
    }

    private static void norm(SafeTensorsWriter w, String name) {
        float[] ones = new float[HIDDEN];
        java.util.Arrays.fill(ones, 1f);
        w.put(name + ".weight", new long[] {HIDDEN}, ones);
        w.put(name + ".bias", new long[] {HIDDEN}, new float[HIDDEN]);
    }

    private static Encoding input(int n) {
        return Encodings.of(new Random(n).ints(n, 1, VOCAB).toArray());
    }

    private static ForwardTrace forward(Path model, int threads, Encoding in, Set<TraceItem> items) {
        ComputeThreads.set(threads);
        try (TransformerModel m = (TransformerModel) Models.load(model)) {
            return m.forward(in, items);
        }
    }

    @Test
    void bertGivesTheSameTraceOnOneAndFourThreads() {
        Encoding in = input(40);
        ForwardTrace one = forward(bert, 1, in, EnumSet.allOf(TraceItem.class));
        ForwardTrace four = forward(bert, 4, in, EnumSet.allOf(TraceItem.class));
        for (int l = 0; l < 2; l++) {
            Golden.assertClose("attentions " + l, one.attentions()[l], four.attentions()[l], 1e-5);
            Golden.assertClose("hidden " + (l + 1), one.hidden()[l + 1], four.hidden()[l + 1], 1e-4);
        }
    }

    @Test
    void bertAttentionsAloneEqualThoseOfTheFullForward() {
        Encoding in = input(33);
        ForwardTrace full = forward(bert, 4, in, EnumSet.allOf(TraceItem.class));
        ForwardTrace attentionsOnly = forward(bert, 4, in, EnumSet.of(TraceItem.ATTENTIONS));
        for (int l = 0; l < 2; l++) {
            Golden.assertClose("layer " + l, full.attentions()[l], attentionsOnly.attentions()[l], 0);
        }
        assertNull(attentionsOnly.hidden());
    }

    @Test
    void gpt2GivesTheSameTraceAndGenerationOnOneAndFourThreads() {
        Encoding in = input(24);
        ForwardTrace one = forward(gpt2, 1, in, EnumSet.allOf(TraceItem.class));
        ForwardTrace four = forward(gpt2, 4, in, EnumSet.allOf(TraceItem.class));
        Golden.assertClose("attentions", one.attentions()[1], four.attentions()[1], 1e-5);
        Golden.assertClose("logits", one.logits(), four.logits(), 1e-4);

        int[] prompt = {5, 17, 99, 3};
        GenerationSettings greedy = GenerationSettings.greedy(20).withStopAtEos(false);
        Generation[] runs = new Generation[2];
        int[] threads = {1, 4};
        for (int i = 0; i < 2; i++) {
            ComputeThreads.set(threads[i]);
            try (CausalLanguageModel m = (CausalLanguageModel) Models.load(gpt2)) {
                runs[i] = m.generate(prompt, greedy, TokenListener.NONE, () -> false);
            }
        }
        assertArrayEquals(runs[0].newIds(), runs[1].newIds());
        assertArrayEquals(runs[0].newProbs(), runs[1].newProbs());
    }

    @Test
    void gpt2CachedStepsMatchTheFullForwardOnFourThreads() {
        ComputeThreads.set(4);
        int[] ids = new Random(5).ints(30, 1, VOCAB).toArray();
        try (org.attentionlab.engine.gpt2.Gpt2Model m = (org.attentionlab.engine.gpt2.Gpt2Model) Models.load(gpt2);
             org.attentionlab.engine.gpt2.Gpt2Session session = m.newSession()) {
            float[][] full = m.forward(Encodings.of(ids), EnumSet.of(TraceItem.LOGITS)).logits();
            session.prefill(java.util.Arrays.copyOf(ids, 10));
            for (int t = 10; t < ids.length; t++) {
                float[] step = session.append(ids[t]).clone();
                Golden.assertClose("step " + t, full[t], step, 1e-4);
            }
        }
    }
}
