package org.attentionlab.service.generation;

import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.figure.AwtSurface;
import org.attentionlab.figure.FigureExport;
import org.attentionlab.figure.FigureStyle;
import org.attentionlab.service.ModelRef;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.ModelSessions;

/** Writes the lab's figures for a few sampled steps on tiny-gpt as PNG, to look at: {@code GenerationFiguresPreview OUT_DIR}. */
public final class GenerationFiguresPreview {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/gen-preview");
        Files.createDirectories(out);
        FigureStyle style = FigureStyle.print();
        var measure = new AwtSurface.AwtTextMeasure(style.fontFamily());
        try (ModelSession s = ModelSessions.open(new ModelRef("tiny-gpt", Path.of("sample-models/tiny-gpt"), ModelRef.Origin.SAMPLE));
             GenerationLab lab = new GenerationLab(s, "Once upon a time, the little fox", 3)) {
            GenerationSettings set = GenerationSettings.sampling(1000, 0.9, 40, 0.9, 5);
            GenerationState st = lab.state();
            for (int i = 0; i < 6; i++) {
                st = lab.step(set);
            }
            GenerationStep last = st.lastStep();
            FigureExport.writePng(GenerationFigures.distribution(lab, st, last, set, 10, style, measure), 1, out.resolve("dist.png"));
            FigureExport.writePng(GenerationFigures.heatmap(lab, st, 1, 0, -1, 22, style, measure), 1, out.resolve("heat.png"));
            FigureExport.writePng(GenerationFigures.rowBars(lab, st, st.attentionRows().size() - 1, 1, 0, style, measure), 1,
                    out.resolve("row.png"));
            FigureExport.writePng(GenerationFigures.lens(lab, last, style, measure), 1, out.resolve("lens.png"));
        }
    }
}
