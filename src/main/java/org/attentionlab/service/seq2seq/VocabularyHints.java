package org.attentionlab.service.seq2seq;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.attentionlab.domain.WordCheck;
import org.attentionlab.engine.seq2seq.Seq2SeqModel;
import org.attentionlab.engine.seq2seq.Vocabulary;

/** Marks the words of a source sentence that a model's closed vocabulary lacks, with the nearest known words. */
final class VocabularyHints {
    private VocabularyHints() {
    }

    /** Each word of {@code text} as the model's tokenizer splits it, checked against the source vocabulary. */
    static List<WordCheck> check(Seq2SeqModel model, String text, int suggestions) {
        Vocabulary vocab = model.sourceVocabulary();
        List<String> known = knownWords(model);
        List<WordCheck> out = new ArrayList<>();
        for (String word : model.tokenizer().tokenize(text == null ? "" : text)) {
            boolean isKnown = vocab.contains(word);
            out.add(new WordCheck(word, isKnown, isKnown ? List.of() : nearest(word, known, suggestions)));
        }
        return out;
    }

    /** The source vocabulary without the special tokens, in id order. */
    static List<String> knownWords(Seq2SeqModel model) {
        Vocabulary vocab = model.sourceVocabulary();
        List<String> out = new ArrayList<>();
        for (int id = 0; id < model.config().sourceVocabSize(); id++) {
            String w = vocab.word(id);
            if (!(w.startsWith("<") && w.endsWith(">"))) {
                out.add(w);
            }
        }
        return out;
    }

    /** The {@code n} known words with the fewest edits (Levenshtein) from {@code word}; ties alphabetically. */
    static List<String> nearest(String word, List<String> known, int n) {
        record Scored(String w, int d) {
        }
        return known.stream().map(w -> new Scored(w, distance(word, w)))
                .sorted(Comparator.comparingInt(Scored::d).thenComparing(Scored::w))
                .limit(n).map(Scored::w).toList();
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
