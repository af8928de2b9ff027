package org.attentionlab.app.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.MaskPrediction;
import org.attentionlab.domain.ModelInfo;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.io.model.ModelLocator;
import org.attentionlab.service.ModelCatalog;
import org.attentionlab.service.ModelRef;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.ModelSessions;

/**
 * {@code inspect --model M --text T [--pair T2] [--logits] [--hidden] [--top K] [--repeat N] --json}:
 * tokenizes, runs one forward pass and prints tokens, ids, segment ids, all attentions
 * [layer][head][query][key], optionally logits and the last hidden state, and for BERT the top
 * predictions for every {@code [MASK]}. With {@code --repeat N} the forward pass runs N times and
 * {@code timing.forward_ms} is the median.
 */
public final class InspectCommand implements Command {
    private final ModelCatalog catalog;

    public InspectCommand(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public String usage() {
        return "inspect --model M --text T [--pair T2] [--logits] [--hidden] [--top K] [--repeat N] [--json]";
    }

    @Override
    public String summary() {
        return "tokens, attentions [layer][head][query][key], logits, mask predictions as JSON";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, Set.of("model", "text", "pair", "repeat", "top"), Set.of("json", "logits", "hidden"));
        int repeat = Timing.repeat(a);
        int top = a.getInt("top", 5);
        ModelRef ref = catalog.resolve(a.require("model"));
        refuseSeq2seq(ref);
        err.println("loading " + ref.folder());
        long l0 = System.nanoTime();
        try (ModelSession session = ModelSessions.open(ref)) {
            double loadMs = (System.nanoTime() - l0) / 1e6;
            String text = a.require("text");
            Encoding enc = a.get("pair") == null ? session.encode(text) : session.encodePair(text, a.get("pair"));
            Set<TraceItem> items = EnumSet.of(TraceItem.ATTENTIONS);
            if (a.flag("logits")) {
                items.add(TraceItem.LOGITS);
            }
            if (a.flag("hidden")) {
                items.add(TraceItem.HIDDEN);
            }
            double[] ms = new double[repeat];
            ForwardTrace trace = null;
            for (int r = 0; r < repeat; r++) {
                long t0 = System.nanoTime();
                trace = session.run(enc, items);
                ms[r] = (System.nanoTime() - t0) / 1e6;
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("model", modelJson(session.info()));
            json.put("tokens", enc.tokens());
            json.put("ids", enc.ids());
            json.put("token_type_ids", enc.typeIds());
            json.put("attentions", trace.attentions());
            if (a.flag("logits")) {
                json.put("logits", trace.logits());
            }
            if (a.flag("hidden")) {
                json.put("last_hidden_state", trace.hidden()[trace.hidden().length - 1]);
            }
            if (session.canPredictMasks()) {
                json.put("mask_predictions", maskJson(session, session.predictMasks(enc, top)));
            }
            Map<String, Object> timing = new LinkedHashMap<>();
            timing.put("load_ms", Timing.round(loadMs));
            timing.put("forward_ms", Timing.round(Timing.median(ms)));
            timing.put("repeat", repeat);
            json.put("timing", timing);
            Json.print(out, json);
        }
        return 0;
    }

    static void refuseSeq2seq(ModelRef ref) {
        if ("attention-lab-seq2seq".equals(ModelLocator.modelTypeOf(ref.folder()).orElse(""))) {
            throw new InputException(ref.name() + " is a seq2seq translator, not a BERT or GPT-2 model.",
                    "Use the seq2seq subcommand for it.");
        }
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

    private static List<Object> maskJson(ModelSession session, List<MaskPrediction> predictions) {
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
