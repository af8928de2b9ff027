package org.attentionlab.service.masking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.attentionlab.domain.masking.Corruption;
import org.attentionlab.domain.masking.MaskTokens;
import org.attentionlab.domain.masking.MaskingResult;
import org.attentionlab.domain.masking.PositionPrediction;
import org.attentionlab.engine.Golden;
import org.attentionlab.service.ModelRef;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.ModelSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Predictions and losses equal HuggingFace's on the same corrupted ids (fixtures from
 * tools/golden/masking_fixtures.py): the softmax of BertForMaskedLM's logits at each selected
 * position (top 20 ids, their probabilities, the original's probability and rank) and
 * CrossEntropyLoss over the selected positions only (ignore_index=-100), per position and mean.
 * One case was corrupted by HF's DataCollatorForLanguageModeling, one has a typed [MASK].
 */
class MaskingGoldenTest {
    private static ModelSession session;
    private static MaskingService service;
    private static JsonNode fixture;

    @BeforeAll
    static void open() {
        session = ModelSessions.open(new ModelRef("pipeline-bert", Golden.path("pipeline/bert"), ModelRef.Origin.FOLDER));
        service = new MaskingService(session);
        fixture = Golden.json("masking/expected.json");
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Test
    void predictionsAndLossesEqualHuggingFaceOnTheSameCorruptedIds() {
        int top = fixture.get("top").asInt();
        int cases = 0;
        for (JsonNode c : fixture.get("cases")) {
            String what = c.get("text").asText();
            String pair = c.get("pair").isNull() ? null : c.get("pair").asText();
            MaskTokens tokens = service.tokens(what, pair);
            assertArrayEquals(Golden.ints(c.get("ids")), tokens.encoding().ids(), what);
            Corruption corruption = service.given(tokens, Golden.ints(c.get("positions")), Golden.ints(c.get("corrupted_ids")));
            MaskingResult result = service.predict(corruption, top);
            List<PositionPrediction> got = result.predictions();
            JsonNode want = c.get("predictions");
            assertEquals(want.size(), got.size(), what);
            for (int i = 0; i < want.size(); i++) {
                JsonNode w = want.get(i);
                PositionPrediction p = got.get(i);
                String at = what + " @" + p.position();
                assertEquals(w.get("position").asInt(), p.position(), at);
                int[] ids = p.top().stream().mapToInt(x -> x.id()).toArray();
                assertArrayEquals(Golden.ints(w.get("top_ids")), ids, at + " top ids");
                for (int j = 0; j < top; j++) {
                    assertEquals(w.get("top_probs").get(j).asDouble(), p.top().get(j).prob(), 2e-5, at + " prob " + j);
                }
                if (w.has("loss")) {
                    assertEquals(w.get("original_prob").asDouble(), p.originalProb(), 2e-5, at + " original prob");
                    assertEquals(w.get("original_rank").asInt(), p.originalRank(), at + " rank");
                    assertEquals(w.get("loss").asDouble(), p.loss(), 1e-4 * Math.max(1, p.loss()), at + " loss");
                } else {
                    assertTrue(Double.isNaN(p.loss()), at + " typed [MASK]: no loss");
                }
            }
            if (c.get("mean_loss").isNull()) {
                assertTrue(Double.isNaN(result.meanLoss()), what);
            } else {
                assertEquals(c.get("mean_loss").asDouble(), result.meanLoss(), 1e-4 * Math.max(1, result.meanLoss()), what);
            }
            cases++;
        }
        assertTrue(cases >= 6, "fixture has its cases");
    }

    @Test
    void theCollatorsCorruptionHasEveryFateOrTheTestSaysWhichIsMissing() {
        // The HF collator case reads back fates from the ids; its positions are those HF labelled.
        for (JsonNode c : fixture.get("cases")) {
            if (c.has("source")) {
                MaskTokens tokens = service.tokens(c.get("text").asText(), null);
                Corruption corruption = service.given(tokens, Golden.ints(c.get("positions")),
                        Golden.ints(c.get("corrupted_ids")));
                assertArrayEquals(Golden.ints(c.get("positions")), corruption.selected());
                assertArrayEquals(Golden.ints(c.get("corrupted_ids")), corruption.corruptedIds());
                return;
            }
        }
        throw new AssertionError("the fixture has no collator case");
    }
}
