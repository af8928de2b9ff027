package org.attentionlab.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.masking.Candidate;
import org.attentionlab.domain.masking.MaskTokens;
import org.attentionlab.domain.masking.MaskingResult;
import org.attentionlab.domain.masking.MaskingSettings;
import org.attentionlab.domain.masking.PositionPrediction;
import org.attentionlab.domain.masking.Replacement;
import org.attentionlab.domain.masking.RunStats;
import org.attentionlab.domain.masking.SelectionMode;
import org.attentionlab.service.Cancellation;
import org.attentionlab.service.ModelRef;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.ModelSessions;
import org.attentionlab.service.masking.MaskingService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mask --model M --text T [--pair T2] [--seed S] [--positions 3,7] [--whole-words]
 * [--mode exact|training] [--top-k K] [--runs N] --json}: the masked-word lesson headless. Selects
 * 15% of the tokens with the seeded generator (or the given positions, or the typed [MASK]s),
 * replaces them 80 / 10 / 10, runs BERT on the corrupted input and prints the predictions and the
 * loss on the selected positions; with {@code --runs N}, the fractions measured over N draws.
 */
@Command(name = "mask", header = "masked-word lesson: 15% selection, 80/10/10 replacement, predictions and loss as JSON",
        synopsisHeading = "", customSynopsis = "usage: java -jar attention-lab.jar mask --model M --text T [--pair T2] [--seed S]"
        + " [--positions 3,7] [--whole-words] [--mode exact|training] [--top-k K] [--runs N] [--json]")
public final class MaskCommand extends CliCommand {
    @Option(names = "--model", paramLabel = "M", required = true, description = "a BERT sample name, model folder, or HuggingFace cache name")
    private String model;
    @Option(names = "--text", paramLabel = "T", required = true, description = "the sentence; typed [MASK]s are the selection")
    private String text;
    @Option(names = "--pair", paramLabel = "T2", description = "a second sentence (sentence pair)")
    private String pair;
    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed of the selection and replacement draws")
    private long seed;
    @Option(names = "--positions", paramLabel = "3,7", split = ",", description = "select these token positions by hand")
    private List<Integer> positions;
    @Option(names = "--whole-words", description = "select all pieces of a word together")
    private boolean wholeWords;
    @Option(names = "--mode", paramLabel = "exact|training", defaultValue = "exact",
            description = "exact: round(15%) of the eligible tokens; training: each token with probability 0.15")
    private String mode;
    @Option(names = "--top-k", paramLabel = "K", defaultValue = "5", description = "predictions listed per selected position (1-20)")
    private int topK;
    @Option(names = "--runs", paramLabel = "N", description = "also repeat the selection and replacement N times with fresh seeds")
    private Integer runs;
    @Option(names = "--json", description = "print JSON (always on; accepted for scripts)")
    private boolean json;

    @Override
    protected int run() throws Exception {
        SelectionMode selection = switch (mode.toLowerCase(Locale.ROOT)) {
            case "exact" -> SelectionMode.EXACT;
            case "training" -> SelectionMode.TRAINING;
            default -> throw new InputException("Unknown --mode " + mode + ".", "Use --mode exact or --mode training.");
        };
        if (runs != null && runs < 1) {
            throw new InputException("--runs must be at least 1, not " + runs + ".", "Use for example --runs 1000.");
        }
        ModelRef ref = catalog.resolve(model);
        err.println("loading " + ref.folder());
        try (ModelSession session = ModelSessions.open(ref)) {
            MaskingService service = new MaskingService(session);
            MaskingSettings settings = new MaskingSettings(seed, selection, wholeWords, positions);
            MaskTokens tokens = service.tokens(text, pair);
            MaskingResult result = service.predict(service.corrupt(tokens, settings), topK);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("tokens", tokens.encoding().tokens());
            List<Object> selected = new ArrayList<>();
            for (Replacement r : result.corruption().replacements()) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("position", r.position());
                s.put("original", r.original());
                s.put("action", r.fate().label());
                s.put("input_token", r.inputToken());
                selected.add(s);
            }
            json.put("selected", selected);
            json.put("corrupted_tokens", result.corruption().corruptedTokens());
            json.put("corrupted_ids", result.corruption().corruptedIds());
            List<Object> predictions = new ArrayList<>();
            for (PositionPrediction p : result.predictions()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("position", p.position());
                m.put("original", p.replacement().original());
                List<Object> top = new ArrayList<>();
                for (Candidate c : p.top()) {
                    Map<String, Object> t = new LinkedHashMap<>();
                    t.put("token", c.token());
                    t.put("id", c.id());
                    t.put("prob", c.prob());
                    top.add(t);
                }
                m.put("top", top);
                m.put("original_prob", finite(p.originalProb()));
                m.put("original_rank", p.scored() ? p.originalRank() : null);
                m.put("loss", finite(p.loss()));
                predictions.add(m);
            }
            json.put("predictions", predictions);
            json.put("mean_loss", finite(result.meanLoss()));
            if (!result.canPredict()) {
                json.put("note", result.note());
            }
            if (runs != null) {
                RunStats stats = service.repeat(tokens, settings, runs, runs, s -> { }, Cancellation.NONE);
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("runs", stats.runs());
                f.put("selected_fraction", stats.selectedFraction());
                f.put("mask", stats.maskFraction());
                f.put("random", stats.randomFraction());
                f.put("keep", stats.keepFraction());
                json.put("fractions", f);
            }
            Json.print(out, json);
        }
        return 0;
    }

    /** JSON has no NaN: a value that does not exist (a typed [MASK] has no truth) is null. */
    private static Double finite(double x) {
        return Double.isFinite(x) ? x : null;
    }
}
