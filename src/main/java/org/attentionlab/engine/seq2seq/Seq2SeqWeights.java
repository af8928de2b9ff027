package org.attentionlab.engine.seq2seq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.io.safetensors.TensorInfo;
import org.attentionlab.io.safetensors.TensorSource;

/**
 * The immutable weights of a seq2seq model, read from model.safetensors after checking that
 * the file holds exactly the tensors config.json implies, each with the implied shape.
 * Names follow the PyTorch module tree of tools/golden/seq2seq_reference.py.
 */
final class Seq2SeqWeights {
    private static final String REMEDY =
            "Save config.json and model.safetensors together from the same model (see docs/seq2seq-format.md).";

    final Matrix encoderEmbedding;  // [Vs, E]
    final RnnCell[][] encoderCells; // [layer][direction]
    final Matrix decoderEmbedding;  // [Vt, E]
    final RnnCell[] decoderCells;   // [layer]
    final Attention attention;
    final Matrix out;               // [Vt, H]
    final float[] outBias;          // [Vt]
    final long parameterCount;

    private Seq2SeqWeights(Matrix encoderEmbedding, RnnCell[][] encoderCells, Matrix decoderEmbedding, RnnCell[] decoderCells,
                           Attention attention, Matrix out, float[] outBias, long parameterCount) {
        this.encoderEmbedding = encoderEmbedding;
        this.encoderCells = encoderCells;
        this.decoderEmbedding = decoderEmbedding;
        this.decoderCells = decoderCells;
        this.attention = attention;
        this.out = out;
        this.outBias = outBias;
        this.parameterCount = parameterCount;
    }

