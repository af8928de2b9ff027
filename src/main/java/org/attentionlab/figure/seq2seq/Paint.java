package org.attentionlab.figure.seq2seq;

import org.attentionlab.figure.FigureStyle;

/** Colour helpers shared by the seq2seq figures. */
final class Paint {
    private Paint() {
    }

    /** Linear blend of two ARGB colours, t = 0 gives {@code a}. */
    static int mix(int a, int b, double t) {
        t = Math.max(0, Math.min(1, t));
        int out = 0xff000000;
        for (int shift = 0; shift <= 16; shift += 8) {
            int ca = (a >> shift) & 0xff;
            int cb = (b >> shift) & 0xff;
            out |= ((int) Math.round(ca + (cb - ca) * t) & 0xff) << shift;
        }
        return out;
    }

    /** A signed value: the background for 0, the highlight colour for +max, the second-segment colour for -max. */
    static int signed(double v, double max, FigureStyle style) {
        if (!(max > 0) || Double.isNaN(v)) {
            return style.background();
        }
        double t = Math.min(1, Math.abs(v) / max);
        return mix(style.background(), v >= 0 ? style.highlight() : style.segmentB(), t);
    }

    static double maxAbs(float[] values) {
        double m = 0;
        for (float v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        String s = a != 0 && (a < 0.01 || a >= 1000) ? String.format(java.util.Locale.ROOT, "%.2e", v)
                : String.format(java.util.Locale.ROOT, "%.3f", v);
        return s.replace('-', '−');
    }
}
