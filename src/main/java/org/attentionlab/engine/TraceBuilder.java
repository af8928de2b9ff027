package org.attentionlab.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
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
    private final float[][][] hidden;          // [layer + 1][T][dim]
    private float[][] logits;                  // [T][vocab]

    public TraceBuilder(Encoding input, Set<TraceItem> record, int layers, int heads, int dim) {
        this.input = input;
        this.record = record;
        this.tokens = input.length();
        this.attentions = record.contains(TraceItem.ATTENTIONS) ? new float[layers][heads][][] : null;
        this.maskSteps = record.contains(TraceItem.MASKS) ? new ArrayList<>(layers) : null;
        this.hidden = record.contains(TraceItem.HIDDEN) ? new float[layers + 1][][] : null;
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

    /** Keeps {@code values[T, vocab]} as the logits. */
    public void logits(float[] values, int vocab) {
        logits = rows(values, tokens, vocab);
    }

    public ForwardTrace build() {
        return new ForwardTrace(input, attentions, maskSteps == null ? null : Collections.unmodifiableList(maskSteps),
                hidden, logits);
    }

    /** Copies a row-major [rows, cols] block into a new float[rows][cols]. */
    static float[][] rows(float[] flat, int rows, int cols) {
        float[][] out = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * cols, out[r], 0, cols);
        }
        return out;
    }
}
