package org.attentionlab.service.fewshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.domain.fewshot.AccuracyPoint;
import org.attentionlab.domain.fewshot.AccuracyReport;
import org.attentionlab.domain.fewshot.Alternative;
import org.attentionlab.domain.fewshot.AnswerAttention;
import org.attentionlab.domain.fewshot.AnswerRule;
import org.attentionlab.domain.fewshot.EvalItem;
import org.attentionlab.domain.fewshot.FewShotPrompt;
import org.attentionlab.domain.fewshot.FewShotTask;
import org.attentionlab.domain.fewshot.PromptAnswer;
import org.attentionlab.domain.fewshot.PromptLine;
import org.attentionlab.domain.fewshot.ShotPair;
import org.attentionlab.domain.fewshot.SideBySide;
import org.attentionlab.engine.CausalDecoder;
import org.attentionlab.io.tokenizer.TokenSpan;
import org.attentionlab.service.Cancellation;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.TransformerSession;
import org.attentionlab.service.Progress;

/**
 * The prompt lab's use-cases: zero-, one- and few-shot prompts side by side, accuracy against the
 * number of examples, and what the answer's first token attended to. The model is only run
 * forward (greedy decoding, no gradient), which the weights' checksum before and after shows.
 *
 * <p>Runs on the calling thread (the app's model thread); not thread-safe.
 *
 * <p>Speed: an accuracy run asks many prompts that share their beginning (the description and
 * the examples; only the query line differs), so one {@link CausalDecoder} keeps its KV cache
 * from prompt to prompt, cuts it back to the tokens the next prompt shares with it, and runs only
 * the rest. The numbers equal those of a fresh run on each prompt.
 */
public final class FewShotService {
    /** The numbers of examples the accuracy chart shows. */
    public static final List<Integer> DEFAULT_SHOTS = List.of(0, 1, 2, 4, 8);
    /** How many example orders the accuracy run compares. */
    public static final int DEFAULT_ORDERS = 3;
    /** Alternatives shown for the answer's first token. */
    public static final int TOP = 5;
    /** Seed of the example orders: order {@code o} shuffles the task's pairs with {@code ORDER_SEED + o}. */
    public static final long ORDER_SEED = 1000;

    private final TransformerSession session;

    /**
     * @throws InputException when {@code model} cannot continue a prompt (BERT, seq2seq)
     */
    public FewShotService(ModelSession model) {
        TransformerSession session = TransformerSession.of(model);
        if (!session.canGenerate()) {
            throw new InputException(session.info().name() + " cannot continue a prompt, so it cannot answer one.",
                    "Choose a GPT-2 model (tiny-gpt, or gpt2 from the HuggingFace cache).");
        }
        this.session = session;
    }

    public TransformerSession session() {
        return session;
    }

    // ---- one prompt -------------------------------------------------------------------------

    /** Answers one prompt greedily (a fresh KV cache). */
    public PromptAnswer answer(FewShotPrompt prompt, AnswerRule rule) {
        try (Runner r = new Runner(rule)) {
            return r.answer(prompt);
        }
    }

    /**
     * Answers several prompts in turn with one KV cache, recomputing only what each prompt does
     * not share with the one before (same answers as {@link #answer} one by one).
     */
    public List<PromptAnswer> answerAll(List<FewShotPrompt> prompts, AnswerRule rule, Cancellation cancel) {
        List<PromptAnswer> out = new ArrayList<>();
        try (Runner r = new Runner(rule)) {
            for (FewShotPrompt p : prompts) {
                cancel.check();
                out.add(r.answer(p));
            }
        }
        return out;
    }

