package org.attentionlab.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalTime;
import org.attentionlab.domain.LabException;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.domain.ModelInfo;
import org.attentionlab.domain.ModelKind;
import org.junit.jupiter.api.Test;

class StatusTextTest {
    @Test
    void parameterCountsReadAsThreeSignificantDigits() {
        assertEquals("124 M", StatusText.parameters(124_439_808));
        assertEquals("4.39 M", StatusText.parameters(4_385_920));
        assertEquals("950", StatusText.parameters(950));
        assertEquals("1.50 G", StatusText.parameters(1_500_000_000L));
    }

    @Test
    void theStatusBarNamesTheModelItsSizeAndTheLastRun() {
        ModelInfo gpt2 = new ModelInfo("gpt2", ModelKind.GPT2, 12, 12, 768, 50257, 1024, 124_439_808, "/m");
        assertEquals("gpt2 (GPT2)", StatusText.model(gpt2));
        assertEquals("12 layers \u00d7 12 heads \u00b7 124 M parameters", StatusText.size(gpt2));
        ModelInfo oneLayer = new ModelInfo("one", ModelKind.BERT, 1, 1, 8, 100, 16, 2_000, "/m");
        assertEquals("1 layer \u00d7 1 head \u00b7 2.00 k parameters", StatusText.size(oneLayer));
        ModelInfo translator = new ModelInfo("seq2seq-dot", ModelKind.SEQ2SEQ, 1, 1, 64, 300, 40, 291_000, "/m");
        assertEquals("recurrent encoder\u2013decoder, 1 layer, hidden size 64 \u00b7 291 k parameters",
                StatusText.size(translator));
        assertEquals("Last run 14:03:07, 8.5 ms", StatusText.lastRun(LocalTime.of(14, 3, 7), Duration.ofNanos(8_500_000)));
        assertEquals("Last run 14:03:07, 120 ms", StatusText.lastRun(LocalTime.of(14, 3, 7), Duration.ofMillis(120)));
    }

    @Test
    void anErrorDialogSaysTheProblemThenTheRemedyEvenWhenWrapped() {
        LabException e = new ModelFormatException("config.json is missing.", "Pick the model's folder.");
        String body = AlertErrorReporter.body(new RuntimeException(new java.util.concurrent.ExecutionException(e)));
        assertEquals("config.json is missing.\n\nPick the model's folder.", body);
        String unexpected = AlertErrorReporter.body(new IllegalStateException("boom"));
        assertTrue(unexpected.contains("IllegalStateException: boom"));
        assertTrue(unexpected.contains("keeps running"));
        assertTrue(AlertErrorReporter.body(new OutOfMemoryError()).contains("-Xmx"));
    }
}
