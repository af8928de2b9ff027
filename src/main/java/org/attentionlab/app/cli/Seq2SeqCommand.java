package org.attentionlab.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attentionlab.domain.BeamTree;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.LengthAccuracy;
import org.attentionlab.domain.TestSentence;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.domain.Translation;
import org.attentionlab.domain.WordProbability;
import org.attentionlab.service.ModelSessions;
import org.attentionlab.service.Seq2SeqSession;
import org.attentionlab.service.seq2seq.Seq2SeqService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seq2seq --model M --text T [--max-len N] [--target T2 | --force W] [--beam K] [--steps] [--contexts]
 * [--repeat N] [--json]} or {@code seq2seq --model M --eval FILE}: translates
 * with an RNN encoder-decoder and prints the output tokens, the alignment [target step][source
 * position] and the scores before the softmax (and the context vectors with --contexts). With
 * {@code --target}, the decoder is fed the given target (teacher forcing) instead of its own
 * predictions. Without {@code --json}, prints a readable alignment grid. With {@code --repeat N}
 * the translation runs N times and the JSON's {@code timing.translate_ms} is the median.
 * {@code --force W} forces the first output words and lets the model go on; {@code --steps} adds
 * every decoder step's state, scores, weights, context and top 5; {@code --beam K} adds a beam
 * search with every candidate and hypothesis; {@code --eval FILE} measures exact match and
 * attention on gold over a test file, by source length.
 */
@Command(name = "seq2seq", header = "translate with a seq2seq model; prints output tokens and the alignment matrix", synopsisHeading = "",
        customSynopsis = "usage: java -jar attention-lab.jar seq2seq --model M (--text T [--max-len N] [--target T2 | --force W] [--beam K] [--steps] [--contexts] [--repeat N] [--json] | --eval FILE)")
public final class Seq2SeqCommand extends CliCommand {
    @Option(names = "--model", paramLabel = "M", required = true, description = "a seq2seq model: sample name (seq2seq-dot, seq2seq-bilinear, seq2seq-mlp, seq2seq-dates), model folder, or cache name; no default")
    private String model;
    @Option(names = "--text", paramLabel = "T", description = "the sentence to translate (required, except with --eval FILE)")
    private String text;
    @Option(names = "--max-len", paramLabel = "N", description = "output tokens at most (default: the model's max_target_length)")
    private Integer maxLen;
    @Option(names = "--target", paramLabel = "T2", description = "feed this target to the decoder (teacher forcing) instead of its own predictions")
    private String target;
    @Option(names = "--force", paramLabel = "W", description = "force these first output words, then let the model go on (free running)")
    private String force;
    @Option(names = "--beam", paramLabel = "K", description = "also run beam search of width K (1-8): every candidate and hypothesis with its log-probability")
    private Integer beam;
    @Option(names = "--steps", description = "add every decoder step: state, scores, weights, context vector, top 5")
    private boolean steps;
    @Option(names = "--eval", paramLabel = "FILE", description = "exact match and attention on gold over a test file (.tsv or .jsonl), by source length")
    private Path eval;
    @Option(names = "--contexts", description = "add the context vectors [target step][hidden]")
    private boolean contexts;
    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1", description = "translate N times; timing is the median")
    private int repeat;
    @Option(names = "--json", description = "print JSON; without it, a readable alignment grid")
    private boolean json;