    /**
     * The four columns of the GPT-3 paper's figure for one query: zero-shot (description and
     * query), one-shot (+ the first example), few-shot (+ the first {@code k}), and the same
     * {@code k} examples without the description.
     */
    public SideBySide sideBySide(String description, List<ShotPair> examples, int k, ShotPair query, String arrow,
                                 AnswerRule rule) {
        if (query == null || query.input().isBlank()) {
            throw new InputException("There is no query.", "Type the word to ask about.");
        }
        int few = Math.min(k, examples.size());
        long before = session.weightsChecksum();
        List<SideBySide.Column> columns = new ArrayList<>();
        try (Runner r = new Runner(rule)) {
            columns.add(new SideBySide.Column(SideBySide.Kind.ZERO_SHOT,
                    r.answer(FewShotPrompt.of(description, List.of(), query, arrow))));
            columns.add(new SideBySide.Column(SideBySide.Kind.ONE_SHOT,
                    r.answer(FewShotPrompt.of(description, examples.subList(0, Math.min(1, few)), query, arrow))));
            columns.add(new SideBySide.Column(SideBySide.Kind.FEW_SHOT,
                    r.answer(FewShotPrompt.of(description, examples.subList(0, few), query, arrow))));
            columns.add(new SideBySide.Column(SideBySide.Kind.EXAMPLES_ONLY,
                    r.answer(FewShotPrompt.of("", examples.subList(0, few), query, arrow))));
        }
        return new SideBySide(columns, before, session.weightsChecksum());
    }

    // ---- accuracy against k -----------------------------------------------------------------

    /**
     * What an accuracy run does.
     *
     * @param shots            numbers of examples, e.g. 0, 1, 2, 4, 8
     * @param withDescription  run the prompts that start with the task's description line
     * @param withoutDescription run the prompts without it
     * @param orders           how many example orders (1 or more)
     * @param rule             where answers end
     */
    public record AccuracyRequest(List<Integer> shots, boolean withDescription, boolean withoutDescription, int orders,
                                  AnswerRule rule) {
        public AccuracyRequest {
            shots = List.copyOf(shots);
            if (shots.isEmpty() || shots.stream().anyMatch(k -> k < 0)) {
                throw new InputException("The numbers of examples " + shots + " are not valid.",
                        "Give numbers of examples of 0 or more, such as 0,1,2,4,8.");
            }
            if (orders < 1) {
                throw new InputException("The number of example orders is " + orders + ".", "Use 1 or more orders.");
            }
            if (!withDescription && !withoutDescription) {
                throw new InputException("Neither prompts with nor without the description were asked for.",
                        "Run with the description, without it, or both.");
            }
        }

        /** 0, 1, 2, 4, 8 examples, with and without the description, 3 orders, answers up to the line's end. */
        public static AccuracyRequest standard() {
            return new AccuracyRequest(DEFAULT_SHOTS, true, true, DEFAULT_ORDERS, AnswerRule.LINE);
        }
    }

