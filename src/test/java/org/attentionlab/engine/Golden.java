package org.attentionlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.MaskKind;
import org.attentionlab.domain.MaskStep;

/**
 * Access to the golden fixtures under src/test/resources/golden (written by
 * tools/golden/transformers_fixtures.py from HuggingFace transformers) and tolerant comparisons.
 */
public final class Golden {
    private Golden() {
    }

    /** A path under {@code golden/}, e.g. {@code bert/model}. */
    public static Path path(String relative) {
        URL url = Golden.class.getResource("/golden/" + relative);
        if (url == null) {
            throw new IllegalStateException("missing test resource golden/" + relative);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(String relative) {
        try {
            return new ObjectMapper().readTree(Files.readString(path(relative)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    /** Floats; JSON null (how the fixtures write -infinity) becomes -infinity. */
    public static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = array.get(i);
            out[i] = v.isNull() ? Float.NEGATIVE_INFINITY : (float) v.asDouble();
        }
        return out;
    }

    public static float[][] matrix(JsonNode rows) {
        float[][] out = new float[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = floats(rows.get(i));
        }
        return out;
    }

    public static float[][][] cube(JsonNode slices) {
        float[][][] out = new float[slices.size()][][];
        for (int i = 0; i < out.length; i++) {
            out[i] = matrix(slices.get(i));
        }
        return out;
    }

    /**
     * Asserts every entry of {@code actual} is within {@code tol * max(1, |expected|)} of
     * {@code expected}, reporting the first bad entry, and returns the largest absolute difference.
     * A NaN on either side fails (a comparison with NaN is false, so {@code d > tol} alone would let
     * it through); equal infinities pass.
     */
    public static double assertClose(String what, float[] expected, float[] actual, double tol) {
        assertEquals(expected.length, actual.length, what + ": length");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (Double.isNaN(e) || Double.isNaN(a)) {
                fail(what + "[" + i + "]: expected " + e + " but was " + a + " (NaN)");
            }
            if (e == a) {
                continue;
            }
            double d = Math.abs(e - a);
            if (!(d <= tol * Math.max(1, Math.abs(e)))) {
                fail(what + "[" + i + "]: expected " + e + " but was " + a + " (tolerance " + tol + ")");
            }
            worst = Math.max(worst, d);
        }
        return worst;
    }

    public static double assertClose(String what, float[][] expected, float[][] actual, double tol) {
        assertEquals(expected.length, actual.length, what + ": rows");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, assertClose(what + "[" + i + "]", expected[i], actual[i], tol));
        }
        return worst;
    }

    public static double assertClose(String what, float[][][] expected, float[][][] actual, double tol) {
        assertEquals(expected.length, actual.length, what + ": slices");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, assertClose(what + "[" + i + "]", expected[i], actual[i], tol));
        }
        return worst;
    }

    /**
     * Asserts that a trace's attentions, logits and hidden states (all requested) match those
     * transformers recorded for the fixture case {@code c}.
     */
    public static void assertForwardMatches(JsonNode c, ForwardTrace trace, double attentionTol, double logitsTol,
                                            double hiddenTol) {
        String name = c.get("name").asText();
        assertAttentionsClose(name + " attention layer ", c, trace, attentionTol);
        assertClose(name + " logits", matrix(c.get("logits")), trace.logits(), logitsTol);
        assertEquals(c.get("hidden_states").size(), trace.hidden().length);
        for (int i = 0; i < trace.hidden().length; i++) {
            assertClose(name + " hidden " + i, matrix(c.get("hidden_states").get(i)), trace.hidden()[i], hiddenTol);
        }
    }

    /** Asserts every layer's attention in a trace matches the case's {@code attentions}; failures name {@code what + layer}. */
    public static void assertAttentionsClose(String what, JsonNode c, ForwardTrace trace, double tol) {
        for (int l = 0; l < trace.layers(); l++) {
            assertClose(what + l, cube(c.get("attentions").get(l)), trace.attentions()[l], tol);
        }
    }

    /** Which keys a model's mask lets a query see, given the case's attention mask. */
    public interface KeyVisibility {
        boolean visible(int query, int key);
    }

    /**
     * Asserts that each mask step of a trace is of {@code kind}, that its raw scores match the
     * case's {@code raw_scores}, that it allows exactly the keys {@code visibility} allows, and
     * that every hidden score holds HuggingFace's mask value while the others keep their raw score.
     */
    public static void assertMaskStepsMatch(JsonNode c, ForwardTrace trace, MaskKind kind, float maskValue,
                                            KeyVisibility visibility, double scoreTol) {
        int n = ints(c.get("attention_mask")).length;
        int layers = c.get("raw_scores").size();
        assertEquals(c.get("attentions").size(), layers, "the fixture has raw scores for every layer");
        assertNotNull(trace.maskSteps(), "the trace recorded no mask steps");
        assertEquals(layers, trace.maskSteps().size(), "one mask step per layer");
        for (int l = 0; l < layers; l++) {
            MaskStep step = trace.maskSteps().get(l);
            assertEquals(l, step.layer(), "mask step " + l + " is for layer " + step.layer());
            assertEquals(kind, step.kind());
            assertClose("raw scores layer " + step.layer(), cube(c.get("raw_scores").get(step.layer())),
                    step.rawScores(), scoreTol);
            for (int h = 0; h < step.maskedScores().length; h++) {
                for (int q = 0; q < n; q++) {
                    for (int k = 0; k < n; k++) {
                        boolean visible = visibility.visible(q, k);
                        assertEquals(visible, step.allowed()[q][k]);
                        float expected = visible ? step.rawScores()[h][q][k] : maskValue;
                        assertEquals(expected, step.maskedScores()[h][q][k], 0f, "masked score " + h + "," + q + "," + k);
                    }
                }
            }
        }
    }

    /** Copies a golden model folder into {@code target} so a test may break it. */
    public static Path copyModel(String relative, Path target) {
        Path source = path(relative);
        try (Stream<Path> files = Files.list(source)) {
            Files.createDirectories(target);
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** All cases of a fixture file. */
    public static List<JsonNode> cases(JsonNode fixture) {
        List<JsonNode> out = new java.util.ArrayList<>();
        fixture.get("cases").forEach(out::add);
        return out;
    }
}
