package org.attentionlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.engine.bert.BertConfig;
import org.attentionlab.engine.gpt2.Gpt2Config;
import org.attentionlab.engine.seq2seq.Seq2SeqConfig;
import org.junit.jupiter.api.Test;

/** Config sizes whose products overflow an array are refused when the config is read, before any allocation (issue 16). */
class ConfigSizeLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode sample(String model) throws IOException {
        return (ObjectNode) JSON.readTree(Path.of("sample-models", model, "config.json").toFile());
    }

    @Test
    void gpt2HiddenSizeOf30000IsRefusedNamingTheProduct() throws IOException {
        ObjectNode c = sample("tiny-gpt");
        c.put("n_embd", 30000).putNull("n_inner");
        var e = assertThrows(ModelFormatException.class, () -> Gpt2Config.from(c));
        assertTrue(e.problem().contains("n_embd x 3 n_embd") && e.problem().contains("2.70e+09"), e.getMessage());
    }

    @Test
    void gpt2DefaultInnerSizeCannotWrapNegative() throws IOException {
        ObjectNode c = sample("tiny-gpt");
        c.put("n_embd", 600_000_000).put("n_head", 1).put("vocab_size", 1).put("n_positions", 1).putNull("n_inner");
        assertThrows(ModelFormatException.class, () -> Gpt2Config.from(c));
    }

    @Test
    void gpt2PositionsWhoseAttentionMatrixOverflowsAreRefused() throws IOException {
        ObjectNode c = sample("tiny-gpt");
        c.put("n_positions", 100_000);
        var e = assertThrows(ModelFormatException.class, () -> Gpt2Config.from(c));
        assertTrue(e.problem().contains("n_positions"), e.getMessage());
    }

    @Test
    void bertHiddenSizeOf30000IsRefused() throws IOException {
        ObjectNode c = sample("tiny-bert");
        c.put("hidden_size", 30000).put("intermediate_size", 120000);
        var e = assertThrows(ModelFormatException.class, () -> BertConfig.from(c));
        assertTrue(e.problem().contains("hidden_size") && e.problem().contains("2.70e+09"), e.getMessage());
    }

    @Test
    void sampleConfigsStillRead() throws IOException {
        assertEquals(96, Gpt2Config.from(sample("tiny-gpt")).nEmbd());
        assertEquals(96, BertConfig.from(sample("tiny-bert")).hiddenSize());
    }

    @Test
    void seq2seqMaxTargetLengthOfAMillionIsRefused() throws IOException {
        ObjectNode c = sample("seq2seq-dot");
        c.put("max_target_length", 1_000_000);
        var e = assertThrows(ModelFormatException.class, () -> Seq2SeqConfig.fromJson(c));
        assertTrue(e.problem().contains("max_target_length") && e.problem().contains("4096"), e.getMessage());
    }

    @Test
    void seq2seqVocabularyTimesHiddenOverflowIsRefused() throws IOException {
        ObjectNode c = sample("seq2seq-dot");
        c.put("tgt_vocab_size", 5_000_000).put("hidden_size", 60_000);
        var e = assertThrows(ModelFormatException.class, () -> Seq2SeqConfig.fromJson(c));
        assertTrue(e.problem().contains("tgt_vocab_size"), e.getMessage());
    }
}
