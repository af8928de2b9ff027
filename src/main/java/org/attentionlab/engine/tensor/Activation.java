package org.attentionlab.engine.tensor;

import java.util.Locale;
import org.attentionlab.domain.ModelFormatException;

/** The feed-forward activation named in config.json ({@code hidden_act} / {@code activation_function}). */
public enum Activation {
    /** Exact GELU with erf ("gelu"; BERT). */
    GELU_ERF,
    /** GELU's tanh approximation ("gelu_new", "gelu_pytorch_tanh"; GPT-2). */
    GELU_TANH,
    /** max(0, x). */
    RELU;

    /** Maps a HuggingFace activation name; anything else is a {@link ModelFormatException}. */
    public static Activation fromConfig(String name, String key) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "gelu":
                return GELU_ERF;
            case "gelu_new":
            case "gelu_pytorch_tanh":
                return GELU_TANH;
            case "relu":
                return RELU;
            default:
                throw new ModelFormatException("config.json sets " + key + " to \"" + name
                        + "\", an activation Attention Lab does not implement (supported: gelu, gelu_new, gelu_pytorch_tanh, relu).",
                        "Use a model with one of the supported activations.");
        }
    }

    /** Applies the activation to the first {@code n} entries of {@code x}, in place (see {@link FloatMath}). */
    public void applyInPlace(float[] x, int n) {
        switch (this) {
            case GELU_ERF -> FloatMath.geluErfInPlace(x, 0, n);
            case GELU_TANH -> FloatMath.geluTanhInPlace(x, 0, n);
            case RELU -> FloatMath.reluInPlace(x, 0, n);
            default -> throw new IllegalStateException(name());
        }
    }
}
