package org.attentionlab.ui.shell;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.attentionlab.domain.ModelInfo;
import org.attentionlab.ui.Messages;

/** Wording of the status bar, kept apart so it is testable without a window. */
public final class StatusText {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private StatusText() {
    }

    /** "bert-tiny (BERT)" */
    public static String model(ModelInfo info) {
        return info == null ? Messages.get("status.noModel") : Messages.get("status.model", info.name(), info.kind());
    }

    /**
     * "2 layers × 2 heads · 4.39 M parameters"; for a seq2seq translator, which has no heads,
     * "recurrent encoder–decoder, 1 layer, hidden size 64 · 291 k parameters".
     */
    public static String size(ModelInfo info) {
        if (info == null) {
            return "";
        }
        if (info.kind() == org.attentionlab.domain.ModelKind.SEQ2SEQ) {
            return Messages.get("status.size.seq2seq", info.layers(), info.hidden(), parameters(info.parameters()));
        }
        return Messages.get("status.size", info.layers(), info.heads(), parameters(info.parameters()));
    }

    /** "Last run 14:03:07, 8 ms" */
    public static String lastRun(LocalTime at, Duration took) {
        double ms = took.toNanos() / 1e6;
        String t = ms < 10 ? String.format(Locale.ROOT, "%.1f", ms) : String.format(Locale.ROOT, "%.0f", ms);
        return Messages.get("status.lastRun", CLOCK.format(at), t);
    }

    /** 4_385_920 as "4.39 M", 124_439_808 as "124 M", 950 as "950". */
    static String parameters(long n) {
        if (n >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.3g G", n / 1e9);
        }
        if (n >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.3g M", n / 1e6);
        }
        if (n >= 1_000L) {
            return String.format(Locale.ROOT, "%.3g k", n / 1e3);
        }
        return Long.toString(n);
    }
}
