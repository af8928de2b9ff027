package org.attentionlab.service.seq2seq;

import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.LengthAccuracy;
import org.attentionlab.domain.TestSentence;
import org.attentionlab.engine.seq2seq.Seq2SeqModel;
import org.attentionlab.engine.seq2seq.Seq2SeqTrace;

/**
 * Exact match and attention-on-gold of one model over held-out sentences, by source length,
 * measured as tools/train/train_seq2seq.py's {@code evaluate} measures them:
 * <ul>
 *   <li>exact match: the greedy output (at most max_target_length steps) equals the gold target followed by
 *       {@code </s>};</li>
 *   <li>attention on gold: with the gold target forced, the share of target words with a gold alignment whose
 *       attention row peaks (first maximum) on one of their gold source words.</li>
 * </ul>
 */
final class BottleneckEvaluation {
    /** Progress of a long evaluation: sentences done out of the total. */
    interface Progress {
        void update(int done, int total);
    }

    private BottleneckEvaluation() {
    }

    /**
     * Evaluates {@code model} on {@code sentences}, spread over the machine's cores (the model is
     * thread-safe); {@code progress} hears from the worker threads.
     *
     * @throws CancellationException soon after {@code cancelled} turns true
     * @throws InputException        for a sentence the model cannot take (too long, splits differently)
     */
    static LengthAccuracy evaluate(String name, Seq2SeqModel model, List<TestSentence> sentences, Progress progress,
                                   BooleanSupplier cancelled) {
        boolean attends = model.config().score().attends();
        int[][] perSentence = new int[sentences.size()][];
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, sentences.size()).parallel().forEach(i -> {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("evaluation cancelled after " + done.get() + " of " + sentences.size() + " sentences");
            }
            perSentence[i] = one(model, sentences.get(i), attends);
            int n = done.incrementAndGet();
            if (progress != null) {
                progress.update(n, sentences.size());
            }
        });
        TreeMap<Integer, int[]> byLength = new TreeMap<>(); // length -> {sentences, exact, aligned, onGold}
        for (int i = 0; i < perSentence.length; i++) {
            int[] counts = byLength.computeIfAbsent(sentences.get(i).sourceWords().size(), k -> new int[4]);
            for (int k = 0; k < 4; k++) {
                counts[k] += perSentence[i][k];
            }
        }
        return new LengthAccuracy(name, attends, byLength.entrySet().stream()
                .map(e -> new LengthAccuracy.Bucket(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3]))
                .toList());
    }

    /** {1, exact, aligned words, words on gold} for one sentence. */
    private static int[] one(Seq2SeqModel model, TestSentence s, boolean attends) {
        int[] src = model.encodeSource(s.sourceText());
        int[] gold = model.encodeTarget(s.targetText());
        if (src.length - 1 != s.sourceWords().size()) {
            throw new InputException("The test sentence '" + s.sourceText() + "' splits into " + (src.length - 1)
                    + " tokens for this model, not " + s.sourceWords().size() + " words.",
                    "Write test sources as the model's tokenizer splits them (lower case, punctuation apart).");
        }
        int[] counts = {1, 0, 0, 0};
        Seq2SeqTrace greedy = model.translate(src, model.config().maxTargetLength());
        boolean exact = Arrays.equals(greedy.outputIds(), gold);
        counts[1] = exact ? 1 : 0;
        if (attends && s.alignment() != null) {
            // an exact greedy output read the gold words at every step: its trace is the forced one
            Seq2SeqTrace forced = exact ? greedy : model.forceDecode(src, gold);
            for (int t = 0; t < s.alignment().size(); t++) {
                List<Integer> span = s.alignment().get(t);
                if (span.isEmpty()) {
                    continue;
                }
                counts[2]++;
                if (span.contains(argmax(forced.alignment()[t]))) {
                    counts[3]++;
                }
            }
        }
        return counts;
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }
}
