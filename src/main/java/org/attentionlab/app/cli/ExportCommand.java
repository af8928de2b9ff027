package org.attentionlab.app.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.service.ModelCatalog;
import org.attentionlab.service.ModelRef;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.ModelSessions;
import org.attentionlab.service.render.AttentionSlices;
import org.attentionlab.service.render.FigureExport;
import org.attentionlab.service.render.SliceOptions;

/**
 * {@code export --model M --text T [--pair T2] --layer L --head H|mean --format png|svg|csv
 * --out FILE [--hide-special] [--top-k K]}: writes one head's attention map for slides, the
 * same figure the app's Export menu writes. CSV: a header row of key tokens, then one row per
 * query token, its label first, then the weights. Prints a small JSON receipt.
 */
public final class ExportCommand implements Command {
    private final ModelCatalog catalog;

    public ExportCommand(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "export";
    }

    @Override
    public String usage() {
        return "export --model M --text T [--pair T2] --layer L --head H|mean --format png|svg|csv --out FILE [--hide-special] [--top-k K]";
    }

    @Override
    public String summary() {
        return "write one head's attention map as PNG, SVG or CSV (for slides)";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, Set.of("model", "text", "pair", "layer", "head", "format", "out", "top-k"),
                Set.of("json", "hide-special"));
        FigureExport.Format format = parseFormat(a.require("format"));
        Path file = Path.of(a.require("out"));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new InputException("The folder " + parent + " does not exist.", "Create it, or write the file elsewhere.");
        }
        int layer = a.getInt("layer", 0);
        String headText = a.get("head", "0");
        int head = headText.equalsIgnoreCase("mean") ? AttentionSlices.MEAN_OF_HEADS : a.getInt("head", 0);
        int topK = a.getInt("top-k", 0);
        if (topK < 0) {
            throw new InputException("--top-k must be 0 (all links) or positive, not " + topK + ".", "");
        }
        ModelRef ref = catalog.resolve(a.require("model"));
        InspectCommand.refuseSeq2seq(ref);
        err.println("loading " + ref.folder());
        try (ModelSession session = ModelSessions.open(ref)) {
            String text = a.require("text");
            Encoding enc = a.get("pair") == null ? session.encode(text) : session.encodePair(text, a.get("pair"));
            ForwardTrace trace = session.run(enc, EnumSet.of(TraceItem.ATTENTIONS));
            if (layer < 0 || layer >= trace.layers()) {
                throw new InputException("Layer " + layer + " does not exist; " + session.info().name() + " has layers 0 to "
                        + (trace.layers() - 1) + ".", "");
            }
            FigureExport.exportHead(trace, session.info().kind(), layer, head, new SliceOptions(a.flag("hide-special"), topK),
                    format, file);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("out", file.toAbsolutePath().toString());
            json.put("format", format.extension());
            json.put("layer", layer);
            json.put("head", head == AttentionSlices.MEAN_OF_HEADS ? "mean" : head);
            json.put("tokens", enc.tokens());
            json.put("bytes", Files.size(file));
            Json.print(out, json);
        }
        return 0;
    }

    private static FigureExport.Format parseFormat(String s) {
        try {
            return FigureExport.Format.parse(s);
        } catch (IllegalArgumentException e) {
            throw new InputException("Unknown format '" + s + "'.", "Use --format png, svg or csv.");
        }
    }
}
