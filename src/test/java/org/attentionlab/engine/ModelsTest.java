package org.attentionlab.engine;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.engine.bert.BertModel;
import org.attentionlab.engine.gpt2.Gpt2Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading model folders: dispatch on config.json, and clear errors for malformed folders. */
class ModelsTest {
    @TempDir
    Path tmp;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path copyWithConfig(String model, String name, Consumer<ObjectNode> edit) throws IOException {
        Path dir = Golden.copyModel(model, tmp.resolve(name));
        ObjectNode config = (ObjectNode) JSON.readTree(Files.readString(dir.resolve("config.json")));
        edit.accept(config);
        Files.writeString(dir.resolve("config.json"), JSON.writeValueAsString(config));
        return dir;
    }

    @Test
    void dispatchesOnModelType() {
        try (LoadedModel bert = Models.load(Golden.path("bert/model"));
             LoadedModel gpt2 = Models.load(Golden.path("gpt2/model"))) {
            assertInstanceOf(BertModel.class, bert);
            assertInstanceOf(Gpt2Model.class, gpt2);
        }
    }

    @Test
    void unknownModelTypeIsRefusedNamingItAndTheSupportedTypes() throws IOException {
        Path dir = copyWithConfig("bert/model", "llama", c -> c.put("model_type", "llama"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Models.load(dir));
        assertTrue(e.problem().contains("\"llama\"") && e.problem().contains("bert, gpt2"), e.getMessage());
    }

    @Test
    void architecturesDecideWhenModelTypeIsMissing() throws IOException {
        Path dir = copyWithConfig("gpt2/model", "noType", c -> c.remove("model_type"));
        try (LoadedModel m = Models.load(dir)) {
            assertInstanceOf(Gpt2Model.class, m);
        }
        Path neither = copyWithConfig("gpt2/model", "neither", c -> {
            c.remove("model_type");
            c.remove("architectures");
        });
        assertThrows(ModelFormatException.class, () -> Models.load(neither));
    }

    @Test
    void missingTensorIsNamedWithItsExpectedShape() throws IOException {
        Path dir = Golden.copyModel("bert/model", tmp.resolve("missing"));
        SafeTensorsWriter.copyOf(dir.resolve("model.safetensors"))
                .remove("bert.encoder.layer.1.output.dense.weight")
                .write(dir.resolve("model.safetensors"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Models.load(dir));
        assertTrue(e.problem().contains("'bert.encoder.layer.1.output.dense.weight'") && e.problem().contains("[32, 64]"),
                e.getMessage());
    }

    @Test
    void shapeMismatchNamesTheTensorTheExpectedAndTheFoundShape() throws IOException {
        Path dir = copyWithConfig("gpt2/model", "inner96", c -> c.put("n_inner", 96));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Models.load(dir));
        assertTrue(e.problem().contains("'transformer.h.0.mlp.c_fc.weight'") && e.problem().contains("[32, 128]")
                && e.problem().contains("[32, 96]"), e.getMessage());
    }

    @Test
    void tensorOfTheWrongShapeInTheFileIsReported() throws IOException {
        Path dir = Golden.copyModel("bert/model", tmp.resolve("reshaped"));
        SafeTensorsWriter.copyOf(dir.resolve("model.safetensors"))
                .put("bert.embeddings.position_embeddings.weight", new long[] {32, 32}, new float[32 * 32])
                .write(dir.resolve("model.safetensors"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Models.load(dir));
        assertTrue(e.problem().contains("'bert.embeddings.position_embeddings.weight' has shape [32, 32]")
                && e.problem().contains("[64, 32]"), e.getMessage());
    }

    @Test
    void configValueOfTheWrongTypeIsNamed() throws IOException {
        Path dir = copyWithConfig("gpt2/model", "badLayers", c -> c.put("n_layer", "two"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Models.load(dir));
        assertTrue(e.problem().contains("n_layer"), e.getMessage());
    }

    @Test
    void unsupportedActivationIsNamed() throws IOException {
        Path dir = copyWithConfig("bert/model", "swish", c -> c.put("hidden_act", "swish"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Models.load(dir));
        assertTrue(e.problem().contains("swish"), e.getMessage());
    }

    @Test
    void folderWithoutConfigIsRefused() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Models.load(dir));
        assertTrue(e.problem().contains("config.json"), e.getMessage());
    }

    @Test
    void checkpointOfTheOtherArchitectureIsRefused() throws IOException {
        Path dir = copyWithConfig("gpt2/model", "gpt2AsBert", c -> c.put("model_type", "bert"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Models.load(dir));
        assertTrue(e.problem().contains("no BERT word embeddings"), e.getMessage());
    }
}
