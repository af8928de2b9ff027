package org.attentionlab.service.fewshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.attentionlab.domain.fewshot.AccuracyPoint;
import org.attentionlab.domain.fewshot.AccuracyReport;
import org.attentionlab.domain.fewshot.EvalItem;

/** The accuracy table as CSV: one row per number of examples and description, with each order's accuracy. */
public final class AccuracyCsv {
    private AccuracyCsv() {
    }

    public static String table(AccuracyReport r) {
        StringBuilder b = new StringBuilder("task,shots,with_description,accuracy_mean,accuracy_min,accuracy_max,correct,total");
        for (int o = 0; o < r.orders(); o++) {
            b.append(",order_").append(o + 1);
        }
        b.append('\n');
        for (AccuracyPoint p : r.points()) {
            b.append(quote(r.task())).append(',').append(p.shots()).append(',').append(p.withDescription())
                    .append(',').append(num(p.mean())).append(',').append(num(p.min())).append(',').append(num(p.max()))
                    .append(',').append(p.correct()).append(',').append(p.total());
            for (double v : p.byOrder()) {
                b.append(',').append(num(v));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** Every evaluated prompt: shots, description, order, query, expected, got, probability, correct, prompt. */
    public static String items(AccuracyReport r) {
        StringBuilder b = new StringBuilder("shots,with_description,order,query,expected,got,probability,correct,prompt\n");
        for (EvalItem i : r.items()) {
            b.append(i.shots()).append(',').append(i.withDescription()).append(',').append(i.order() + 1).append(',')
                    .append(quote(i.query())).append(',').append(quote(i.expected())).append(',').append(quote(i.got()))
                    .append(',').append(num(i.probability())).append(',').append(i.correct()).append(',')
                    .append(quote(i.prompt())).append('\n');
        }
        return b.toString();
    }

    public static void write(AccuracyReport r, Path file) throws IOException {
        Files.writeString(file, table(r), StandardCharsets.UTF_8);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String quote(String s) {
        if (s == null) {
            return "";
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
