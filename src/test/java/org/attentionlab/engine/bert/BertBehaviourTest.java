package org.attentionlab.engine.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.engine.Encodings;
import org.attentionlab.engine.Golden;
import org.attentionlab.engine.Models;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** BERT invariants and input errors on the tiny golden model. */
class BertBehaviourTest {
    static BertModel model;

    @BeforeAll
    static void load() {
        model = assertInstanceOf(BertModel.class, Models.load(Golden.path("bert/model")));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void attentionRowsSumToOneAndPaddedKeysGetExactlyZero() {
        for (JsonNode c : Golden.cases(Golden.json("bert/fixtures.json"))) {
            int[] attend = Golden.ints(c.get("attention_mask"));
            ForwardTrace trace = model.forward(Encodings.fromCase(c), EnumSet.of(TraceItem.ATTENTIONS));
            for (float[][][] layer : trace.attentions()) {
                for (float[][] head : layer) {
                    for (float[] row : head) {
                        double sum = 0;
                        for (int k = 0; k < row.length; k++) {
                            sum += row[k];
                            if (attend[k] == 0) {
                                assertEquals(0f, row[k], 0f, "padded key " + k);
                            } else {
                                assertTrue(row[k] > 0f, "a real key keeps some weight");
                            }
                        }
                        assertEquals(1.0, sum, 1e-5);
                    }
                }
            }
        }
    }

    @Test
    void paddingDoesNotChangeTheRealTokensOutputs() {
        int[] ids = {2, 64, 52, 19, 3};
        ForwardTrace alone = model.forward(Encodings.of(ids), EnumSet.of(TraceItem.LOGITS, TraceItem.ATTENTIONS));
        ForwardTrace padded = model.forward(Encodings.of(new int[] {2, 64, 52, 19, 3, 0, 0, 0}, new int[8],
                new int[] {1, 1, 1, 1, 1, 0, 0, 0}), EnumSet.of(TraceItem.LOGITS, TraceItem.ATTENTIONS));
        for (int t = 0; t < ids.length; t++) {
            Golden.assertClose("logits " + t, alone.logits()[t], padded.logits()[t], 1e-4);
            for (int k = 0; k < ids.length; k++) {
                assertEquals(alone.attentions()[1][0][t][k], padded.attentions()[1][0][t][k], 1e-5);
            }
        }
    }

    @Test
    void inputLongerThanThePositionsIsAClearInputException() {
        int[] ids = new int[65];
        InputException e = assertThrows(InputException.class,
                () -> model.forward(Encodings.of(ids), EnumSet.of(TraceItem.ATTENTIONS)));
        assertTrue(e.problem().contains("65 tokens") && e.problem().contains("at most 64"), e.getMessage());
        assertTrue(e.remedy().contains("64"), e.getMessage());
    }

    @Test
    void segmentIdOutsideTheTypeVocabularyIsRefused() {
        InputException e = assertThrows(InputException.class,
                () -> model.forward(Encodings.of(new int[] {2, 5, 3}, new int[] {0, 2, 0}, new int[] {1, 1, 1}),
                        EnumSet.of(TraceItem.LOGITS)));
        assertTrue(e.problem().contains("Segment id 2"), e.getMessage());
    }

    @Test
    void emptyInputIsRefused() {
        assertThrows(InputException.class, () -> model.forward(Encodings.of(), EnumSet.of(TraceItem.LOGITS)));
    }

    @Test
    void maskPredictionNeedsTheMlmHead() {
        try (BertModel base = assertInstanceOf(BertModel.class, Models.load(Golden.path("bert/model-base-noprefix")))) {
            ModelFormatException e = assertThrows(ModelFormatException.class,
                    () -> base.predictMasks(Encodings.of(2, 4, 3), 4, 5));
            assertTrue(e.problem().contains("masked-language-model head"), e.getMessage());
        }
    }

    @Test
    void inputWithoutMaskTokensHasNoPredictions() {
        assertEquals(0, model.predictMasks(Encodings.of(2, 5, 6, 3), 4, 5).size());
    }
}
