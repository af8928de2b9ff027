package org.attentionlab.service.generation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.attentionlab.domain.DecodeStep;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.MaskStep;
import org.attentionlab.domain.SamplingStep;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.engine.CausalDecoder;
import org.attentionlab.engine.SamplingStages;
import org.attentionlab.engine.SeededRandom;
import org.attentionlab.engine.tensor.FloatMath;
import org.attentionlab.service.Cancellation;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.TransformerSession;

/**
 * The generation lab's use-case: GPT-2 continues a prompt one token at a time, driven by the
 * caller (step, back, reset, replay, force a token at any step), and every step keeps what the
 * class is shown: the distribution and its filter stages, the draw, the new row of causal
 * attention and the logit lens.
 *
 * <p>Step i (the token at position promptLength + i) uses the i-th number of the seed's random
 * sequence whether it samples or not, so that going back and stepping again, or replaying, takes
 * the same road, and a sampled run takes the same tokens as {@code generate} with that seed.
 * Not thread-safe: one model thread drives it.
 */
public final class GenerationLab implements AutoCloseable {
    /** How an end-of-text token is shown. */
    public static final String END_OF_TEXT = "[end of text]";

    private final TransformerSession session;
    private final CausalDecoder decoder;
    private final int lensTop;
    private final int eos;
    private final List<Integer> ids = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private final List<float[][][]> rows = new ArrayList<>();
    private final List<GenerationStep> steps = new ArrayList<>();
    private final int promptLength;
    private final GenerationStep promptNext;
    private GenerationStep next;
    private long drawSeed;
    private final List<Double> draws = new ArrayList<>();
    private SeededRandom random;

    /**
     * Runs {@code prompt} through the model (prefill).
     *
     * @param lensTop how many tokens the logit lens keeps per layer (0: no logit lens)
     * @throws InputException when the prompt is empty, too long, or the model cannot generate
     */
    public GenerationLab(ModelSession session, String prompt, int lensTop) {
        this(session, encodePrompt(TransformerSession.of(session), prompt), lensTop);
    }

    /** Runs the prompt {@code promptIds} through the model (prefill). */
    public GenerationLab(ModelSession session, int[] promptIds, int lensTop) {
        this.session = TransformerSession.of(session);
        this.decoder = this.session.decoder();
        this.lensTop = lensTop;
        this.eos = this.session.endOfTextId();
        try {
            if (promptIds.length == 0) {
                throw new InputException("The prompt has no tokens.", "Type a prompt for the model to continue.");
            }
            if (promptIds.length >= decoder.maxPositions()) {
                throw new InputException("The prompt is " + promptIds.length + " tokens long; the model reads at most "
                        + decoder.maxPositions() + ", so there is no room for a new token.", "Shorten the prompt.");
            }
            this.promptLength = promptIds.length;
            for (int id : promptIds) {
                ids.add(id);
                texts.add(text(id));
            }
            this.next = run(promptIds, null);
            this.promptNext = next;
        } catch (RuntimeException e) {
            decoder.close();
            throw e;
        }
    }

    private static int[] encodePrompt(TransformerSession session, String prompt) {
        if (prompt == null || prompt.isEmpty()) {
            throw new InputException("The prompt is empty.", "Type a prompt for the model to continue.");
        }
        return session.encode(prompt).ids();
    }

    /** The state now. */
    public GenerationState state() {
        GenerationState.Stop stop = null;
        GenerationStep last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        if (last != null && last.chosen() == eos && eos >= 0 && last.settings().stopAtEos()) {
            stop = GenerationState.Stop.END_OF_TEXT;
        } else if (ids.size() >= decoder.maxPositions()) {
            stop = GenerationState.Stop.CONTEXT_FULL;
        }
        return new GenerationState(List.copyOf(ids), List.copyOf(texts), promptLength, List.copyOf(rows),
                List.copyOf(steps), stop == null ? next : null, stop);
    }

    /** The model's context window in tokens. */
    public int maxPositions() {
        return decoder.maxPositions();
    }

    /**
     * Takes one step: chooses the next token with {@code settings} (greedy, or the step's draw from
     * the filtered distribution) and runs it through the model.
     *
     * @throws InputException when the run has stopped (end-of-text, or the context window is full)
     */
    public GenerationState step(GenerationSettings settings) {
        requireCanStep();
        SamplingStep s = SamplingStages.choose(next.logits(), settings, draw(steps.size(), settings));
        take(s, settings);
        return state();
    }

