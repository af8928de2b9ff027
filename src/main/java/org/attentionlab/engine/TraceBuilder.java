package org.attentionlab.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.attentionlab.domain.EmbeddingParts;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.HeadProjections;
import org.attentionlab.domain.LogitLens;
import org.attentionlab.domain.MaskStep;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.engine.tensor.AttentionMask;
import org.attentionlab.engine.tensor.AttentionObserver;

/**
 * Collects the items of a {@link ForwardTrace} while a model runs, allocating only what was
 * requested. Used by the engines; not part of what the UI calls.
 */
public final class TraceBuilder {
    private final Encoding input;
    private final Set<TraceItem> record;
    private final int tokens;
    private final float[][][][] attentions;   // [layer][head][T][T]
    private final List<MaskStep> maskSteps;
    private final float[][][] hidden;          // [layer + 1][T][dim]; also kept for the logit lens
    private float[][] logits;                  // [T][vocab]
    private EmbeddingParts embeddings;
    private final List<HeadProjections> projections;
    private LogitLens logitLens;

    public TraceBuilder(Encoding input, Set<TraceItem> record, int layers, int heads, int dim) {
        this.input = input;
        this.record = record;
        this.tokens = input.length();
        this.attentions = record.contains(TraceItem.ATTENTIONS) ? new float[layers][heads][][] : null;
        this.maskSteps = record.contains(TraceItem.MASKS) ? new ArrayList<>(layers) : null;
        boolean keepHidden = record.contains(TraceItem.HIDDEN) || record.contains(TraceItem.LOGIT_LENS);
        this.hidden = keepHidden ? new float[layers + 1][][] : null;
        this.projections = record.contains(TraceItem.PROJECTIONS) ? new ArrayList<>(layers) : null;
    }

    public boolean wants(TraceItem item) {
        return record.contains(item);
    }

    /** An observer that keeps layer {@code layer}'s attention items that were requested. */
    public AttentionObserver layer(int layer, AttentionMask mask, int heads) {
        if (attentions == null && maskSteps == null) {
            return AttentionObserver.NONE;
        }
        float[][][] raw = maskSteps == null ? null : new float[heads][][];
        float[][][] masked = maskSteps == null ? null : new float[heads][][];
        if (maskSteps != null) {
            maskSteps.add(new MaskStep(layer, mask.kind(), mask.allowedCopy(), raw, masked));
        }
        return new AttentionObserver() {
            @Override
            public void rawScores(int head, float[] scores, int queries, int keys) {
                if (raw != null) {
                    raw[head] = rows(scores, queries, keys);
                }
            }

            @Override
            public void maskedScores(int head, float[] scores, int queries, int keys) {
                if (masked != null) {
                    masked[head] = rows(scores, queries, keys);
                }
            }

            @Override
            public void probabilities(int head, float[] probs, int queries, int keys) {
                if (attentions != null) {
                    attentions[layer][head] = rows(probs, queries, keys);
                }
            }
        };
    }

    /** Keeps {@code x[T, dim]} as hidden state {@code index} (0 = embeddings) when requested. */
    public void hidden(int index, float[] x, int dim) {
        if (hidden != null) {
            hidden[index] = rows(x, tokens, dim);
        }
    }

    /** Keeps the feature-major {@code xT[dim, T]} (one column per token) as hidden state {@code index} when requested. */
    public void hiddenColumns(int index, float[] xT, int dim) {
        if (hidden != null) {
            float[][] rows = new float[tokens][dim];
            for (int j = 0; j < dim; j++) {
                for (int t = 0; t < tokens; t++) {
                    rows[t][j] = xT[j * tokens + t];
                }
            }
            hidden[index] = rows;
        }
    }

    /**
     * The hidden states kept so far, [layer + 1][T][dim], when {@link TraceItem#HIDDEN} or
     * {@link TraceItem#LOGIT_LENS} was requested (the engine applies its output head to them).
     */
    public float[][][] hiddenStates() {
        return hidden;
    }

    /**
     * Keeps the embedding parts, each token-major {@code [T, dim]}, when requested; {@code segment}
     * is null for a model without segment embeddings.
     */
    public void embeddings(float[] token, float[] position, float[] segment, float[] sum, int dim) {
        if (record.contains(TraceItem.EMBEDDINGS)) {
            embeddings = new EmbeddingParts(rows(token, tokens, dim), rows(position, tokens, dim),
                    segment == null ? null : rows(segment, tokens, dim), rows(sum, tokens, dim));
        }
    }

    /**
     * Keeps layer {@code layer}'s projections when requested, split by head, from the feature-major
     * stacked {@code qkvT[3 * dim, T]} (q | k | v, feature f of token t at {@code f * T + t}) and the
     * feature-major {@code contextT[dim, T]}, where {@code dim = heads * headDim} and head h owns
     * features {@code h * headDim ..}.
     */
    public void projections(int layer, float[] qkvT, float[] contextT, int heads, int headDim) {
        if (projections != null) {
            int dim = heads * headDim;
            projections.add(new HeadProjections(layer, byHead(qkvT, 0, heads, headDim),
                    byHead(qkvT, dim * tokens, heads, headDim), byHead(qkvT, 2 * dim * tokens, heads, headDim),
                    byHead(contextT, 0, heads, headDim)));
        }
    }

    /** [head][T][headDim] from the feature-major block starting at {@code offset}. */
    private float[][][] byHead(float[] xT, int offset, int heads, int headDim) {
        float[][][] out = new float[heads][tokens][headDim];
        for (int h = 0; h < heads; h++) {
            for (int f = 0; f < headDim; f++) {
                int row = offset + (h * headDim + f) * tokens;
                for (int t = 0; t < tokens; t++) {
                    out[h][t][f] = xT[row + t];
                }
            }
        }
        return out;
    }

    /** Keeps the output head's logits for every hidden state, [layer + 1][T][vocab]. */
    public void logitLens(float[][][] logits) {
        logitLens = new LogitLens(logits);
    }

    /** Keeps {@code values[T, vocab]} as the logits. */
    public void logits(float[] values, int vocab) {
        logits = rows(values, tokens, vocab);
    }

    /** Keeps {@code values[rows.length, vocab]} as the logits of token positions {@code rows}; other rows stay null. */
    public void logitsAt(int[] rows, float[] values, int vocab) {
        logits = new float[tokens][];
        for (int i = 0; i < rows.length; i++) {
            logits[rows[i]] = java.util.Arrays.copyOfRange(values, i * vocab, (i + 1) * vocab);
        }
    }

    public ForwardTrace build() {
        return new ForwardTrace(input, attentions, maskSteps == null ? null : Collections.unmodifiableList(maskSteps),
                record.contains(TraceItem.HIDDEN) ? hidden : null, logits, embeddings,
                projections == null ? null : Collections.unmodifiableList(projections), logitLens);
    }

    /** Copies a row-major [rows, cols] block into a new float[rows][cols]. */
    public static float[][] rows(float[] flat, int rows, int cols) {
        float[][] out = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * cols, out[r], 0, cols);
        }
        return out;
    }
}
