package org.attentionlab.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attentionlab.domain.Generation;
import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.domain.InputException;
import org.attentionlab.service.Cancellation;
import org.attentionlab.service.ModelCatalog;
import org.attentionlab.service.ModelRef;
import org.attentionlab.service.TransformerSession;
import org.attentionlab.service.ModelSessions;
import org.attentionlab.service.generation.StepTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code generate --model M --prompt T --max-new-tokens N [--greedy | --temperature t --top-k k
 * --top-p p --seed s] [--no-stop] [--repeat R] --json}: continues a prompt with GPT-2.
 *
 * <p>JSON: {@code prompt_ids}, {@code new_ids}, {@code text} (the continuation only),
 * {@code full_text} (prompt and continuation), {@code stop_reason}, and {@code timing}:
 * {@code prefill_ms} (start to the first new token: the prompt's forward pass and the first
 * choice), {@code decode_ms_per_token} (mean time per later token) and
 * {@code tokens_per_second} (1000 / decode_ms_per_token). {@code text} and {@code full_text} leave out a
 * final end-of-text token ({@code new_ids} keeps it). With {@code --trace-top K}, {@code steps} lists
 * each new token: {@code position, token, id, prob, rank, top:[{token, id, prob, kept}],
 * kept_by_top_k, kept_by_top_p} (counts), {@code prob_sampled} and {@code draw} (null when greedy). With {@code --repeat R} the whole
 * generation runs R times and each figure is the median.
 */
@Command(name = "generate", header = "continue a prompt with GPT-2 (greedy or seeded sampling), with timing", synopsisHeading = "",
        customSynopsis = "usage: java -jar attention-lab.jar generate --model M --prompt T [--max-new-tokens N] [--greedy | --temperature t --top-k k --top-p p --seed s] [--no-stop] [--trace-top K] [--repeat R] [--json]")
public final class GenerateCommand extends CliCommand {
    @Option(names = "--model", paramLabel = "M", required = true, description = "sample name, model folder, or HuggingFace cache name")
    private String model;
    @Option(names = "--prompt", paramLabel = "T", required = true, description = "the text to continue")
    private String prompt;
    @Option(names = "--max-new-tokens", paramLabel = "N", defaultValue = "20", description = "tokens to add at most")
    private int maxNewTokens;
    @Option(names = "--greedy", description = "always take the most likely token (the default when no sampling option is given)")
    private boolean greedy;
    @Option(names = "--temperature", paramLabel = "t", description = "sample, dividing the logits by t (default when sampling: 1.0)")
    private Double temperature;
    @Option(names = "--top-k", paramLabel = "k", description = "sample among the k most likely tokens; 0 keeps all (default when sampling: 0)")
    private Integer topK;
    @Option(names = "--top-p", paramLabel = "p", description = "sample among the most likely tokens whose probabilities add up to p (default when sampling: 1.0)")
    private Double topP;
    @Option(names = "--seed", paramLabel = "s", description = "seed of the sampler; the same seed gives the same text (default when sampling: 0)")
    private Long seed;
    @Option(names = "--no-stop", description = "keep going after the end-of-text token")
    private boolean noStop;
    @Option(names = "--repeat", paramLabel = "R", defaultValue = "1", description = "generate R times; each timing is the median")
    private int repeat;
    @Option(names = "--trace-top", paramLabel = "K", defaultValue = "0",
            description = "add steps: each new token's probability, rank, the K most likely tokens, what top-k and top-p kept, and the draw")
    private int traceTop;
    @Option(names = "--json", description = "print JSON (always on; accepted for scripts)")
    private boolean json;

    @Override
    protected int run() throws Exception {
        int repeat = Timing.repeat(this.repeat);
        if (traceTop < 0) {
            throw new InputException("--trace-top must be 0 or more, not " + traceTop + ".", "Use a value such as 5.");
        }
        int n = maxNewTokens;
        boolean sampling = temperature != null || topK != null || topP != null || seed != null;
        if (greedy && sampling) {
            throw new InputException("--greedy cannot be combined with --temperature, --top-k, --top-p or --seed.",
                    "Choose greedy decoding or sampling.");
        }
        GenerationSettings settings = sampling
                ? GenerationSettings.sampling(n, temperature != null ? temperature : 1.0, topK != null ? topK : 0,
                        topP != null ? topP : 1.0, seed != null ? seed : 0)
                : GenerationSettings.greedy(n);
        settings = settings.withStopAtEos(!noStop);
        ModelRef ref = catalog.resolve(model);
        err.println("loading " + ref.folder());
        try (TransformerSession session = ModelSessions.openTransformer(ref)) {
            if (!session.canGenerate()) {
                throw new InputException(ref.name() + " is a " + session.info().kind().name() + " model, which does not generate text.",
                        "Choose a GPT-2 model.");
            }
            int[] prompt = session.encode(this.prompt).ids();
            int room = session.info().maxPositions() - prompt.length + 1;
            if (n > room) {
                err.println("note: --max-new-tokens " + n + " is more than " + ref.name() + "'s context of "
                        + session.info().maxPositions() + " leaves after the prompt; at most " + room + " tokens are generated.");
            }
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
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("model", InspectCommand.modelJson(session.info()));
            result.put("prompt_ids", g.promptIds());
            result.put("new_ids", g.newIds());
            result.put("new_tokens", java.util.Arrays.stream(g.newIds()).mapToObj(session::token).toList());
            int[] shown = withoutEndOfText(g, session.endOfTextId());
            result.put("text", session.decode(shown));
            int[] all = g.allIds();
            result.put("full_text", session.decode(java.util.Arrays.copyOf(all, g.promptIds().length + shown.length)));
            result.put("stop_reason", g.stopReason().name().toLowerCase());
            Map<String, Object> timing = new LinkedHashMap<>();
            timing.put("prefill_ms", Timing.round(Timing.median(prefill)));
            timing.put("decode_ms_per_token", Double.isNaN(perTokenMs) ? null : Timing.round(perTokenMs));
            timing.put("tokens_per_second", Double.isNaN(perTokenMs) ? null : Timing.round(1000 / perTokenMs));
            timing.put("repeat", repeat);
            result.put("timing", timing);
            if (traceTop > 0) {
                result.put("steps", steps(StepTable.trace(session, g.promptIds(), g.newIds(), settings, traceTop)));
            }
            Json.print(out, result);
        }
        return 0;
    }

    /** The new ids without a final end-of-text token (the text shows no end-of-text marker). */
    static int[] withoutEndOfText(Generation g, int eos) {
        int[] ids = g.newIds();
        return g.stopReason() == Generation.StopReason.END_OF_TEXT && ids.length > 0 && ids[ids.length - 1] == eos
                ? java.util.Arrays.copyOf(ids, ids.length - 1) : ids;
    }

    private static List<Map<String, Object>> steps(List<StepTable.Row> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StepTable.Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("position", r.position());
            m.put("token", r.token());
            m.put("id", r.id());
            m.put("prob", r.prob());
            m.put("rank", r.rank());
            List<Map<String, Object>> top = new ArrayList<>();
            for (StepTable.Alternative a : r.top()) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("token", a.token());
                t.put("id", a.id());
                t.put("prob", a.prob());
                t.put("kept", a.keptByTopP());
                top.add(t);
            }
            m.put("top", top);
            m.put("kept_by_top_k", r.keptByTopK());
            m.put("kept_by_top_p", r.keptByTopP());
            m.put("prob_sampled", r.probSampled());
            m.put("draw", Double.isNaN(r.draw()) ? null : r.draw());
            out.add(m);
        }
        return out;
    }
}
