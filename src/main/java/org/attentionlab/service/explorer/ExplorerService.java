package org.attentionlab.service.explorer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.MaskPrediction;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.figure.FigureExport;
import org.attentionlab.figure.SliceOptions;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.TransformerSession;

/**
 * The Attention Explorer's use-case: text (or a BERT sentence pair) in, the attentions of every
 * layer and head out. The explorer's view model and the {@code inspect} and {@code export}
 * subcommands call it; it runs on the caller's thread (the app's inference thread).
 */
public final class ExplorerService {
    /**
     * Tokenizes {@code text} (and {@code pair}, if not null) and runs the model, recording the
     * attentions and {@code extra}.
     *
     * @throws InputException when the text is empty, too long for the model, a pair is given to
     *         a model without segments, or the model is not a transformer
     */
    public ExplorerRun run(ModelSession model, String text, String pair, Set<TraceItem> extra) {
        long t0 = System.nanoTime();
        Encoding enc = encode(model, text, pair);
        ForwardTrace trace = forward(model, enc, extra);
        return new ExplorerRun(model.info(), text, pair, trace, (System.nanoTime() - t0) / 1e6);
    }

    /**
     * Tokenizes {@code text} (and {@code pair}, if not null) with the model's special tokens.
     *
     * @throws InputException when the text is empty or too long, a pair is given to a model without
     *         segments, or the model is not a transformer
     */
    public Encoding encode(ModelSession model, String text, String pair) {
        TransformerSession session = TransformerSession.of(model);
        Encoding enc = pair == null ? session.encode(text) : session.encodePair(text, pair);
        if (enc.length() == 0) {
            throw new InputException("The text has no tokens.", "Type a word or two.");
        }
        return enc;
    }

    /** One forward pass over {@code input}, recording the attentions and {@code extra}. */
    public ForwardTrace forward(ModelSession model, Encoding input, Set<TraceItem> extra) {
        Set<TraceItem> items = EnumSet.of(TraceItem.ATTENTIONS);
        items.addAll(extra);
        return TransformerSession.of(model).run(input, items);
    }

    /** {@link #run(ModelSession, String, String, Set)} recording the attentions only. */
    public ExplorerRun run(ModelSession model, String text, String pair) {
        return run(model, text, pair, Set.of());
    }

    /** The top-{@code k} predictions for every {@code [MASK]} of the run's input; empty for a model without an MLM head. */
    public List<MaskPrediction> maskPredictions(ModelSession model, ExplorerRun run, int k) {
        TransformerSession session = TransformerSession.of(model);
        return session.canPredictMasks() ? session.predictMasks(run.trace().input(), k) : List.of();
    }

    /**
     * Runs the text and writes one head's map (or the layer's mean) to {@code out}, the figure
     * the app's Export menu writes.
     *
     * @param head a head index, or {@link org.attentionlab.figure.AttentionSlices#MEAN_OF_HEADS}
     * @throws InputException for a layer or head the model does not have, or a folder that does not exist
     */
    public ExplorerRun exportHead(ModelSession model, String text, String pair, int layer, int head, SliceOptions options,
                                  FigureExport.Format format, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !java.nio.file.Files.isDirectory(parent)) {
            throw new InputException("The folder " + parent + " does not exist.", "Create it, or write the file elsewhere.");
        }
        ExplorerRun run = run(model, text, pair);
        ForwardTrace trace = run.trace();
        if (layer < 0 || layer >= trace.layers()) {
            throw new InputException("Layer " + layer + " does not exist; " + run.model().name() + " has layers 0 to "
                    + (trace.layers() - 1) + ".", "");
        }
        FigureExport.exportHead(trace, run.model().kind(), layer, head, options, format, out);
        return run;
    }
}
