package org.attentionlab.app.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.domain.Translation;
import org.attentionlab.service.ModelSessions;
import org.attentionlab.service.Seq2SeqSession;
import org.attentionlab.service.seq2seq.Seq2SeqService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seq2seq --model M --text T [--max-len N] [--target T2] [--contexts] [--repeat N] [--json]}: translates
 * with an RNN encoder-decoder and prints the output tokens, the alignment [target step][source
 * position] and the scores before the softmax (and the context vectors with --contexts). With
 * {@code --target}, the decoder is fed the given target (teacher forcing) instead of its own
 * predictions. Without {@code --json}, prints a readable alignment grid. With {@code --repeat N}
 * the translation runs N times and the JSON's {@code timing.translate_ms} is the median.
 */
@Command(name = "seq2seq", header = "translate with a seq2seq model; prints output tokens and the alignment matrix", synopsisHeading = "",
        customSynopsis = "usage: java -jar attention-lab.jar seq2seq --model M --text T [--max-len N] [--target T2] [--contexts] [--repeat N] [--json]")
public final class Seq2SeqCommand extends CliCommand {
    @Option(names = "--model", paramLabel = "M", required = true, description = "a seq2seq model: sample name (seq2seq-dot, seq2seq-bilinear, seq2seq-mlp, seq2seq-dates), model folder, or cache name; no default")
    private String model;
    @Option(names = "--text", paramLabel = "T", required = true, description = "the sentence to translate")
    private String text;
    @Option(names = "--max-len", paramLabel = "N", description = "output tokens at most (default: the model's max_target_length)")
    private Integer maxLen;
    @Option(names = "--target", paramLabel = "T2", description = "feed this target to the decoder (teacher forcing) instead of its own predictions")
    private String target;
    @Option(names = "--contexts", description = "add the context vectors [target step][hidden]")
    private boolean contexts;
    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1", description = "translate N times; timing is the median")
    private int repeat;
    @Option(names = "--json", description = "print JSON; without it, a readable alignment grid")
    private boolean json;

    @Override
    protected int run() throws Exception {
        int repeat = Timing.repeat(this.repeat);
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
            double[] ms = new double[repeat];
            Translation t = null;
            for (int r = 0; r < repeat; r++) {
                long t0 = System.nanoTime();
                t = service.translate(session, text, target, maxLen);
                ms[r] = (System.nanoTime() - t0) / 1e6;
            }
            if (!json) {
                printTable(t, out);
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
            result.put("alignment", t.alignment());
            result.put("scores", t.scores());
            if (contexts) {
                result.put("contexts", t.contexts());
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
