package org.attentionlab.figure.seq2seq;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attentionlab.domain.BeamTree;
import org.attentionlab.domain.Translation;
import org.attentionlab.figure.AwtSurface;
import org.attentionlab.figure.FigureExport;
import org.attentionlab.figure.FigureStyle;
import org.attentionlab.service.ModelCatalog;
import org.attentionlab.service.ModelSessions;
import org.attentionlab.service.Seq2SeqSession;
import org.attentionlab.service.seq2seq.Seq2SeqService;

/** Renders the seq2seq figures of a sample model into PNGs, to look at them without the app. */
public final class FigureDump {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/figdump");
        Files.createDirectories(out);
        FigureStyle style = FigureStyle.print().withFontSize(Double.parseDouble(System.getProperty("font", "12")));
        var measure = new AwtSurface.AwtTextMeasure(style.fontFamily());
        Seq2SeqService service = new Seq2SeqService();
        try (Seq2SeqSession s = ModelSessions.openSeq2seq(ModelCatalog.system().resolve("seq2seq-bilinear"))) {
            String text = "the queen touched the bird in the city";
            Translation t = service.decodeWithPrefix(s, text, "lo daro na", null);
            FigureExport.writePng(new AlignmentFigure(t, AlignmentFigure.Options.defaults().withHighlightRow(2).withTitle("bilinear")
                    .withGold(List.of(List.of(0), List.of(1))), style, measure), 1, out.resolve("alignment.png"));
            FigureExport.writePng(new DecoderStepFigure(t, 2, 3, service.scoreBreakdown(s, t, 2, 3), style, measure), 1,
                    out.resolve("step.png"));
            BeamTree b = service.beamSearch(s, text, 3, null);
            FigureExport.writePng(new BeamTreeFigure(b, style, measure), 1, out.resolve("beam.png"));
        }
    }
}