    @Override
    protected int run() throws Exception {
        int repeat = Timing.repeat(this.repeat);
        if (eval == null && text == null) {
            throw new InputException("seq2seq needs --text (a sentence to translate) or --eval (a test file).",
                    "Add --text \"...\" or --eval FILE.");
        }
        if (target != null && force != null) {
            throw new InputException("--target (teacher forcing of the whole output) and --force (a forced prefix) exclude each other.",
                    "Use one of them.");
        }
        var ref = catalog.resolve(this.model);
        if (ref.kind() != null && ref.kind() != ModelKind.SEQ2SEQ) {
            // Before loading: a BERT or GPT-2 folder is fine, it is just not a translator.
            throw new InputException(ref.name() + " is a " + ref.kind().name() + " model; seq2seq needs a seq2seq translator.",
                    "Use one of the seq2seq samples (" + seq2seqSamples() + "), e.g. seq2seq --model seq2seq-dot --text \"the cat sleeps\"; "
                            + "to see " + ref.name() + "'s attention use inspect --model " + ref.name() + " --text T.");
        }
        err.println("loading " + ref.folder());
        long l0 = System.nanoTime();
        try (Seq2SeqSession session = ModelSessions.openSeq2seq(ref)) {
            double loadMs = (System.nanoTime() - l0) / 1e6;
            Seq2SeqService service = new Seq2SeqService();
            if (eval != null) {
                return evaluate(service, session, loadMs);
            }
            double[] ms = new double[repeat];
            Translation t = null;
            for (int r = 0; r < repeat; r++) {
                long t0 = System.nanoTime();
                t = force != null ? service.decodeWithPrefix(session, text, force, maxLen) : service.translate(session, text, target, maxLen);
                ms[r] = (System.nanoTime() - t0) / 1e6;
            }
            BeamTree beamTree = beam != null ? service.beamSearch(session, text, beam, maxLen) : null;
            if (!json) {
                printTable(t, out);
                if (beamTree != null) {
                    printBeam(beamTree, out);
                }
                return 0;
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("model", Map.of("type", "seq2seq", "rnn_type", session.rnnType(),
                    "score", t.scoreFunction(), "hidden", session.hiddenSize()));
            result.put("source_tokens", t.sourceTokens());
            result.put("source_ids", t.sourceIds());
            result.put("output_tokens", t.outputTokens());
            result.put("output_ids", t.outputIds());
            result.put("text", t.outputText());
            result.put("teacher_forced", t.teacherForced());
            result.put("forced_steps", t.forcedSteps());
            result.put("alignment", t.alignment());
            result.put("scores", t.scores());
            if (contexts) {
                result.put("contexts", t.contexts());
            }
            if (steps) {
                result.put("steps", steps(t));
            }
            if (beamTree != null) {
                result.put("beam", beam(beamTree));
            }
            Map<String, Object> timing = new LinkedHashMap<>();
            timing.put("load_ms", Timing.round(loadMs));
            timing.put("translate_ms", Timing.round(Timing.median(ms)));
            timing.put("repeat", repeat);
            result.put("timing", timing);
            Json.print(out, result);
        }
        return 0;
    }

    private int evaluate(Seq2SeqService service, Seq2SeqSession session, double loadMs) throws java.io.IOException {
        List<TestSentence> sentences = service.readTestFile(eval);
        long t0 = System.nanoTime();
        int[] lastTenth = {0};
        LengthAccuracy acc = service.evaluate(session, sentences, (done, total, what) -> {
            int tenth = (int) (done * 10 / total);
            synchronized (lastTenth) {
                if (tenth > lastTenth[0]) {
                    lastTenth[0] = tenth;
                    err.println("evaluated " + done + " of " + total);
                }
            }
        }, org.attentionlab.service.Cancellation.NONE);
        double evalMs = (System.nanoTime() - t0) / 1e6;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("model", session.info().name());
        result.put("score", session.scoreFunction());
        result.put("file", eval.toString());
        result.put("sentences", acc.sentences());
        result.put("exact_match", nanToNull(acc.exactMatch()));
        result.put("attention_on_gold", nanToNull(acc.attentionOnGold()));
        List<Map<String, Object>> buckets = new ArrayList<>();
        for (LengthAccuracy.Bucket b : acc.buckets()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source_length", b.sourceLength());
            m.put("sentences", b.sentences());
            m.put("exact_match", nanToNull(b.exactMatch()));
            m.put("aligned_words", b.alignedWords());
            m.put("attention_on_gold", nanToNull(b.attentionOnGold()));
            buckets.add(m);
        }
        result.put("by_source_length", buckets);
        result.put("timing", Map.of("load_ms", Timing.round(loadMs), "eval_ms", Timing.round(evalMs)));
        Json.print(out, result);
        return 0;
    }

    private static Object nanToNull(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static List<Map<String, Object>> steps(Translation t) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < t.steps(); i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step", i);
            m.put("input_id", t.decoderInputIds()[i]);
            m.put("output", t.outputTokens().get(i));
            m.put("forced", t.forced(i));
            m.put("decoder_state", t.decoderStates()[i]);
            m.put("scores", t.scores()[i]);
            m.put("weights", t.alignment()[i]);
            m.put("context", t.contexts()[i]);
            List<Map<String, Object>> top = new ArrayList<>();
            for (WordProbability w : t.topWords().get(i)) {
                top.add(Map.of("word", w.word(), "id", w.id(), "probability", w.probability()));
            }
            m.put("top5", top);
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> beam(BeamTree b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("width", b.width());
        List<List<Map<String, Object>>> steps = new ArrayList<>();
        for (List<BeamTree.Node> step : b.steps()) {
            List<Map<String, Object>> nodes = new ArrayList<>();
            for (BeamTree.Node n : step) {
                Map<String, Object> node = new LinkedHashMap<>();
                node.put("parent", n.parent());
                node.put("word", n.word());
                node.put("log_prob", n.wordLogProb());
                node.put("score", n.score());
                node.put("status", n.fate().name().toLowerCase(java.util.Locale.ROOT));
                nodes.add(node);
            }
            steps.add(nodes);
        }
        m.put("steps", steps);
        List<Map<String, Object>> hyps = new ArrayList<>();
        for (BeamTree.Hypothesis h : b.hypotheses()) {
            Map<String, Object> hm = new LinkedHashMap<>();
            hm.put("text", h.text());
            hm.put("words", h.words());
            hm.put("score", h.score());
            hm.put("finished", h.finished());
            hyps.add(hm);
        }
        m.put("hypotheses", hyps);
        m.put("best", b.best().text());
        return m;
    }

    private static void printBeam(BeamTree b, PrintStream out) {
        out.println("beam search, width " + b.width() + ":");
        for (BeamTree.Hypothesis h : b.hypotheses()) {
            out.printf("  %8.3f  %s%s%n", h.score(), h.text(), h.finished() ? "" : "  (unfinished)");
        }
    }

    private String seq2seqSamples() {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (var r : catalog.available()) {
            if (r.kind() == ModelKind.SEQ2SEQ) {
                names.add(r.name());
            }
        }
        return names.isEmpty() ? "none found" : String.join(", ", names);
    }

    /** A readable alignment grid for a terminal: one row per output token, weights in percent. */
    private static void printTable(Translation t, PrintStream out) {
        out.println(String.join(" ", t.sourceTokens()) + "  ->  " + t.outputText());
        int w = 6;
        for (String s : t.sourceTokens()) {
            w = Math.max(w, s.length() + 1);
        }
        StringBuilder head = new StringBuilder(String.format("%-12s", ""));
        for (String s : t.sourceTokens()) {
            head.append(String.format("%" + w + "s", s));
        }
        out.println(head);
        for (int i = 0; i < t.outputTokens().size(); i++) {
            StringBuilder row = new StringBuilder(String.format("%-12s", t.outputTokens().get(i)));
            for (float v : t.alignment()[i]) {
                row.append(String.format("%" + w + "d", Math.round(v * 100)));
            }
            out.println(row);
        }
    }
}
