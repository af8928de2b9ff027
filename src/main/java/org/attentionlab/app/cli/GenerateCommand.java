package org.attentionlab.app.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attentionlab.domain.Generation;
import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.domain.InputException;
import org.attentionlab.service.Cancellation;
import org.attentionlab.service.ModelCatalog;
import org.attentionlab.service.ModelRef;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.ModelSessions;

/**
 * {@code generate --model M --prompt T --max-new-tokens N [--greedy | --temperature t --top-k k
 * --top-p p --seed s] [--no-stop] [--repeat R] --json}: continues a prompt with GPT-2.
 *
 * <p>JSON: {@code prompt_ids}, {@code new_ids}, {@code text} (the continuation only),
 * {@code full_text} (prompt and continuation), {@code stop_reason}, and {@code timing}:
 * {@code prefill_ms} (start to the first new token: the prompt's forward pass and the first
 * choice), {@code decode_ms_per_token} (mean time per later token) and
 * {@code tokens_per_second} (1000 / decode_ms_per_token). With {@code --repeat R} the whole
 * generation runs R times and each figure is the median.
 */
public final class GenerateCommand implements Command {
    private final ModelCatalog catalog;

    public GenerateCommand(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "generate";
    }

    @Override
    public String usage() {
        return "generate --model M --prompt T [--max-new-tokens N] [--greedy | --temperature t --top-k k --top-p p --seed s] [--no-stop] [--repeat R] [--json]";
    }

    @Override
    public String summary() {
        return "continue a prompt with GPT-2 (greedy or seeded sampling), with timing";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, Set.of("model", "prompt", "max-new-tokens", "temperature", "top-k", "top-p", "seed", "repeat"),
                Set.of("json", "greedy", "no-stop"));
        int repeat = Timing.repeat(a);
        int n = a.getInt("max-new-tokens", 20);
        boolean sampling = a.get("temperature") != null || a.get("top-k") != null || a.get("top-p") != null || a.get("seed") != null;
        if (a.flag("greedy") && sampling) {
            throw new InputException("--greedy cannot be combined with --temperature, --top-k, --top-p or --seed.",
                    "Choose greedy decoding or sampling.");
        }
        GenerationSettings settings = sampling
                ? GenerationSettings.sampling(n, a.getDouble("temperature", 1.0), a.getInt("top-k", 0), a.getDouble("top-p", 1.0),
                        a.getLong("seed", 0))
                : GenerationSettings.greedy(n);
        settings = settings.withStopAtEos(!a.flag("no-stop"));
        ModelRef ref = catalog.resolve(a.require("model"));
        InspectCommand.refuseSeq2seq(ref);
        err.println("loading " + ref.folder());
        try (ModelSession session = ModelSessions.open(ref)) {
            if (!session.canGenerate()) {
                throw new InputException(ref.name() + " is a " + session.info().kind().name() + " model, which does not generate text.",
                        "Choose a GPT-2 model.");
            }
            int[] prompt = session.encode(a.require("prompt")).ids();
            double[] prefill = new double[repeat];
            double[] perToken = new double[repeat];
            Generation g = null;
            for (int r = 0; r < repeat; r++) {
                long[] firstAt = {0};
                long t0 = System.nanoTime();
                g = session.generate(prompt, settings, (step, id, p) -> {
                    if (step == 0) {
                        firstAt[0] = System.nanoTime();
                    }
                }, Cancellation.NONE);
                long t1 = System.nanoTime();
                prefill[r] = (firstAt[0] - t0) / 1e6;
                int later = g.newIds().length - 1;
                perToken[r] = later > 0 ? (t1 - firstAt[0]) / 1e6 / later : Double.NaN;
            }
            double perTokenMs = Timing.median(perToken);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("model", InspectCommand.modelJson(session.info()));
            json.put("prompt_ids", g.promptIds());
            json.put("new_ids", g.newIds());
            json.put("new_tokens", java.util.Arrays.stream(g.newIds()).mapToObj(session::token).toList());
            json.put("text", session.decode(g.newIds()));
            json.put("full_text", session.decode(g.allIds()));
            json.put("stop_reason", g.stopReason().name().toLowerCase());
            Map<String, Object> timing = new LinkedHashMap<>();
            timing.put("prefill_ms", Timing.round(Timing.median(prefill)));
            timing.put("decode_ms_per_token", Double.isNaN(perTokenMs) ? null : Timing.round(perTokenMs));
            timing.put("tokens_per_second", Double.isNaN(perTokenMs) ? null : Timing.round(1000 / perTokenMs));
            timing.put("repeat", repeat);
            json.put("timing", timing);
            Json.print(out, json);
        }
        return 0;
    }
}
