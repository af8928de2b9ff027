package org.attentionlab.engine.seq2seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.domain.ModelKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken model folder fails at load with a ModelFormatException that names what is wrong. */
class Seq2SeqLoadErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** A copy of a fixture model that a test may break. */
    private Path copy(String model) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve(model));
        for (String f : new String[] {"config.json", "model.safetensors", "src_vocab.json", "tgt_vocab.json"}) {
            Files.copy(Golden.dir(model).resolve(f), dir.resolve(f));
        }
        return dir;
    }

    private static void editConfig(Path dir, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode config = (ObjectNode) JSON.readTree(dir.resolve("config.json").toFile());
        edit.accept(config);
        JSON.writeValue(dir.resolve("config.json").toFile(), config);
    }

    private static String failure(Path dir) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Seq2SeqModel.load(dir));
        assertFalse(e.remedy().isEmpty(), "every load error says what to do: " + e.getMessage());
        return e.getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "message should mention '" + part + "': " + message);
        }
    }

    @Test
    void everyFixtureLoadsWithItsDeclaredShape() {
        for (String name : Golden.MODELS) {
            Seq2SeqModel model = Seq2SeqModel.load(Golden.dir(name));
            assertEquals(name, model.config().rnnType().configName() + "-" + model.config().score().configName());
            assertEquals(ModelKind.SEQ2SEQ, model.info().kind());
            assertEquals(24, model.info().vocab());
            assertEquals(model.config().score(), model.attention().function());
        }
    }

    @Test
    void missingTensorIsNamed() throws IOException {
        Path dir = copy("gru-bilinear");
        SafeTensorsTestWriter.copyOf(dir.resolve("model.safetensors")).remove("attention.W.weight").write(dir.resolve("model.safetensors"));
        assertMentions(failure(dir), "attention.W.weight", "lacks");
    }

    @Test
    void missingReverseDirectionOfBidirectionalEncoderIsNamed() throws IOException {
        Path dir = copy("lstm-mlp");
        SafeTensorsTestWriter.copyOf(dir.resolve("model.safetensors")).remove("encoder.rnn.weight_hh_l1_reverse")
                .write(dir.resolve("model.safetensors"));
        assertMentions(failure(dir), "encoder.rnn.weight_hh_l1_reverse");
    }

    @Test
    void tensorOfWrongShapeIsNamedWithBothShapes() throws IOException {
        Path dir = copy("gru-dot");
        SafeTensorsTestWriter.copyOf(dir.resolve("model.safetensors")).put("out.bias", new int[] {23}, new float[23])
                .write(dir.resolve("model.safetensors"));
        assertMentions(failure(dir), "out.bias", "[23]", "[24]");
    }

    @Test
    void gruWeightsUnderAnLstmConfigAreRefusedByShape() throws IOException {
        Path dir = copy("gru-dot");
        editConfig(dir, c -> c.put("rnn_type", "lstm"));
        assertMentions(failure(dir), "encoder.rnn.weight_ih_l0", "[36, 8]", "[48, 8]");
    }

    @Test
    void unexpectedTensorIsNamed() throws IOException {
        Path dir = copy("gru-dot");
        SafeTensorsTestWriter.copyOf(dir.resolve("model.safetensors")).put("decoder.bridge.weight", new int[] {2, 2}, new float[4])
                .write(dir.resolve("model.safetensors"));
        assertMentions(failure(dir), "decoder.bridge.weight", "does not use");
    }

    @Test
    void configScoreThatDisagreesWithTheWeightsIsReported() throws IOException {
        Path dir = copy("gru-dot");
        editConfig(dir, c -> c.put("score", "bilinear"));
        assertMentions(failure(dir), "attention.W.weight");
    }

    @Test
    void unknownScoreFunctionIsNamed() throws IOException {
        Path dir = copy("gru-dot");
        editConfig(dir, c -> c.put("score", "cosine"));
        assertMentions(failure(dir), "cosine", "dot", "bilinear", "mlp");
    }

    @Test
    void unknownAttentionModeIsNamed() throws IOException {
        Path dir = copy("gru-none");
        editConfig(dir, c -> c.put("attention", "local"));
        assertMentions(failure(dir), "local", "global", "none");
    }

    @Test
    void scoreNoneIsTheSameAsAttentionNone() throws IOException {
        Path dir = copy("gru-none");
        editConfig(dir, c -> {
            c.remove("attention");
            c.put("score", "none");
        });
        Seq2SeqModel model = Seq2SeqModel.load(dir);
        assertEquals(ScoreFunction.NONE, model.config().score());
        assertArrayEquals(Seq2SeqModel.load(Golden.dir("gru-none")).translate("the black cat", 5).outputIds(),
                model.translate("the black cat", 5).outputIds());
    }

    @Test
    void attentionWeightsInAModelWithoutAttentionAreReported() throws IOException {
        Path dir = copy("gru-dot");
        editConfig(dir, c -> c.put("attention", "none"));
        assertMentions(failure(dir), "attention.Wc.weight", "does not use");
    }

    @Test
    void unknownRnnTypeIsNamed() throws IOException {
        Path dir = copy("lstm-dot");
        editConfig(dir, c -> c.put("rnn_type", "rnn_tanh"));
        assertMentions(failure(dir), "rnn_tanh", "gru", "lstm");
    }

    @Test
    void otherModelTypeIsRefused() throws IOException {
        Path dir = copy("gru-dot");
        editConfig(dir, c -> c.put("model_type", "bert"));
        assertMentions(failure(dir), "bert", "attention-lab-seq2seq");
    }

    @Test
    void missingConfigKeyIsNamed() throws IOException {
        Path dir = copy("gru-dot");
        editConfig(dir, c -> c.remove("hidden_size"));
        assertMentions(failure(dir), "hidden_size");
    }

    @Test
    void mlpScoreWithoutAttentionSizeIsRefused() throws IOException {
        Path dir = copy("gru-mlp");
        editConfig(dir, c -> c.remove("attention_size"));
        assertMentions(failure(dir), "attention_size");
    }

    @Test
    void oddHiddenSizeForBidirectionalEncoderIsRefused() throws IOException {
        Path dir = copy("gru-bilinear");
        editConfig(dir, c -> c.put("hidden_size", 13));
        assertMentions(failure(dir), "13", "even");
    }

    @Test
    void inputFeedingIsRefusedAsUnsupported() throws IOException {
        Path dir = copy("gru-dot");
        editConfig(dir, c -> c.put("input_feeding", true));
        assertMentions(failure(dir), "input feeding");
    }

    @Test
    void newerFormatVersionIsRefused() throws IOException {
        Path dir = copy("gru-dot");
        editConfig(dir, c -> c.put("format_version", 2));
        assertMentions(failure(dir), "format_version 2");
    }

    @Test
    void missingConfigFileIsReported() throws IOException {
        Path dir = copy("gru-dot");
        Files.delete(dir.resolve("config.json"));
        assertMentions(failure(dir), "config.json");
    }

    @Test
    void missingWeightsFileIsReported() throws IOException {
        Path dir = copy("gru-dot");
        Files.delete(dir.resolve("model.safetensors"));
        assertMentions(failure(dir), "model.safetensors");
    }

    @Test
    void missingVocabularyIsNamed() throws IOException {
        Path dir = copy("gru-dot");
        Files.delete(dir.resolve("tgt_vocab.json"));
        assertMentions(failure(dir), "tgt_vocab.json");
    }

    @Test
    void vocabularyOfWrongSizeIsReported() throws IOException {
        Path dir = copy("gru-dot");
        ArrayNode words = (ArrayNode) JSON.readTree(dir.resolve("src_vocab.json").toFile());
        words.add("extra");
        JSON.writeValue(dir.resolve("src_vocab.json").toFile(), words);
        assertMentions(failure(dir), "src_vocab.json", "25", "24");
    }

    @Test
    void specialTokenInTheWrongPlaceIsReported() throws IOException {
        Path dir = copy("gru-dot");
        ArrayNode words = (ArrayNode) JSON.readTree(dir.resolve("tgt_vocab.json").toFile());
        words.set(2, words.get(3));
        words.set(3, JSON.getNodeFactory().textNode("</s>"));
        JSON.writeValue(dir.resolve("tgt_vocab.json").toFile(), words);
        assertMentions(failure(dir), "tgt_vocab.json", "</s>");
    }

    @Test
    void duplicateVocabularyWordIsReported() throws IOException {
        Path dir = copy("gru-dot");
        ArrayNode words = (ArrayNode) JSON.readTree(dir.resolve("src_vocab.json").toFile());
        words.set(5, words.get(4));
        JSON.writeValue(dir.resolve("src_vocab.json").toFile(), words);
        assertMentions(failure(dir), "src_vocab.json", "twice");
    }
}