    /**
     * Takes another road: forgets step {@code index} and everything after it, takes {@code id}
     * there instead, then (when {@code regenerate}) takes as many further steps as there were
     * before, or until the run stops.
     */
    public GenerationState force(int index, int id, GenerationSettings settings, boolean regenerate, Cancellation cancel) {
        if (index < 0 || index > steps.size()) {
            throw new IllegalArgumentException("step " + index + " of " + steps.size());
        }
        if (id < 0 || id >= next().logits().length) {
            throw new InputException("Token id " + id + " is not in the model's vocabulary.", "Choose a listed token.");
        }
        int before = steps.size();
        truncate(promptLength + index);
        requireCanStep();
        take(SamplingStages.force(next.logits(), settings, draw(index, settings), id), settings);
        while (regenerate && steps.size() < before && state().stop() == null && !cancel.isCancelled()) {
            step(settings);
        }
        return state();
    }

    /** Removes the last token (nothing happens before the first step). */
    public GenerationState back() {
        if (!steps.isEmpty()) {
            truncate(ids.size() - 1);
        }
        return state();
    }

    /** Returns to the prompt. */
    public GenerationState reset() {
        truncate(promptLength);
        return state();
    }

    /** Returns to the prompt and takes {@code count} steps with {@code settings} (or until the run stops). */
    public GenerationState replay(GenerationSettings settings, int count, Cancellation cancel) {
        reset();
        while (steps.size() < count && state().stop() == null && !cancel.isCancelled()) {
            step(settings);
        }
        return state();
    }

    /**
     * The masking step of one query row, from a full forward pass over the sequence so far
     * (without the cache): the scores QK^T/sqrt(d) against every position, the same after the
     * causal mask (positions after the row are hidden), and the softmax.
     */
    public MaskRow maskRow(int layer, int head, int row) {
        int n = rows.size();
        if (row < 0 || row >= n) {
            throw new IllegalArgumentException("row " + row + " of " + n);
        }
        int[] runIds = ids.subList(0, n).stream().mapToInt(Integer::intValue).toArray();
        List<String> tokens = new ArrayList<>(n);
        for (int id : runIds) {
            tokens.add(session.token(id));
        }
        int[] ones = new int[n];
        Arrays.fill(ones, 1);
        ForwardTrace trace = session.run(new Encoding(tokens, runIds, new int[n], new boolean[n], ones),
                EnumSet.of(TraceItem.MASKS, TraceItem.ATTENTIONS));
        MaskStep m = trace.maskSteps().get(layer);
        return new MaskRow(layer, head, row, m.allowed()[row].clone(), m.rawScores()[head][row].clone(),
                m.maskedScores()[head][row].clone(), trace.attentions()[layer][head][row].clone());
    }

    /** The step's uniform number: the index-th of the seed's sequence. */
    private double draw(int index, GenerationSettings settings) {
        if (random == null || drawSeed != settings.seed()) {
            drawSeed = settings.seed();
            random = new SeededRandom(drawSeed);
            draws.clear();
        }
        while (draws.size() <= index) {
            draws.add(random.nextDouble());
        }
        return draws.get(index);
    }

    private void take(SamplingStep stages, GenerationSettings settings) {
        int index = steps.size();
        int id = stages.chosen();
        GenerationStep taken = new GenerationStep(next.position(), next.logits(), next.lens(), draw(index, settings), id,
                stages.forced(), settings, stages);
        // nothing follows end-of-text; a full window cannot run another token. Run first, so that a
        // failed run leaves the generation as it was.
        GenerationStep after = (id == eos && settings.stopAtEos()) || ids.size() + 1 >= decoder.maxPositions() ? null
                : run(new int[] {id}, settings);
        steps.add(taken);
        ids.add(id);
        texts.add(text(id));
        next = after;
    }

