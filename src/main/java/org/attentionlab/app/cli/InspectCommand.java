package org.attentionlab.app.cli;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attentionlab.domain.EmbeddingParts;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.HeadProjections;
import org.attentionlab.domain.LogitLens;
import org.attentionlab.domain.MaskPrediction;
import org.attentionlab.domain.ModelInfo;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.service.ModelCatalog;
import org.attentionlab.service.ModelRef;
import org.attentionlab.service.TransformerSession;
import org.attentionlab.service.explorer.ExplorerRun;
import org.attentionlab.service.explorer.ExplorerService;
import org.attentionlab.service.ModelSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code inspect --model M --text T [--pair T2] [--logits] [--hidden] [--embeddings] [--projections]
 * [--logit-lens] [--top K] [--repeat N] --json}: tokenizes, runs one forward pass and prints tokens,
 * ids, segment ids, all attentions [layer][head][query][key], optionally logits, the last hidden
 * state, the embedding parts, every layer's per-head q, k, v and head outputs, and the top K of the
 * logit lens, and for BERT the top predictions for every {@code [MASK]}. With {@code --repeat N} the
 * forward pass runs N times and {@code timing.forward_ms} is the median.
 */
@Command(name = "inspect", header = "tokens, attentions [layer][head][query][key], logits, mask predictions as JSON",
        synopsisHeading = "", customSynopsis = "usage: java -jar attention-lab.jar inspect --model M --text T [--pair T2] [--logits] [--hidden] [--embeddings] [--projections] [--logit-lens] [--top K] [--repeat N] [--json]")
public final class InspectCommand extends CliCommand {
    @Option(names = "--model", paramLabel = "M", required = true, description = "sample name, model folder, or HuggingFace cache name")
    private String model;
    @Option(names = "--text", paramLabel = "T", required = true, description = "the text to run")
    private String text;
    @Option(names = "--pair", paramLabel = "T2", description = "a second sentence (BERT sentence pairs)")
    private String pair;
    @Option(names = "--logits", description = "add the logits [token][vocab]")
    private boolean logits;
    @Option(names = "--hidden", description = "add the last hidden state [token][dim]")
    private boolean hidden;
    @Option(names = "--embeddings", description = "add each token's token, position and (BERT) segment embeddings and their sum")
    private boolean embeddings;
    @Option(names = "--projections", description = "add every layer's q, k, v [head][token][d] and head outputs before the output projection")
    private boolean projections;
    @Option(names = "--logit-lens", description = "add the top K tokens of the output head applied to every layer's hidden state")
    private boolean logitLens;
    @Option(names = "--top", paramLabel = "K", defaultValue = "5", description = "predictions listed for every [MASK] (BERT) and every logit-lens entry")
    private int top;
    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1", description = "run the forward pass N times; timing is the median")
    private int repeat;
    @Option(names = "--json", description = "print JSON (always on; accepted for scripts)")
    private boolean json;

    @Override
    protected int run() throws Exception {
        int repeat = Timing.repeat(this.repeat);
        ModelRef ref = catalog.resolve(model);
        err.println("loading " + ref.folder());
        long l0 = System.nanoTime();
        try (TransformerSession session = ModelSessions.openTransformer(ref)) {
            double loadMs = (System.nanoTime() - l0) / 1e6;
            Set<TraceItem> items = EnumSet.noneOf(TraceItem.class);
            if (logits) {
                items.add(TraceItem.LOGITS);
            }
            if (hidden) {
                items.add(TraceItem.HIDDEN);
            }
            if (embeddings) {
                items.add(TraceItem.EMBEDDINGS);
            }
            if (projections) {
                items.add(TraceItem.PROJECTIONS);
            }
            if (logitLens) {
                items.add(TraceItem.LOGIT_LENS);
            }
            ExplorerService service = new ExplorerService();
            Encoding enc = service.encode(session, text, pair);
            double[] ms = new double[repeat];
            ForwardTrace trace = null;
            for (int r = 0; r < repeat; r++) {
                long t0 = System.nanoTime();
                trace = service.forward(session, enc, items);
                ms[r] = (System.nanoTime() - t0) / 1e6;
            }
            ExplorerRun run = new ExplorerRun(session.info(), text, pair, trace, ms[repeat - 1]);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("model", modelJson(session.info()));
            result.put("tokens", enc.tokens());
            result.put("ids", enc.ids());
            result.put("token_type_ids", enc.typeIds());
            result.put("attentions", trace.attentions());
            if (logits) {
                result.put("logits", trace.logits());
            }
            if (hidden) {
                result.put("last_hidden_state", trace.hidden()[trace.hidden().length - 1]);
            }
            if (embeddings) {
                result.put("embeddings", embeddingsJson(trace.embeddings()));
            }
            if (projections) {
                result.put("projections", trace.projections().stream().map(InspectCommand::projectionsJson).toList());
            }
            if (logitLens) {
                result.put("logit_lens", trace.logitLens() == null ? null : lensJson(session, trace.logitLens(), top));
            }
            if (session.canPredictMasks()) {
                result.put("mask_predictions", maskJson(session, service.maskPredictions(session, run, top)));
            }
            Map<String, Object> timing = new LinkedHashMap<>();
            timing.put("load_ms", Timing.round(loadMs));
            timing.put("forward_ms", Timing.round(Timing.median(ms)));
            timing.put("repeat", repeat);
            result.put("timing", timing);
            Json.print(out, result);
        }
        return 0;
    }

    static Map<String, Object> modelJson(ModelInfo info) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", info.kind().name().toLowerCase());
        m.put("name", info.name());
        m.put("layers", info.layers());
        m.put("heads", info.heads());
        m.put("hidden", info.hidden());
        m.put("vocab", info.vocab());
        m.put("max_positions", info.maxPositions());
        m.put("parameters", info.parameters());
        return m;
    }

    private static Map<String, Object> embeddingsJson(EmbeddingParts e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("token", e.token());
        m.put("position", e.position());
        if (e.hasSegments()) {
            m.put("segment", e.segment());
        }
        m.put("sum", e.sum());
        return m;
    }

    private static Map<String, Object> projectionsJson(HeadProjections p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layer", p.layer());
        m.put("q", p.queries());
        m.put("k", p.keys());
        m.put("v", p.values());
        m.put("context", p.contexts());
        return m;
    }

    /** [layer + 1][token]: the {@code k} highest logits of each lens entry, highest first. */
    private static List<Object> lensJson(TransformerSession session, LogitLens lens, int k) {
        List<Object> layers = new ArrayList<>();
        for (int l = 0; l < lens.depth(); l++) {
            List<Object> tokens = new ArrayList<>();
            for (int i = 0; i < lens.logits()[l].length; i++) {
                float[] logits = lens.logits()[l][i];
                List<Object> top = new ArrayList<>();
                for (int id : lens.top(l, i, k)) {
                    Map<String, Object> t = new LinkedHashMap<>();
                    t.put("id", id);
                    t.put("token", session.token(id));
                    t.put("logit", logits[id]);
                    top.add(t);
                }
                tokens.add(top);
            }
            layers.add(tokens);
        }
        return layers;
    }

    private static List<Object> maskJson(TransformerSession session, List<MaskPrediction> predictions) {
        List<Object> out = new ArrayList<>();
        for (MaskPrediction p : predictions) {
            List<Object> top = new ArrayList<>();
            for (int i = 0; i < p.ids().length; i++) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("id", p.ids()[i]);
                t.put("token", session.token(p.ids()[i]));
                t.put("prob", p.probs()[i]);
                top.add(t);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("position", p.position());
            m.put("top", top);
            out.add(m);
        }
        return out;
    }
}
