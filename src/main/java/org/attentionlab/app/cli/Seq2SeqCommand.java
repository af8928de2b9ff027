package org.attentionlab.app.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attentionlab.engine.seq2seq.Seq2SeqModel;
import org.attentionlab.engine.seq2seq.Seq2SeqTrace;
import org.attentionlab.service.ModelCatalog;

/**
 * {@code seq2seq --model M --text T [--max-len N] [--target T2] [--contexts] [--repeat N] [--json]}: translates
 * with an RNN encoder-decoder and prints the output tokens, the alignment [target step][source
 * position] and the scores before the softmax (and the context vectors with --contexts). With
 * {@code --target}, the decoder is fed the given target (teacher forcing) instead of its own
 * predictions. Without {@code --json}, prints a readable alignment grid. With {@code --repeat N}
 * the translation runs N times and the JSON's {@code timing.translate_ms} is the median.
 */
public final class Seq2SeqCommand implements Command {
    private final ModelCatalog catalog;

    public Seq2SeqCommand(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "seq2seq";
    }

    @Override
    public String usage() {
        return "seq2seq --model M --text T [--max-len N] [--target T2] [--contexts] [--repeat N] [--json]";
    }

    @Override
    public String summary() {
        return "translate with a seq2seq model; prints output tokens and the alignment matrix";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, Set.of("model", "text", "max-len", "target", "repeat"), Set.of("json", "contexts"));
        int repeat = Timing.repeat(a);
        var ref = catalog.resolve(a.require("model"));
        err.println("loading " + ref.folder());
        long l0 = System.nanoTime();
        Seq2SeqModel model = Seq2SeqModel.load(ref.folder());
        double loadMs = (System.nanoTime() - l0) / 1e6;
        int[] src = model.encodeSource(a.require("text"));
        int[] forced = a.get("target") != null ? model.encodeTarget(a.get("target")) : null;
        int maxLen = a.getInt("max-len", model.config().maxTargetLength());
        double[] ms = new double[repeat];
        Seq2SeqTrace t = null;
        for (int r = 0; r < repeat; r++) {
            long t0 = System.nanoTime();
            t = forced != null ? model.forceDecode(src, forced) : model.translate(src, maxLen);
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        if (!a.flag("json")) {
            printTable(t, out);
            return 0;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", Map.of("type", "seq2seq", "rnn_type", model.config().rnnType().configName(),
                "score", t.scoreFunction().configName(), "hidden", model.config().hiddenSize()));
        json.put("source_tokens", t.sourceTokens());
        json.put("source_ids", t.sourceIds());
        json.put("output_tokens", t.outputTokens());
        json.put("output_ids", t.outputIds());
        json.put("text", t.outputText());
        json.put("teacher_forced", t.teacherForced());
        json.put("alignment", t.alignment());
        json.put("scores", t.scores());
        if (a.flag("contexts")) {
            json.put("contexts", t.contexts());
        }
        Map<String, Object> timing = new LinkedHashMap<>();
        timing.put("load_ms", Timing.round(loadMs));
        timing.put("translate_ms", Timing.round(Timing.median(ms)));
        timing.put("repeat", repeat);
        json.put("timing", timing);
        Json.print(out, json);
        return 0;
    }

    /** A readable alignment grid for a terminal: one row per output token, weights in percent. */
    private static void printTable(Seq2SeqTrace t, PrintStream out) {
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