    /** Every tensor the config implies, with its shape, in a fixed order. */
    static Map<String, int[]> expectedShapes(Seq2SeqConfig c) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        int g = c.rnnType().gates();
        int h = c.hiddenSize();
        int hd = c.encoderDirectionSize();
        shapes.put("encoder.embedding.weight", new int[] {c.sourceVocabSize(), c.embeddingSize()});
        for (int l = 0; l < c.layers(); l++) {
            int in = l == 0 ? c.embeddingSize() : h; // upper layers read both directions of the layer below
            for (int d = 0; d < c.encoderDirections(); d++) {
                String suffix = "_l" + l + (d == 1 ? "_reverse" : "");
                putRnn(shapes, "encoder.rnn.", suffix, g * hd, in, hd);
            }
        }
        shapes.put("decoder.embedding.weight", new int[] {c.targetVocabSize(), c.embeddingSize()});
        for (int l = 0; l < c.layers(); l++) {
            putRnn(shapes, "decoder.rnn.", "_l" + l, g * h, l == 0 ? c.embeddingSize() : h, h);
        }
        switch (c.score()) {
            case DOT -> { }
            case BILINEAR -> shapes.put("attention.W.weight", new int[] {h, h});
            case MLP -> {
                shapes.put("attention.W1.weight", new int[] {c.attentionSize(), h});
                shapes.put("attention.W1.bias", new int[] {c.attentionSize()});
                shapes.put("attention.W2.weight", new int[] {c.attentionSize(), h});
                shapes.put("attention.v.weight", new int[] {1, c.attentionSize()});
            }
            case NONE -> { }
        }
        if (c.score() != ScoreFunction.NONE) {
            shapes.put("attention.Wc.weight", new int[] {h, 2 * h});
        }
        shapes.put("out.weight", new int[] {c.targetVocabSize(), h});
        shapes.put("out.bias", new int[] {c.targetVocabSize()});
        return shapes;
    }

    private static void putRnn(Map<String, int[]> shapes, String prefix, String suffix, int rows, int in, int hidden) {
        shapes.put(prefix + "weight_ih" + suffix, new int[] {rows, in});
        shapes.put(prefix + "weight_hh" + suffix, new int[] {rows, hidden});
        shapes.put(prefix + "bias_ih" + suffix, new int[] {rows});
        shapes.put(prefix + "bias_hh" + suffix, new int[] {rows});
    }

    static Seq2SeqWeights read(TensorSource source, Seq2SeqConfig c) {
        Map<String, int[]> expected = expectedShapes(c);
        check(source, c, expected);
        long params = 0;
        for (int[] shape : expected.values()) {
            params += Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b);
        }
        int h = c.hiddenSize();
        int hd = c.encoderDirectionSize();
        RnnCell[][] enc = new RnnCell[c.layers()][c.encoderDirections()];
        RnnCell[] dec = new RnnCell[c.layers()];
        for (int l = 0; l < c.layers(); l++) {
            for (int d = 0; d < c.encoderDirections(); d++) {
                enc[l][d] = cell(source, c.rnnType(), "encoder.rnn.", "_l" + l + (d == 1 ? "_reverse" : ""), hd);
            }
            dec[l] = cell(source, c.rnnType(), "decoder.rnn.", "_l" + l, h);
        }
        Matrix bilinear = null;
        Matrix w1 = null;
        float[] b1 = null;
        Matrix w2 = null;
        float[] v = null;
        if (c.score() == ScoreFunction.BILINEAR) {
            bilinear = matrix(source, "attention.W.weight");
        } else if (c.score() == ScoreFunction.MLP) {
            w1 = matrix(source, "attention.W1.weight");
            b1 = source.readFloats("attention.W1.bias");
            w2 = matrix(source, "attention.W2.weight");
            v = source.readFloats("attention.v.weight");
        }
        Matrix combine = c.score() == ScoreFunction.NONE ? null : matrix(source, "attention.Wc.weight");
        Attention attention = new Attention(c.score(), h, bilinear, w1, b1, w2, v, combine);
        return new Seq2SeqWeights(matrix(source, "encoder.embedding.weight"), enc, matrix(source, "decoder.embedding.weight"),
                dec, attention, matrix(source, "out.weight"), source.readFloats("out.bias"), params);
    }

    private static void check(TensorSource source, Seq2SeqConfig c, Map<String, int[]> expected) {
        String setup = c.rnnType().configName() + ", score " + c.score().configName() + ", " + c.layers() + " layer(s)"
                + (c.bidirectionalEncoder() ? ", bidirectional encoder" : "");
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            TensorInfo info = source.info(e.getKey());
            if (info == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(info.intShape(), e.getValue())) {
                throw new ModelFormatException("Tensor '" + e.getKey() + "' in model.safetensors has shape " + info.shapeString()
                        + ", but config.json (" + setup + ") implies " + Arrays.toString(e.getValue()) + ".", REMEDY);
            }
        }
        if (!missing.isEmpty()) {
            throw new ModelFormatException("model.safetensors lacks " + missing.size() + " tensor(s) that config.json (" + setup
                    + ") needs: " + String.join(", ", missing) + ".", REMEDY);
        }
        List<String> extra = new ArrayList<>();
        for (String name : source.names()) {
            if (!expected.containsKey(name)) {
                extra.add(name);
            }
        }
        if (!extra.isEmpty()) {
            throw new ModelFormatException("model.safetensors has tensor(s) that a model with config.json (" + setup
                    + ") does not use: " + String.join(", ", extra) + ".", REMEDY);
        }
    }

    private static RnnCell cell(TensorSource s, RnnType type, String prefix, String suffix, int hidden) {
        return new RnnCell(type, hidden, matrix(s, prefix + "weight_ih" + suffix), matrix(s, prefix + "weight_hh" + suffix),
                s.readFloats(prefix + "bias_ih" + suffix), s.readFloats(prefix + "bias_hh" + suffix));
    }

    private static Matrix matrix(TensorSource s, String name) {
        int[] shape = s.info(name).intShape();
        return new Matrix(shape[0], shape[1], s.readFloats(name));
    }
}
