package org.attentionlab.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.attentionlab.domain.InputException;
import org.attentionlab.service.ModelCatalog;
import org.attentionlab.service.ModelRef;
import org.attentionlab.service.TransformerSession;
import org.attentionlab.service.explorer.ExplorerRun;
import org.attentionlab.service.explorer.ExplorerService;
import org.attentionlab.service.ModelSessions;
import org.attentionlab.figure.AttentionSlices;
import org.attentionlab.figure.FigureExport;
import org.attentionlab.figure.SliceOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code export --model M --text T [--pair T2] --layer L --head H|mean --format png|svg|csv
 * --out FILE [--hide-special] [--top-k K]}: writes one head's attention map for slides, the
 * same figure the app's Export menu writes. CSV: a header row of key tokens, then one row per
 * query token, its label first, then the weights. Prints a small JSON receipt.
 */
@Command(name = "export", header = "write one head's attention map as PNG, SVG or CSV (for slides)", synopsisHeading = "",
        customSynopsis = "usage: java -jar attention-lab.jar export --model M --text T [--pair T2] --layer L --head H|mean --format png|svg|csv --out FILE [--hide-special] [--top-k K]")
public final class ExportCommand extends CliCommand {
    @Option(names = "--model", paramLabel = "M", required = true, description = "sample name, model folder, or HuggingFace cache name")
    private String model;
    @Option(names = "--text", paramLabel = "T", required = true, description = "the text to run")
    private String text;
    @Option(names = "--pair", paramLabel = "T2", description = "a second sentence (BERT sentence pairs)")
    private String pair;
    @Option(names = "--layer", paramLabel = "L", defaultValue = "0", description = "the layer, from 0")
    private int layer;
    @Option(names = "--head", paramLabel = "H|mean", defaultValue = "0", description = "the head, from 0, or mean for the mean of the heads")
    private String head;
    @Option(names = "--format", paramLabel = "png|svg|csv", required = true, description = "the file format")
    private String format;
    @Option(names = "--out", paramLabel = "FILE", required = true, description = "the file to write (its folder must exist)")
    private Path file;
    @Option(names = "--hide-special", description = "leave out special tokens such as [CLS] and [SEP]")
    private boolean hideSpecial;
    @Option(names = "--top-k", paramLabel = "K", defaultValue = "0", description = "keep each row's K strongest links; 0 keeps all")
    private int topK;
    @Option(names = "--json", description = "print the JSON receipt (always on; accepted for scripts)")
    private boolean json;

    @Override
    protected int run() throws Exception {
        FigureExport.Format format = parseFormat(this.format);
        int head = parseHead(this.head);
        if (topK < 0) {
            throw new InputException("--top-k must be 0 (all links) or positive, not " + topK + ".", "");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new InputException("The folder " + parent + " does not exist.", "Create it, or write the file elsewhere.");
        }
        ModelRef ref = catalog.resolve(model);
        err.println("loading " + ref.folder());
        try (TransformerSession session = ModelSessions.openTransformer(ref)) {
            ExplorerRun run = new ExplorerService().exportHead(session, text, pair, layer, head,
                    new SliceOptions(hideSpecial, topK), format, file);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("out", file.toAbsolutePath().toString());
            result.put("format", format.extension());
            result.put("layer", layer);
            result.put("head", head == AttentionSlices.MEAN_OF_HEADS ? "mean" : head);
            result.put("tokens", run.trace().input().tokens());
            result.put("bytes", Files.size(file));
            Json.print(out, result);
        }
        return 0;
    }

    private static int parseHead(String s) {
        if (s.equalsIgnoreCase("mean")) {
            return AttentionSlices.MEAN_OF_HEADS;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new InputException("Option --head must be a whole number or mean, not '" + s + "'.", "");
        }
    }

    private static FigureExport.Format parseFormat(String s) {
        try {
            return FigureExport.Format.parse(s);
        } catch (IllegalArgumentException e) {
            throw new InputException("Unknown format '" + s + "'.", "Use --format png, svg or csv.");
        }
    }
}
