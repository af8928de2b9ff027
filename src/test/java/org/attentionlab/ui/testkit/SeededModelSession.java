package org.attentionlab.ui.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.ModelInfo;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.service.ModelSession;

/**
 * TEST ONLY. A stand-in for a real model until the engine is merged: a toy tokenizer and
 * attention rows that are softmax of seeded random scores (plus a per-head bias toward the
 * previous token, itself, the first token or the same word, so figures look like attention),
 * with a causal mask for GPT-2. Deterministic: the same encoding gives the same trace.
 */
public final class SeededModelSession implements ModelSession {
    private static final Pattern WORD = Pattern.compile("\\s*([\\p{L}\\p{N}]+|[^\\s\\p{L}\\p{N}])");

    private final ModelInfo info;
    private volatile boolean closed;
    private volatile Thread runThread;

    public SeededModelSession(String name, ModelKind kind, int layers, int heads) {
        this.info = new ModelInfo(name, kind, layers, heads, 64, 1000, 512,
                (long) layers * heads * 64 * 64 * 4 + 64_000, "test:" + name);
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    /** The thread the last run happened on. */
    public Thread runThread() {
        return runThread;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public Encoding encode(String text) {
        check();
        List<String> tokens = new ArrayList<>();
        List<Boolean> special = new ArrayList<>();
        if (info.kind() == ModelKind.BERT) {
            tokens.add("[CLS]");
            special.add(true);
        }
        pieces(text, tokens, special);
        if (info.kind() == ModelKind.BERT) {
            tokens.add("[SEP]");
            special.add(true);
        }
        return build(tokens, special, new int[tokens.size()]);
    }

    @Override
    public Encoding encodePair(String first, String second) {
        check();
        if (info.kind() != ModelKind.BERT) {
            throw new InputException("This model does not take sentence pairs.", "Use a BERT model for pairs.");
        }
        List<String> tokens = new ArrayList<>();
        List<Boolean> special = new ArrayList<>();
        tokens.add("[CLS]");
        special.add(true);
        pieces(first, tokens, special);
        tokens.add("[SEP]");
        special.add(true);
        int split = tokens.size();
        pieces(second, tokens, special);
        tokens.add("[SEP]");
        special.add(true);
        int[] types = new int[tokens.size()];
        for (int i = split; i < types.length; i++) {
            types[i] = 1;
        }
        return build(tokens, special, types);
    }

    private void pieces(String text, List<String> tokens, List<Boolean> special) {
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            boolean space = m.group().length() > m.group(1).length();
            String word = m.group(1);
            if (info.kind() == ModelKind.BERT) {
                word = word.toLowerCase(Locale.ROOT);
                // Long words split in two pieces, WordPiece style.
                if (word.length() > 6) {
                    tokens.add(word.substring(0, 4));
                    tokens.add("##" + word.substring(4));
                    special.add(false);
                    special.add(false);
                } else {
                    tokens.add(word);
                    special.add(false);
                }
            } else {
                String lead = space ? "\u0120" : "";
                if (word.length() > 6) {
                    tokens.add(lead + word.substring(0, 4));
                    tokens.add(word.substring(4));
                    special.add(false);
                    special.add(false);
                } else {
                    tokens.add(lead + word);
                    special.add(false);
                }
            }
        }
    }

    private static Encoding build(List<String> tokens, List<Boolean> special, int[] types) {
        int n = tokens.size();
        int[] ids = new int[n];
        boolean[] sp = new boolean[n];
        int[] mask = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = Math.floorMod(tokens.get(i).hashCode(), 1000);
            sp[i] = special.get(i);
            mask[i] = 1;
        }
        return new Encoding(tokens, ids, types, sp, mask);
    }

    @Override
    public ForwardTrace run(Encoding input, Set<TraceItem> items) {
        check();
        runThread = Thread.currentThread();
        int n = input.length();
        boolean causal = info.kind() == ModelKind.GPT2;
        float[][][][] att = new float[info.layers()][info.heads()][n][n];
        long inputSeed = 17;
        for (int id : input.ids()) {
            inputSeed = inputSeed * 31 + id;
        }
        for (int l = 0; l < info.layers(); l++) {
            for (int h = 0; h < info.heads(); h++) {
                Random rnd = new Random(inputSeed * 1_000_003L + l * 101L + h);
                int pattern = (l + h) % 4;
                for (int q = 0; q < n; q++) {
                    double[] e = new double[n];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < n; k++) {
                        double s = rnd.nextGaussian() * 1.2;
                        if ((pattern == 0 && k == q - 1) || (pattern == 1 && k == q) || (pattern == 2 && k == 0)
                                || (pattern == 3 && input.ids()[k] == input.ids()[q])) {
                            s += 3.5;
                        }
                        e[k] = causal && k > q ? Double.NEGATIVE_INFINITY : s;
                        max = Math.max(max, e[k]);
                    }
                    double sum = 0;
                    for (int k = 0; k < n; k++) {
                        e[k] = Math.exp(e[k] - max);
                        sum += e[k];
                    }
                    for (int k = 0; k < n; k++) {
                        att[l][h][q][k] = (float) (e[k] / sum);
                    }
                }
            }
        }
        return new ForwardTrace(input, att, null, null, null);
    }

    private void check() {
        if (closed) {
            throw new IllegalStateException("session " + info.name() + " was closed");
        }
    }

    @Override
    public String decode(int[] ids) {
        throw new UnsupportedOperationException("the stand-in has no vocabulary to decode with");
    }

    @Override
    public String token(int id) {
        throw new UnsupportedOperationException("the stand-in has no vocabulary");
    }

    @Override
    public void close() {
        closed = true;
    }
}
