package org.attentionlab.engine.seq2seq;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.attentionlab.domain.InputException;
import org.junit.jupiter.api.Test;

/** Seq2seq inputs that used to stall (issue 16). */
class Seq2SeqRobustnessTest {
    @Test
    void sixtyThousandCapitalSigmasAreRefusedByLengthBeforeLowerCasing() {
        Seq2SeqModel model = Seq2SeqModel.load(Golden.dir(Golden.MODELS.get(0)));
        String sigmas = "\u03a3".repeat(60_000); // lower-casing this in Java is quadratic (final-sigma context)
        var e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(InputException.class, () -> model.encodeSource(sigmas)));
        assertTrue(e.problem().contains("60000 characters"), e.getMessage());
    }

    @Test
    void textsJustUnderTheCharacterLimitStillReachTheTokenCountCheck() {
        Seq2SeqModel model = Seq2SeqModel.load(Golden.dir(Golden.MODELS.get(0)));
        String words = "a ".repeat(model.config().maxSourceLength());
        var e = assertThrows(InputException.class, () -> model.encodeSource(words));
        assertTrue(e.problem().contains("tokens"), e.getMessage());
    }
}
