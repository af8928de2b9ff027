package org.attentionlab.service.masking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.masking.Corruption;
import org.attentionlab.domain.masking.Fate;
import org.attentionlab.domain.masking.MaskToken;
import org.attentionlab.domain.masking.MaskTokens;
import org.attentionlab.domain.masking.MaskingSettings;
import org.attentionlab.domain.masking.Replacement;
import org.attentionlab.domain.masking.SelectionMode;
import org.attentionlab.engine.SeededRandom;

/**
 * Steps 2 and 3 without a model: selects tokens and draws their 80 / 10 / 10 fate with one
 * seeded generator, so the same seed replays the same selection and the same replacements.
 *
 * <p>The generator is consumed in a fixed order: first the selection (exact mode: a Fisher-Yates
 * shuffle of the eligible tokens or words; training mode: one draw per eligible token or word, in
 * order), then for each selected position in ascending order one draw for its fate and, for a
 * random replacement, one more draw for the token.
 */
final class MaskSampler {
    private final int maskId;
    private final int[] randomPool;
    private final IntFunction<String> tokenOf;

    /**
     * @param maskId     id of [MASK]
     * @param randomPool ids a random replacement may take (the vocabulary without special tokens)
     * @param tokenOf    token string of an id
     */
    MaskSampler(int maskId, int[] randomPool, IntFunction<String> tokenOf) {
        if (randomPool.length == 0) {
            throw new IllegalArgumentException("no token to draw random replacements from");
        }
        this.maskId = maskId;
        this.randomPool = randomPool.clone();
        this.tokenOf = tokenOf;
    }

    /** round(15% of {@code eligible}), rounded half up, at least 1 (0 when nothing is eligible). */
    static int target(int eligible) {
        return eligible == 0 ? 0 : Math.max(1, (int) Math.round(MaskingSettings.RATE * eligible));
    }

    Corruption corrupt(MaskTokens tokens, MaskingSettings settings) {
        if (tokens.hasTypedMasks()) {
            return typed(tokens, settings);
        }
        SeededRandom rng = new SeededRandom(settings.seed());
        List<int[]> units = units(tokens, settings.wholeWords());
        TreeSet<Integer> chosen = new TreeSet<>();
        int target = -1;
        double[] draws = null;
        if (settings.byHand()) {
            for (int p : settings.positions()) {
                checkHandPosition(tokens, p);
                if (settings.wholeWords()) {
                    for (int[] unit : units) {
                        if (Arrays.stream(unit).anyMatch(q -> q == p)) {
                            Arrays.stream(unit).forEach(chosen::add);
                        }
                    }
                } else {
                    chosen.add(p);
                }
            }
        } else if (settings.mode() == SelectionMode.EXACT) {
            target = target(tokens.eligibleCount());
            selectExact(units, target, rng, chosen);
        } else {
            draws = new double[tokens.length()];
            Arrays.fill(draws, Double.NaN);
            for (int[] unit : units) {
                double u = rng.nextDouble();
                for (int p : unit) {
                    draws[p] = u;
                    if (u < MaskingSettings.RATE) {
                        chosen.add(p);
                    }
                }
            }
        }
        int[] ids = tokens.encoding().ids().clone();
        List<Replacement> replacements = new ArrayList<>();
        for (int p : chosen) {
            int original = ids[p];
            double u = rng.nextDouble();
            Fate fate = Fate.of(u);
            double tokenDraw = Double.NaN;
            int input = original;
            if (fate == Fate.MASK) {
                input = maskId;
            } else if (fate == Fate.RANDOM) {
                tokenDraw = rng.nextDouble();
                input = randomPool[(int) (tokenDraw * randomPool.length)];
            }
            ids[p] = input;
            replacements.add(new Replacement(p, original, tokens.get(p).token(), u, fate, tokenDraw, input,
                    tokenOf.apply(input)));
        }
        return new Corruption(tokens, settings, target, draws, replacements, ids, strings(ids));
    }

    /** Typed [MASK]s are the selection: nothing is drawn and the input is read as typed. */
    private Corruption typed(MaskTokens tokens, MaskingSettings settings) {
        List<Replacement> replacements = new ArrayList<>();
        for (int p : tokens.typedMasks()) {
            replacements.add(new Replacement(p, -1, tokens.get(p).token(), Double.NaN, Fate.MASK, Double.NaN, maskId,
                    tokenOf.apply(maskId)));
        }
        int[] ids = tokens.encoding().ids().clone();
        return new Corruption(tokens, settings, -1, null, replacements, ids, strings(ids));
    }

    private List<String> strings(int[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(tokenOf.apply(id));
        }
        return out;
    }

    /**
     * Exactly {@code target} tokens when each unit is one token. With whole words, HuggingFace's
     * whole-word rule: take shuffled words while they fit in the target, skip a word that would
     * overshoot; if no word fits, take the first word of the shuffle, so at least one is selected.
     */
    private static void selectExact(List<int[]> units, int target, SeededRandom rng, TreeSet<Integer> chosen) {
        int[] order = new int[units.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {   // Fisher-Yates
            int j = (int) (rng.nextDouble() * (i + 1));
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i : order) {
            if (chosen.size() >= target) {
                break;
            }
            int[] unit = units.get(i);
            if (chosen.size() + unit.length > target) {
                continue;
            }
            Arrays.stream(unit).forEach(chosen::add);
        }
        if (chosen.isEmpty() && order.length > 0) {
            Arrays.stream(units.get(order[0])).forEach(chosen::add);
        }
    }

    /** The eligible tokens grouped as the selection sees them: one per token, or one per word. */
    static List<int[]> units(MaskTokens tokens, boolean wholeWords) {
        List<int[]> units = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        int currentWord = Integer.MIN_VALUE;
        for (MaskToken t : tokens.tokens()) {
            if (!t.eligible()) {
                continue;
            }
            if (!wholeWords || t.word() != currentWord) {
                if (!current.isEmpty()) {
                    units.add(current.stream().mapToInt(Integer::intValue).toArray());
                }
                current = new ArrayList<>();
                currentWord = t.word();
            }
            current.add(t.position());
        }
        if (!current.isEmpty()) {
            units.add(current.stream().mapToInt(Integer::intValue).toArray());
        }
        return units;
    }

    private static void checkHandPosition(MaskTokens tokens, int p) {
        if (p < 0 || p >= tokens.length()) {
            throw new InputException("Position " + p + " is outside the text's " + tokens.length() + " tokens.",
                    "Choose positions from 0 to " + (tokens.length() - 1) + ".");
        }
        MaskToken t = tokens.get(p);
        if (!t.eligible()) {
            String why = t.unknown() ? "[UNK] (its word is not in the vocabulary, so there is no truth to predict)"
                    : t.token() + ", a special token";
            throw new InputException("Position " + p + " is " + why + "; BERT never selects it.",
                    "Choose a position that holds a word or a word piece.");
        }
    }
}
