package org.attentionlab.engine.gpt2;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.attentionlab.domain.DecodeStep;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.engine.CausalDecoder;
import org.attentionlab.engine.InputChecks;
import org.attentionlab.engine.TraceBuilder;

/**
 * Step-by-step GPT-2 decoding on a {@link Gpt2Session}: each call runs the new tokens against
 * the KV cache and records their attention rows and hidden states; the next-token logits are
 * those {@link Gpt2Model#generate} would compute, and the logit lens of the last token is the
 * session's (ln_f and the LM head on every layer's hidden state, one product).
 */
final class Gpt2Decoder implements CausalDecoder {
    private static final EnumSet<TraceItem> RECORD = EnumSet.of(TraceItem.ATTENTIONS, TraceItem.HIDDEN);
    private final Gpt2Config config;
    private final Gpt2Session session;

    Gpt2Decoder(Gpt2Config config, Gpt2Weights weights) {
        this.config = config;
        this.session = new Gpt2Session(config, weights);
        session.reset(0);
    }

    @Override
    public int length() {
        return session.length();
    }

    @Override
    public int maxPositions() {
        return config.nPositions();
    }

    @Override
    public DecodeStep extend(int[] ids, boolean lens) {
        if (ids.length == 0) {
            throw new InputException("There is no token to add.", "Type a prompt for the model to continue.");
        }
        int start = session.length();
        if (start + ids.length > config.nPositions()) {
            throw new InputException("The text would be " + (start + ids.length) + " tokens long; this GPT-2 model reads at most "
                    + config.nPositions() + " (its context window is full).",
                    "Go back a few tokens, or start again with a shorter prompt.");
        }
        InputChecks.tokens(ids, config.nPositions(), config.vocabSize(), "this GPT-2 model");
        session.ensureCapacity(start + ids.length);
        List<String> names = new ArrayList<>(ids.length);
        for (int id : ids) {
            names.add(Integer.toString(id));
        }
        int t = ids.length;
        TraceBuilder trace = new TraceBuilder(new Encoding(names, ids.clone(), new int[t], new boolean[t], ones(t)), RECORD,
                config.nLayer(), config.nHead(), config.nEmbd());
        float[] hidden = session.run(ids, null, trace);
        float[] logits = session.lastLogits(hidden, t).clone();
        ForwardTrace recorded = trace.build();
        float[][] lensLogits = lens ? lens(recorded.hidden(), t - 1) : null;
        return new DecodeStep(start, ids.clone(), recorded.attentions(), logits, lensLogits);
    }

    @Override
    public float[] extendLogits(int[] ids) {
        return session.extend(ids);
    }

    /** The logit lens of token {@code row} only (ln_f and the LM head, one product over all layers); [layer + 1][V]. */
    private float[][] lens(float[][][] hiddenStates, int row) {
        float[][][] last = new float[hiddenStates.length][][];
        for (int i = 0; i < last.length; i++) {
            last[i] = new float[][] {hiddenStates[i][row]};
        }
        float[][][] lens = session.logitLens(last);
        float[][] out = new float[lens.length][];
        for (int i = 0; i < lens.length; i++) {
            out[i] = lens[i][0];
        }
        return out;
    }

    private static int[] ones(int n) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, 1);
        return a;
    }

    @Override
    public void truncate(int length) {
        session.truncate(length);
    }

    @Override
    public void close() {
        session.close();
    }
}
