package org.attentionlab.train.bench;

import java.util.Locale;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.weightinit.impl.OneInitScheme;
import org.nd4j.weightinit.impl.ZeroInitScheme;

/**
 * Measures one training step (forward, backward, Adam update) of a tiny GPT-2-shaped model in
 * SameDiff, to decide whether the sample models can be trained in Java within the time budget.
 * The same model and step in PyTorch is {@code tools/train/bench_torch_step.py}.
 *
 * <p>Run with the thread count in the environment, since ND4J's native ops read it at start:
 * {@code OMP_NUM_THREADS=1 java -cp ... org.attentionlab.train.bench.SameDiffStepBenchmark}.
 * Options: {@code layers d heads context vocab batch steps}.
 */
public final class SameDiffStepBenchmark {
    private SameDiffStepBenchmark() {
    }

    public static void main(String[] args) {
        int layers = arg(args, 0, 2);
        int d = arg(args, 1, 64);
        int heads = arg(args, 2, 4);
        int context = arg(args, 3, 64);
        int vocab = arg(args, 4, 1000);
        int batch = arg(args, 5, 32);
        int steps = arg(args, 6, 30);
        Nd4j.getRandom().setSeed(1);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);

        SameDiff sd = build(layers, d, heads, context, vocab, batch);
        sd.setTrainingConfig(new TrainingConfig.Builder()
                .updater(new Adam(1e-3))
                .dataSetFeatureMapping("ids")
                .dataSetLabelMapping("labels")
                .build());

        INDArray ids = Nd4j.randomBernoulli(0.5, batch, context).castTo(DataType.INT32);
        INDArray labels = Nd4j.randomBernoulli(0.5, batch, context).castTo(DataType.INT32);
        DataSet data = new DataSet(ids, labels);
        int warmup = 2;
        for (int i = 0; i < warmup; i++) {
            long t = System.nanoTime();
            sd.fit(data);
            System.err.printf(Locale.ROOT, "warm-up step %d: %.3f s%n", i, (System.nanoTime() - t) / 1e9);
        }
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            long t = System.nanoTime();
            sd.fit(data);
            System.err.printf(Locale.ROOT, "step %d: %.3f s%n", i, (System.nanoTime() - t) / 1e9);
        }
        double perStep = (System.nanoTime() - start) / 1e9 / steps;
        double loss = sd.output(data, "loss").get("loss").getDouble(0);
        System.out.printf(Locale.ROOT,
                "{\"engine\":\"samediff\",\"threads\":\"%s\",\"layers\":%d,\"d\":%d,\"heads\":%d,\"context\":%d,"
                        + "\"vocab\":%d,\"batch\":%d,\"seconds_per_step\":%.4f,\"loss_after\":%.3f}%n",
                System.getenv().getOrDefault("OMP_NUM_THREADS", "default"), layers, d, heads, context, vocab, batch,
                perStep, loss);
    }

    private static int arg(String[] args, int i, int dflt) {
        return args.length > i ? Integer.parseInt(args[i]) : dflt;
    }

    /** GPT-2 block structure: pre-LayerNorm, causal multi-head attention, GELU MLP, tied LM head. */
    static SameDiff build(int layers, int d, int heads, int context, int vocab, int batch) {
        SameDiff sd = SameDiff.create();
        int dh = d / heads;
        SDVariable ids = sd.placeHolder("ids", DataType.INT32, batch, context);
        SDVariable labels = sd.placeHolder("labels", DataType.INT32, batch, context);
        SDVariable wte = sd.var("wte", Nd4j.randn(DataType.FLOAT, vocab, d).muli(0.02));
        SDVariable wpe = sd.var("wpe", Nd4j.randn(DataType.FLOAT, context, d).muli(0.01));
        // Causal mask: 0 on and below the diagonal, -1e9 above, added to the scores.
        float[] maskValues = new float[context * context];
        for (int i = 0; i < context; i++) {
            for (int j = i + 1; j < context; j++) {
                maskValues[i * context + j] = -1e9f;
            }
        }
        INDArray mask = Nd4j.create(maskValues, new long[] {context, context}, DataType.FLOAT);
        SDVariable causal = sd.constant("causal", mask); // [T, T]

        SDVariable x = sd.gather(wte, ids, 0).add(wpe); // [B, T, d]
        for (int l = 0; l < layers; l++) {
            String p = "h." + l + ".";
            SDVariable h = layerNorm(sd, x, p + "ln_1", d);
            SDVariable flat = h.reshape(batch * context, d); // [B*T, d]
            SDVariable qkv = flat.mmul(weight(sd, p + "attn.c_attn.weight", d, 3 * d))
                    .add(bias(sd, p + "attn.c_attn.bias", 3 * d)); // [B*T, 3d]
            SDVariable qkv5 = qkv.reshape(batch, context, 3, heads, dh).permute(2, 0, 3, 1, 4); // [3, B, H, T, dh]
            SDVariable q = sd.squeeze(sd.slice(qkv5, new int[] {0, 0, 0, 0, 0}, 1, batch, heads, context, dh), 0);
            SDVariable k = sd.squeeze(sd.slice(qkv5, new int[] {1, 0, 0, 0, 0}, 1, batch, heads, context, dh), 0);
            SDVariable v = sd.squeeze(sd.slice(qkv5, new int[] {2, 0, 0, 0, 0}, 1, batch, heads, context, dh), 0);
            SDVariable scores = sd.mmul(q, k, false, true, false).mul(1.0 / Math.sqrt(dh)).add(causal); // [B, H, T, T]
            SDVariable att = sd.nn.softmax(scores, -1); // [B, H, T, T]
            SDVariable y = sd.mmul(att, v).permute(0, 2, 1, 3).reshape(batch * context, d); // [B*T, d]
            y = y.mmul(weight(sd, p + "attn.c_proj.weight", d, d)).add(bias(sd, p + "attn.c_proj.bias", d));
            x = x.add(y.reshape(batch, context, d));
            SDVariable m = layerNorm(sd, x, p + "ln_2", d).reshape(batch * context, d);
            m = sd.nn.gelu(m.mmul(weight(sd, p + "mlp.c_fc.weight", d, 4 * d)).add(bias(sd, p + "mlp.c_fc.bias", 4 * d)));
            m = m.mmul(weight(sd, p + "mlp.c_proj.weight", 4 * d, d)).add(bias(sd, p + "mlp.c_proj.bias", d));
            x = x.add(m.reshape(batch, context, d));
        }
        SDVariable out = layerNorm(sd, x, "ln_f", d).reshape(batch * context, d);
        SDVariable logits = sd.mmul(out, wte, false, true, false); // [B*T, V]
        SDVariable loss = sd.loss.sparseSoftmaxCrossEntropy("loss", logits, labels.reshape(batch * context));
        sd.setLossVariables(loss);
        return sd;
    }

    private static SDVariable layerNorm(SameDiff sd, SDVariable x, String name, int d) {
        SDVariable gain = sd.var(name + ".weight", new OneInitScheme('c'), DataType.FLOAT, d);
        SDVariable bias = sd.var(name + ".bias", new ZeroInitScheme('c'), DataType.FLOAT, d);
        return sd.nn.layerNorm(x, gain, bias, false, 2);
    }

    private static SDVariable weight(SameDiff sd, String name, int in, int out) {
        return sd.var(name, Nd4j.randn(DataType.FLOAT, in, out).muli(0.02));
    }

    private static SDVariable bias(SameDiff sd, String name, int n) {
        return sd.var(name, new ZeroInitScheme('c'), DataType.FLOAT, n);
    }
}