    private GenerationStep run(int[] newIds, GenerationSettings settings) {
        DecodeStep d = decoder.extend(newIds, lensTop > 0);
        for (float v : d.logits()) {
            if (!Float.isFinite(v)) {     // a distribution of NaN would choose garbage: say so instead
                decoder.truncate(d.start());
                throw new org.attentionlab.domain.ModelFormatException(session.info().name()
                        + " computed non-finite logits at position " + (d.end() - 1) + ".",
                        "The checkpoint's weights may be broken (NaN or infinite values); try another model.");
            }
        }
        for (int i = 0; i < newIds.length; i++) {
            float[][][] row = new float[d.attentions().length][][];
            for (int l = 0; l < row.length; l++) {
                row[l] = new float[d.attentions()[l].length][];
                for (int h = 0; h < row[l].length; h++) {
                    row[l][h] = Arrays.copyOf(d.attentions()[l][h][i], d.start() + i + 1);
                }
            }
            rows.add(row);
        }
        return new GenerationStep(d.end(), d.logits(), lens(d.lens()), Double.NaN, -1, false, settings, null);
    }

    private List<LensRow> lens(float[][] lens) {
        if (lens == null) {
            return List.of();
        }
        List<LensRow> out = new ArrayList<>(lens.length);
        for (int l = 0; l < lens.length; l++) {
            float[] p = lens[l].clone();
            FloatMath.softmax(p, 0, p.length);
            int[] top = SamplingStep.top(p, lensTop);
            float[] probs = new float[top.length];
            for (int i = 0; i < top.length; i++) {
                probs[i] = p[top[i]];
            }
            out.add(new LensRow(l, top, probs));
        }
        return List.copyOf(out);
    }

    private void truncate(int length) {
        if (length < promptLength || length > ids.size()) {
            throw new IllegalArgumentException("keep " + length + " of " + ids.size());
        }
        if (length == ids.size()) {
            return;
        }
        GenerationStep first = steps.get(length - promptLength);
        while (steps.size() > length - promptLength) {
            steps.remove(steps.size() - 1);
        }
        while (ids.size() > length) {
            ids.remove(ids.size() - 1);
            texts.remove(texts.size() - 1);
        }
        while (rows.size() > length) {
            rows.remove(rows.size() - 1);
        }
        decoder.truncate(Math.min(decoder.length(), length));
        next = new GenerationStep(first.position(), first.logits(), first.lens(), Double.NaN, -1, false, first.settings(), null);
    }

    private GenerationStep next() {
        return next != null ? next : steps.get(steps.size() - 1);
    }

    private void requireCanStep() {
        GenerationState.Stop stop = state().stop();
        if (stop == GenerationState.Stop.END_OF_TEXT) {
            throw new InputException("The model ended the text (it chose its end-of-text token).",
                    "Go back a token, take another road, or start again.");
        }
        if (stop == GenerationState.Stop.CONTEXT_FULL) {
            throw new InputException("The text fills the model's context window of " + decoder.maxPositions() + " tokens.",
                    "Go back a few tokens, or start again with a shorter prompt.");
        }
    }

    /** A token as the class reads it: its decoded text, or {@link #END_OF_TEXT}. */
    public String text(int id) {
        return id == eos && eos >= 0 ? END_OF_TEXT : session.decode(new int[] {id});
    }

    /**
     * The labels of a token sequence as the strip and the figures draw them: each token's text with
     * ␣ and ↵, and a character split over tokens whole in each with its part ({@code é(1/2)},
     * {@code é(2/2)}), which {@link #label} of one id cannot show.
     */
    public List<String> labels(List<Integer> ids) {
        List<String> tokens = new ArrayList<>(ids.size());
        for (int id : ids) {
            tokens.add(session.token(id));
        }
        List<String> out = new ArrayList<>(org.attentionlab.figure.TokenLabels.displayAll(tokens,
                org.attentionlab.domain.ModelKind.GPT2));
        for (int i = 0; i < out.size(); i++) {
            if (ids.get(i) == eos && eos >= 0) {
                out.set(i, END_OF_TEXT);
            }
        }
        return out;
    }

    /** A token's label on screen: its text with a space drawn as ␣ and a line break as ↵. */
    public String label(int id) {
        if (id == eos && eos >= 0) {
            return END_OF_TEXT;
        }
        return text(id).replace(' ', '\u2423').replace("\n", "\u21b5").replace("\t", "\u2192");
    }

    /** The model's name and size, for titles. */
    public String modelName() {
        return session.info().name();
    }

    /** Layers and heads, for the layer/head pickers. */
    public int layers() {
        return session.info().layers();
    }

    public int heads() {
        return session.info().heads();
    }

    @Override
    public void close() {
        decoder.close();
    }
}
