package org.attentionlab.service.seq2seq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attentionlab.domain.BeamTree;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.ScoreBreakdown;
import org.attentionlab.engine.seq2seq.BeamSearch;
import org.attentionlab.engine.seq2seq.Seq2SeqAttention;
import org.attentionlab.engine.seq2seq.Seq2SeqModel;

/** The seq2seq lab's use-cases on an engine model; {@link Seq2SeqService} exposes them on a session. */
final class Seq2SeqLab {
    /** Years the shipped dates corpus covers (train/corpus/DateGenerator), for a dates model whose config gives no range. */
    static final int[] DEFAULT_DATE_YEARS = {1950, 2049};

    private Seq2SeqLab() {
    }

    /** Beam search as a tree of domain nodes. */
    static BeamTree beamTree(Seq2SeqModel model, int[] srcIds, int width, int maxLen) {
        BeamSearch beam = model.beamSearch(srcIds, width, maxLen);
        List<List<BeamTree.Node>> steps = new ArrayList<>();
        for (int t = 0; t < beam.steps().size(); t++) {
            List<BeamSearch.Candidate> kept = beam.kept(t);
            List<BeamTree.Node> nodes = new ArrayList<>();
            for (BeamSearch.Candidate c : beam.steps().get(t)) {
                BeamTree.Fate fate = switch (c.status()) {
                    case KEPT -> BeamTree.Fate.KEPT;
                    case FINISHED -> BeamTree.Fate.FINISHED;
                    case PRUNED -> BeamTree.Fate.PRUNED;
                };
                nodes.add(new BeamTree.Node(c.parent(), kept.indexOf(c), c.token(), c.tokenLogProb(), c.score(), fate));
            }
            steps.add(nodes);
        }
        List<BeamTree.Hypothesis> hyps = beam.hypotheses().stream()
                .map(h -> new BeamTree.Hypothesis(h.tokens(), h.score(), h.finished())).toList();
        return new BeamTree(beam.width(), steps, hyps);
    }

    /** score(h_t, h_s) taken apart; refused for a model without attention. */
    static ScoreBreakdown scoreBreakdown(Seq2SeqModel model, float[] decoderState, float[] encoderState) {
        Seq2SeqAttention attention = model.attention();
        if (attention == null) {
            throw new InputException("This model has no attention, so there is no score to take apart.",
                    "Choose a translator with attention (dot, bilinear or mlp).");
        }
        Seq2SeqAttention.ScoreParts p = attention.scoreParts(decoderState, encoderState);
        return new ScoreBreakdown(attention.function().configName(), decoderState.clone(), encoderState.clone(), p.query(),
                p.key(), p.hidden(), p.v(), p.terms(), p.score());
    }

    /**
     * The year range a dates model accepts: config.json's {@code "year_range": [first, last]} (or
     * {@code "min_year"} / {@code "max_year"}); for a model whose task is {@code seq2seq-dates} without one,
     * {@link #DEFAULT_DATE_YEARS}; null for other models.
     */
    static int[] dateYearRange(Path modelDir) {
        if (modelDir == null) {
            return null;
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(modelDir.resolve("config.json")));
        } catch (IOException e) {
            return null;
        }
        JsonNode range = root.get("year_range");
        if (range != null && range.isArray() && range.size() == 2 && range.get(0).canConvertToInt() && range.get(1).canConvertToInt()) {
            return new int[] {range.get(0).asInt(), range.get(1).asInt()};
        }
        if (root.has("min_year") && root.has("max_year")) {
            return new int[] {root.get("min_year").asInt(), root.get("max_year").asInt()};
        }
        JsonNode task = root.get("task");
        return task != null && task.asText().contains("dates") ? DEFAULT_DATE_YEARS.clone() : null;
    }

    /**
     * Refuses a date whose spelled-out year lies outside {@code range}.
     *
     * @throws InputException naming the year and the range
     */
    static void checkDateYear(List<String> words, int[] range) {
        if (range == null) {
            return;
        }
        int year = DateYears.yearAtEnd(words);
        if (year >= 0 && (year < range[0] || year > range[1])) {
            throw new InputException("The year " + year + " is outside the years this dates model learned, " + range[0] + " to "
                    + range[1] + ": it would make up an answer.", "Write a date between " + range[0] + " and " + range[1] + ".");
        }
    }
}
