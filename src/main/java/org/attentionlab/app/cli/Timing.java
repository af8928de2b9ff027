package org.attentionlab.app.cli;

import java.util.Arrays;
import org.attentionlab.domain.InputException;

/** Medians of repeated runs, so that one noisy run does not decide a reported time. */
final class Timing {
    private Timing() {
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }

    /** Checks a {@code --repeat} count. */
    static int repeat(int n) {
        if (n < 1 || n > 10_000) {
            throw new InputException("--repeat must be between 1 and 10000, not " + n + ".", "");
        }
        return n;
    }
}
