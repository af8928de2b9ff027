package org.attentionlab.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.domain.Translation;
import org.attentionlab.io.model.ModelLocator;
import org.attentionlab.service.seq2seq.Seq2SeqService;
import org.junit.jupiter.api.Test;

/** The shipped samples as the app's picker sees them: every kind listed, grouped, and every one opens. */
class ModelCatalogKindsTest {
    private final ModelCatalog catalog = new ModelCatalog(new ModelLocator(Map.of("HF_HUB_CACHE", "no-such-cache"),
            Path.of("no-such-home"), List.of(Path.of("sample-models"))));

    @Test
    void theSamplesAreListedGroupedByKindWithWhatTheirConfigSays() {
        List<ModelRef> refs = catalog.available();
        assertEquals(List.of("tiny-bert", "tiny-gpt", "seq2seq-bilinear", "seq2seq-dates", "seq2seq-dot", "seq2seq-mlp",
                "seq2seq-none"), refs.stream().map(ModelRef::name).toList());
        assertEquals(List.of(ModelKind.BERT, ModelKind.GPT2, ModelKind.SEQ2SEQ, ModelKind.SEQ2SEQ, ModelKind.SEQ2SEQ,
                ModelKind.SEQ2SEQ, ModelKind.SEQ2SEQ), refs.stream().map(ModelRef::kind).toList());
        ModelRef.Facts dot = refs.get(4).facts();
        assertEquals("dot", dot.score());
        assertEquals("gru", dot.rnnType());
        assertEquals("mlm", refs.get(0).facts().task(), "tiny-bert has its masked-word head");
    }

    @Test
    void everySeq2seqSampleOpensAsASeq2seqSessionAndTranslates() {
        for (ModelRef ref : catalog.available()) {
            if (ref.kind() != ModelKind.SEQ2SEQ) {
                continue;
            }
            try (ModelSession s = ModelSessions.open(ref)) {
                Seq2SeqSession session = assertInstanceOf(Seq2SeqSession.class, s, ref.name());
                assertEquals(ModelKind.SEQ2SEQ, session.kind());
                assertEquals(ref.name(), session.info().name());
                String text = ref.name().equals("seq2seq-dates") ? "the third of march twenty twenty one" : "the cat sees the dog";
                Translation t = new Seq2SeqService().translate(session, text, null, null);
                for (float[] row : t.alignment()) {
                    double sum = 0;
                    for (float w : row) {
                        sum += w;
                    }
                    // a translator without attention has no weights to sum (its rows are all zero)
                    double expected = "none".equals(ref.facts().score()) ? 0.0 : 1.0;
                    assertEquals(expected, sum, 1e-4, ref.name() + ": each step's weights sum to " + expected);
                }
                assertEquals("none".equals(ref.facts().score()) ? 0 : t.sourceIds().length, t.alignment()[0].length,
                        ref.name() + ": one weight per source word (none without attention)");
            }
        }
    }
}
