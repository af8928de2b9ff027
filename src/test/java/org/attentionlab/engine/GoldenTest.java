package org.attentionlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.List;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.MaskKind;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.engine.bert.BertModel;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The golden helpers fail where a broken engine would otherwise pass (issue 16). */
class GoldenTest {
    @Test
    void assertCloseFailsOnNaNOnEitherSide() {
        float[] ok = {1f, 2f};
        assertThrows(AssertionFailedError.class, () -> Golden.assertClose("x", ok, new float[] {1f, Float.NaN}, 1e-3));
        assertThrows(AssertionFailedError.class, () -> Golden.assertClose("x", new float[] {Float.NaN, 2f}, ok, 1e-3));
        assertThrows(AssertionFailedError.class, () -> Golden.assertClose("x", ok, new float[] {1f, 2.1f}, 1e-3));
        assertEquals(0.0005, Golden.assertClose("x", ok, new float[] {1f, 2.0005f}, 1e-3), 1e-6);
        float[] minusInf = {Float.NEGATIVE_INFINITY};
        assertEquals(0.0, Golden.assertClose("equal infinities", minusInf, minusInf.clone(), 1e-3));
    }

    @Test
    void maskStepsMustHaveOnePerLayer() {
        JsonNode c = Golden.cases(Golden.json("bert/fixtures.json")).stream()
                .filter(x -> x.has("raw_scores")).findFirst().orElseThrow();
        try (BertModel model = (BertModel) Models.load(Golden.path("bert/model"))) {
            ForwardTrace full = model.forward(Encodings.fromCase(c), EnumSet.of(TraceItem.MASKS));
            Golden.assertMaskStepsMatch(c, full, MaskKind.NONE, Float.NaN, (q, k) -> true, 1e-4);

            ForwardTrace none = model.forward(Encodings.fromCase(c), EnumSet.of(TraceItem.ATTENTIONS));
            assertThrows(AssertionFailedError.class,
                    () -> Golden.assertMaskStepsMatch(c, none, MaskKind.NONE, Float.NaN, (q, k) -> true, 1e-4));
            ForwardTrace empty = new ForwardTrace(none.input(), none.attentions(), List.of(), null, null);
            assertThrows(AssertionFailedError.class,
                    () -> Golden.assertMaskStepsMatch(c, empty, MaskKind.NONE, Float.NaN, (q, k) -> true, 1e-4));
            ForwardTrace firstOnly = new ForwardTrace(none.input(), none.attentions(), full.maskSteps().subList(0, 1),
                    null, null);
            assertThrows(AssertionFailedError.class,
                    () -> Golden.assertMaskStepsMatch(c, firstOnly, MaskKind.NONE, Float.NaN, (q, k) -> true, 1e-4));
        }
    }
}
