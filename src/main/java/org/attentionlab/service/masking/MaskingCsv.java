package org.attentionlab.service.masking;

import java.util.List;
import org.attentionlab.domain.masking.Candidate;
import org.attentionlab.domain.masking.MaskingResult;
import org.attentionlab.domain.masking.PositionPrediction;

/** The masked-word lesson's predictions as CSV: one row per selected position. */
public final class MaskingCsv {
    private MaskingCsv() {
    }

    /**
     * Header {@code position,original,action,input_token,original_prob,original_rank,loss,top1,p1,...}
     * then one row per prediction; values that do not exist (a typed [MASK] has no truth) are empty.
     */
    public static String toCsv(MaskingResult result, int topK) {
        StringBuilder out = new StringBuilder("position,original,action,input_token,original_prob,original_rank,loss");
        for (int i = 1; i <= topK; i++) {
            out.append(",top").append(i).append(",p").append(i);
        }
        out.append('\n');
        for (PositionPrediction p : result.predictions()) {
            out.append(p.position()).append(',').append(cell(p.replacement().original())).append(',')
                    .append(p.replacement().fate().label()).append(',').append(cell(p.replacement().inputToken())).append(',')
                    .append(p.scored() ? Double.toString(p.originalProb()) : "").append(',')
                    .append(p.scored() ? Integer.toString(p.originalRank()) : "").append(',')
                    .append(p.scored() ? Double.toString(p.loss()) : "");
            List<Candidate> top = p.top();
            for (int i = 0; i < topK; i++) {
                if (i < top.size()) {
                    out.append(',').append(cell(top.get(i).token())).append(',').append(top.get(i).prob());
                } else {
                    out.append(",,");
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** RFC 4180: quote a cell that holds a comma, a quote or a line break. */
    static String cell(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
