package org.attentionlab.ui.masking;

import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionlab.domain.masking.MaskingResult;
import org.attentionlab.domain.masking.MaskingSettings;
import org.attentionlab.domain.masking.SelectionMode;
import org.attentionlab.figure.AwtSurface;
import org.attentionlab.figure.FigureExport;
import org.attentionlab.figure.FigureStyle;
import org.attentionlab.figure.masking.MaskingFigure;
import org.attentionlab.figure.masking.MaskingStep;
import org.attentionlab.figure.masking.MaskingText;
import org.attentionlab.service.ModelCatalog;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.ModelSessions;
import org.attentionlab.service.masking.MaskingService;

/** Writes every step's figure as PNG, headless (a quick look at the figures without the app). */
public final class MaskingFigureDump {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/mask-figures");
        String text = args.length > 1 ? args[1] : "Once upon a time there was a king. He lived in a castle near the river.";
        Files.createDirectories(out);
        try (ModelSession session = ModelSessions.open(ModelCatalog.system().resolve("tiny-bert"))) {
            MaskingService service = new MaskingService(session);
            MaskingResult r = service.run(text, null, new MaskingSettings(7, SelectionMode.EXACT, false, null), 5);
            for (MaskingStep step : MaskingStep.values()) {
                MaskingFigure.View v = new MaskingFigure.View(step, Integer.MAX_VALUE, -1, 1, -1, step == MaskingStep.ATTENTION, 1100, 5, null, false);
                MaskingFigure f = new MaskingFigure(r, v, FigureStyle.print(), new AwtSurface.AwtTextMeasure("SansSerif"), MaskingText.bundle());
                FigureExport.writePng(f, 1, out.resolve(step.number() + "-" + step.name().toLowerCase() + ".png"));
            }
        }
    }
}