    /**
     * Runs every query of {@code task} at each number of examples, with and without the
     * description, in each example order. Zero-shot prompts do not depend on the order, so they
     * run once and count for every order (no spread).
     *
     * @throws java.util.concurrent.CancellationException when {@code cancel} turns true
     */
    public AccuracyReport accuracy(FewShotTask task, AccuracyRequest request, Progress progress, Cancellation cancel) {
        if (task.queries().isEmpty()) {
            throw new InputException("The task '" + task.name() + "' has no queries to evaluate.",
                    "Choose a task from the model's task list.");
        }
        long start = System.nanoTime();
        List<Boolean> modes = new ArrayList<>();
        if (request.withDescription() && task.hasDescription()) {
            modes.add(true);
        }
        if (request.withoutDescription() || !task.hasDescription()) {
            modes.add(false);
        }
        List<Integer> shots = request.shots().stream().distinct().toList();
        int queries = task.queries().size();
        long total = 0;
        for (boolean ignored : modes) {
            for (int k : shots) {
                total += (long) queries * (k == 0 ? 1 : request.orders());
            }
        }
        long before = session.weightsChecksum();
        List<EvalItem> items = new ArrayList<>();
        List<AccuracyPoint> points = new ArrayList<>();
        long done = 0;
        try (Runner r = new Runner(request.rule())) {
            for (boolean desc : modes) {
                for (int k : shots) {
                    int runs = k == 0 ? 1 : request.orders();
                    int[] right = new int[runs];
                    for (int o = 0; o < runs; o++) {
                        List<ShotPair> order = order(task, o);
                        for (ShotPair q : task.queries()) {
                            cancel.check();
                            FewShotPrompt p = FewShotPrompt.of(desc ? task.description() : "",
                                    examplesFor(task, order, q, k), q, task.arrow());
                            PromptAnswer a = r.answer(p);
                            boolean ok = Boolean.TRUE.equals(a.correct());
                            right[o] += ok ? 1 : 0;
                            items.add(new EvalItem(k, desc, o, p.text(), q.input(), q.output(), a.answer(),
                                    a.probability(), ok));
                            done++;
                            progress.update(done, total, "k = " + k + (desc ? ", with description" : ", examples only")
                                    + (runs > 1 ? ", order " + (o + 1) : "") + ": " + done + " of " + total);
                        }
                    }
                    double[] byOrder = new double[request.orders()];
                    for (int o = 0; o < byOrder.length; o++) {
                        byOrder[o] = right[Math.min(o, runs - 1)] / (double) queries;
                    }
                    int sum = Arrays.stream(right).sum();
                    points.add(new AccuracyPoint(k, desc, byOrder, k == 0 ? sum * request.orders() : sum,
                            queries * request.orders()));
                }
            }
        }
        long after = session.weightsChecksum();
        return new AccuracyReport(task.name(), shots, request.orders(), points, items, before, after,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** Example order {@code o} of a task: its pairs shuffled with seed {@link #ORDER_SEED} + o. */
    public static List<ShotPair> order(FewShotTask task, int o) {
        List<ShotPair> pairs = new ArrayList<>(task.pairs());
        java.util.Collections.shuffle(pairs, new Random(ORDER_SEED + o));
        return pairs;
    }

    /**
     * The examples for query {@code q} with {@code k} shots from {@code order}: for a prompt-only
     * task whose pairs hold the query's own pair (a fresh mapping), that pair first and then
     * {@code k - 1} others; otherwise {@link #examplesFor(List, ShotPair, int)}.
     */
    public static List<ShotPair> examplesFor(FewShotTask task, List<ShotPair> order, ShotPair q, int k) {
        if (task.promptOnly() && k > 0 && task.pairs().contains(q)) {
            List<ShotPair> out = new ArrayList<>(k);
            out.add(q);
            for (ShotPair p : order) {
                if (out.size() == k) {
                    break;
                }
                if (!p.equals(q) && !norm(p.input()).equals(norm(q.input()))) {
                    out.add(p);
                }
            }
            return out;
        }
        return examplesFor(order, q, k);
    }

    /**
     * The first {@code k} pairs of {@code order} that do not give the answer away: none asks the
     * query itself or its expected answer ({@code cold -> hot} for the query {@code hot}), as in
     * the sample models' evaluation. Fewer when the order runs out.
     */
    public static List<ShotPair> examplesFor(List<ShotPair> order, ShotPair query, int k) {
        List<ShotPair> out = new ArrayList<>(k);
        String q = norm(query.input());
        String a = query.hasOutput() ? norm(query.output()) : null;
        for (ShotPair p : order) {
            if (out.size() == k) {
                break;
            }
            String in = norm(p.input());
            if (!in.equals(q) && !in.equals(a)) {
                out.add(p);
            }
        }
        return out;
    }

    private static String norm(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }

    // ---- attention ----------------------------------------------------------------------------

    /**
     * The attention row of the prompt's last token (the position whose output chooses the
     * answer's first token) in every layer and head, summed per prompt line, with the earlier
     * appearances of the query word and the token after each marked.
     */
    public AnswerAttention attention(FewShotPrompt prompt) {
        String text = prompt.text();
        Encoding e = session.encode(text);
        ForwardTrace trace = session.run(e, EnumSet.of(TraceItem.ATTENTIONS));
        List<TokenSpan> spans = session.spans(text);
        List<PromptLine> lines = prompt.lines();
        int t = e.length();
        int[] tokenLine = new int[t];
        for (int i = 0; i < t; i++) {
            tokenLine[i] = lineOf(lines, spans.get(i).start());
        }
        float[][][][] att = trace.attentions();   // [layer][head][query][key]
        float[][][] row = new float[att.length][][];
        float[][][] mass = new float[att.length][][];
        for (int l = 0; l < att.length; l++) {
            row[l] = new float[att[l].length][];
            mass[l] = new float[att[l].length][lines.size()];
            for (int h = 0; h < att[l].length; h++) {
                row[l][h] = att[l][h][t - 1].clone();
                for (int k = 0; k < t; k++) {
                    mass[l][h][tokenLine[k]] += row[l][h][k];
                }
            }
        }
        boolean[] earlier = new boolean[t];
        boolean[] after = new boolean[t];
        markEarlierQuery(prompt, lines, e.ids(), spans, earlier, after);
        return new AnswerAttention(e.tokens(), tokenLine, lines, row, mass, earlier, after);
    }

    private static int lineOf(List<PromptLine> lines, int charIndex) {
        for (int i = 0; i < lines.size(); i++) {
            if (charIndex < lines.get(i).end()) {
                return i;
            }
        }
        return lines.size() - 1;
    }

    /** Marks where the query word's tokens occurred before the query line, and the token after each occurrence. */
    private void markEarlierQuery(FewShotPrompt prompt, List<PromptLine> lines, int[] ids,
                                  List<TokenSpan> spans, boolean[] earlier, boolean[] after) {
        String word = prompt.query().input().strip();
        PromptLine queryLine = lines.get(lines.size() - 1);
        if (word.isEmpty()) {
            return;
        }
        int wordStart = queryLine.start() + Math.max(0, queryLine.text().lastIndexOf(word));
        if (!prompt.isFreeText()) {
            wordStart = queryLine.start() + queryLine.text().indexOf(word);
        }
        int wordEnd = wordStart + word.length();
        int firstQueryToken = ids.length;
        List<Integer> inQuery = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            TokenSpan s = spans.get(i);
            if (s.start() >= queryLine.start() && firstQueryToken == ids.length) {
                firstQueryToken = i;
            }
            if (s.end() > wordStart && s.start() < wordEnd) {
                inQuery.add(ids[i]);
            }
        }
        Set<List<Integer>> patterns = new LinkedHashSet<>();
        patterns.add(inQuery);
        patterns.add(boxed(session.encode(word).ids()));
        patterns.add(boxed(session.encode(" " + word).ids()));
        for (List<Integer> pattern : patterns) {
            int n = pattern.size();
            if (n == 0) {
                continue;
            }
            for (int i = 0; i + n <= firstQueryToken; i++) {
                boolean match = true;
                for (int j = 0; j < n && match; j++) {
                    match = ids[i + j] == pattern.get(j);
                }
                if (match) {
                    for (int j = 0; j < n; j++) {
                        earlier[i + j] = true;
                    }
                    if (i + n < ids.length) {
                        after[i + n] = true;
                    }
                }
            }
        }
    }

    private static List<Integer> boxed(int[] ids) {
        return Arrays.stream(ids).boxed().toList();
    }

    // ---- greedy decoding with a shared KV cache ---------------------------------------------

    /** Answers prompts one after another, reusing the KV cache for the tokens they share. */
    private final class Runner implements AutoCloseable {
        private final AnswerRule rule;
        private final CausalDecoder decoder;
        private final int eos;
        private final int maxPositions;
        private int[] cached = new int[0];   // the tokens in the decoder's cache, in order
        private final double[] probs;

        Runner(AnswerRule rule) {
            this.rule = rule;
            this.decoder = session.decoder();
            this.eos = session.endOfTextId();
            this.maxPositions = session.info().maxPositions();
            this.probs = new double[session.info().vocab()];
        }

        PromptAnswer answer(FewShotPrompt prompt) {
            int[] promptIds = session.encode(prompt.text()).ids();
            float[] logits = feed(promptIds);
            List<Alternative> top = null;
            int[] generated = new int[rule.maxNewTokens()];
            float[] p = new float[rule.maxNewTokens()];
            int n = 0;
            int answerTokens = -1;
            String answerText = null;
            while (true) {
                softmax(logits);
                int id = argmax(logits);
                if (top == null) {
                    top = top(TOP);
                }
                generated[n] = id;
                p[n] = (float) probs[id];
                n++;
                if (id == eos) {
                    answerTokens = n - 1;
                    answerText = session.decode(Arrays.copyOf(generated, n - 1));
                    break;
                }
                String sofar = session.decode(Arrays.copyOf(generated, n));
                int cut = rule.cut(sofar);
                if (cut >= 0) {
                    answerText = sofar.substring(0, cut);
                    answerTokens = tokensBefore(generated, n, cut);
                    break;
                }
                if (n == rule.maxNewTokens() || decoder.length() >= maxPositions) {
                    answerText = sofar;
                    answerTokens = n;
                    break;
                }
                logits = append(id);
            }
            double probability = 1;
            for (int i = 0; i < answerTokens; i++) {
                probability *= p[i];
            }
            if (answerTokens == 0) {
                probability = p[0];          // the answer is empty: how sure the model was to stop at once
            }
            String answer = answerText.strip();
            Boolean correct = prompt.query().hasOutput() ? answer.equals(prompt.query().output().strip()) : null;
            return new PromptAnswer(prompt, promptIds, answer, Arrays.copyOf(generated, answerTokens),
                    Arrays.copyOf(p, answerTokens), probability, top, correct);
        }

        /** How many of the first {@code n} generated tokens start before character {@code cut} of their text. */
        private int tokensBefore(int[] generated, int n, int cut) {
            for (int i = 0; i < n; i++) {
                if (session.decode(Arrays.copyOf(generated, i + 1)).length() > cut) {
                    return i + (session.decode(Arrays.copyOf(generated, i)).length() < cut ? 1 : 0);
                }
            }
            return n;
        }

        /** Runs {@code ids} from the start, keeping the longest prefix already cached. */
        private float[] feed(int[] ids) {
            int keep = 0;
            int limit = Math.min(cached.length, ids.length - 1);  // at least one token must run to get logits
            while (keep < limit && cached[keep] == ids[keep]) {
                keep++;
            }
            decoder.truncate(keep);
            float[] logits = decoder.extendLogits(Arrays.copyOfRange(ids, keep, ids.length));
            cached = ids.clone();
            return logits;
        }

        private float[] append(int id) {
            float[] logits = decoder.extendLogits(new int[] {id});
            cached = Arrays.copyOf(cached, cached.length + 1);
            cached[cached.length - 1] = id;
            return logits;
        }

        /** Softmax of {@code logits} into {@link #probs}, in double. */
        private void softmax(float[] logits) {
            double max = Double.NEGATIVE_INFINITY;
            for (float v : logits) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int i = 0; i < logits.length; i++) {
                probs[i] = Math.exp(logits[i] - max);
                sum += probs[i];
            }
            for (int i = 0; i < logits.length; i++) {
                probs[i] /= sum;
            }
        }

        /** The first index of the largest logit (torch.argmax). */
        private int argmax(float[] logits) {
            int best = 0;
            for (int i = 1; i < logits.length; i++) {
                if (logits[i] > logits[best]) {
                    best = i;
                }
            }
            return best;
        }

        private List<Alternative> top(int k) {
            int[] best = new int[Math.min(k, probs.length)];
            Arrays.fill(best, -1);
            for (int i = 0; i < probs.length; i++) {
                for (int j = 0; j < best.length; j++) {
                    if (best[j] < 0 || probs[i] > probs[best[j]]) {
                        System.arraycopy(best, j, best, j + 1, best.length - j - 1);
                        best[j] = i;
                        break;
                    }
                }
            }
            List<Alternative> out = new ArrayList<>();
            for (int id : best) {
                out.add(new Alternative(id, session.decode(new int[] {id}), (float) probs[id]));
            }
            return out;
        }

        @Override
        public void close() {
            decoder.close();
        }
    }
}
