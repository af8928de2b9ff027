package org.attentionlab.engine.tensor;

/**
 * exp, softmax and the two GELUs over float arrays, written so that HotSpot's C2 compiler turns
 * the loops into AVX instructions (8 floats at a time).
 *
 * <p>Why: {@code Math.exp} and {@code Math.tanh} are calls that no loop vectorises (about 16 ns
 * per value measured here), and BERT-base over 128 tokens needs 2.4 million exponentials for its
 * softmaxes and 4.7 million erf for its GELUs. C2 (JDK 17) vectorises a loop only when every
 * operation in it is vectorisable: additions, multiplications, divisions, fused multiply-adds,
 * min/max, abs. Conversions between int and float, and float bit patterns, are not; one of them
 * keeps the whole loop scalar. Hence:
 * <ul>
 *   <li>erf and tanh are odd rational functions of a clamped argument, fitted by
 *       tools/bench/fit_rational.py: {@code erf(x) = x P(x^2)/Q(x^2)} for |x| &le; 4 and
 *       {@code tanh(u) = u P(u^2)/Q(u^2)} for |u| &le; 9 (beyond, both round to &plusmn;1 in
 *       float). Largest error in float: 2.9e-7 (erf) and 2.5e-7 (tanh), absolute.</li>
 *   <li>exp is split in two loops: a vectorised one does the range reduction
 *       {@code x = k ln2 + r} (|r| &le; ln2/2, ln 2 split in two so that {@code k * LN2_HI} is
 *       exact) and the degree-7 Taylor polynomial of e^r (truncation below 6e-9 relative); a
 *       short scalar one multiplies by 2^k, built from its bits in two halves so that results
 *       down to the subnormals, and exactly 0 below e^-110 (a masked score), come out right.
 *       Error: a few units in the last place (1e-7 relative).</li>
 * </ul>
 * PyTorch's own float kernels round at the same level; the golden tests hold the models to 1e-4.
 */
public final class FloatMath {
    private static final float LOG2E = 1.44269504f;
    /** ln 2 rounded to a multiple of 2^-16, so that k * LN2_HI is exact for |k| &lt; 256. */
    private static final float LN2_HI = 0.693145751953125f;
    private static final float LN2_LO = 1.42860677e-6f;   // ln 2 - LN2_HI
    /** Adding and subtracting 1.5 * 2^23 rounds a float of magnitude below 2^22 to an integer. */
    private static final float ROUND = 12582912f;
    private static final float EXP_MIN = -110f;            // e^-110 is below half the smallest subnormal: 0
    private static final float EXP_MAX = 89f;              // e^89 overflows to infinity
    /** Per-thread scratch for exp: the exponents k, indexed like the values (C2 vectorises only equally indexed arrays). */
    private static final ThreadLocal<float[][]> EXPONENTS = ThreadLocal.withInitial(() -> new float[][] {new float[1024]});

    private static final float SQRT_HALF = 0.70710678f;
    private static final float ERF_LIMIT = 4f;
    // erf(x) = x * (P0 + P1 s + ... + P5 s^5) / (1 + Q1 s + ... + Q5 s^5), s = x^2
    private static final float EP0 = 1.128378987312317f;
    private static final float EP1 = 0.19625073671340942f;
    private static final float EP2 = 0.053467683494091034f;
    private static final float EP3 = 0.004003714770078659f;
    private static final float EP4 = 0.00028804177418351173f;
    private static final float EP5 = 1.974800625248463e-06f;
    private static final float EQ1 = 0.5072538256645203f;
    private static final float EQ2 = 0.1164771318435669f;
    private static final float EQ3 = 0.01544455997645855f;
    private static final float EQ4 = 0.001216374454088509f;
    private static final float EQ5 = 3.7480574974324554e-05f;

    private static final float SQRT_TWO_OVER_PI = 0.7978845608f;
    private static final float GELU_CUBIC = 0.044715f;
    private static final float TANH_LIMIT = 9f;
    // tanh(u) = u * (P0 + P1 s + ... + P4 s^4) / (1 + Q1 s + ... + Q4 s^4), s = u^2
    private static final float TP0 = 0.9999998807907104f;
    private static final float TP1 = 0.1337319016456604f;
    private static final float TP2 = 0.0034865725319832563f;
    private static final float TP3 = 2.047167618002277e-05f;
    private static final float TP4 = 1.3184007663369357e-08f;
    private static final float TQ1 = 0.46706485748291016f;
    private static final float TQ2 = 0.02584194391965866f;
    private static final float TQ3 = 0.00032713700784370303f;
    private static final float TQ4 = 7.702575430812431e-07f;

    private FloatMath() {
    }

    /** e^x in float (NaN stays NaN, -infinity gives 0, large x gives infinity); as {@link #expInPlace}. */
    public static float exp(float x) {
        float v = Math.max(EXP_MIN, Math.min(EXP_MAX, x));
        float kf = (v * LOG2E + ROUND) - ROUND;
        float r = (v - kf * LN2_HI) - kf * LN2_LO;
        return timesTwoToThe(expPolynomial(r), kf);
    }

    /** {@code x[from, to)} = e^x, in place. */
    public static void expInPlace(float[] x, int from, int to) {
        float[][] holder = EXPONENTS.get();
        if (holder[0].length < to) {
            holder[0] = new float[Math.max(to, holder[0].length * 2)];
        }
        float[] exponents = holder[0];
        // vectorised: range reduction and polynomial
        for (int i = from; i < to; i++) {
            float v = Math.max(EXP_MIN, Math.min(EXP_MAX, x[i]));
            float kf = (v * LOG2E + ROUND) - ROUND;            // nearest integer to v / ln 2
            float r = (v - kf * LN2_HI) - kf * LN2_LO;         // |r| <= ln2 / 2
            exponents[i] = kf;
            x[i] = expPolynomial(r);
        }
        // scalar: times 2^k
        for (int i = from; i < to; i++) {
            x[i] = timesTwoToThe(x[i], exponents[i]);
        }
    }

    /** e^r for |r| &le; ln2/2: Taylor to degree 7, fused multiply-adds. */
    private static float expPolynomial(float r) {
        float p = Math.fma(r, 1f / 5040, 1f / 720);
        p = Math.fma(r, p, 1f / 120);
        p = Math.fma(r, p, 1f / 24);
        p = Math.fma(r, p, 1f / 6);
        p = Math.fma(r, p, 0.5f);
        p = Math.fma(r, p, 1f);
        return Math.fma(r, p, 1f);
    }

    /**
     * {@code p * 2^k} for a whole number k in [-159, 129], scaling by two normal powers of two in
     * turn, so that a result in the subnormal range rounds correctly and one below 2^-150 is 0.
     */
    private static float timesTwoToThe(float p, float kf) {
        int k = (int) kf;
        int half = k >> 1;
        return p * Float.intBitsToFloat((half + 127) << 23) * Float.intBitsToFloat((k - half + 127) << 23);
    }

    /**
     * Softmax of {@code x[offset, offset + n)} in place: the row maximum is subtracted in float
     * (so a score plus {@link Ops#MASK_VALUE} gets exactly 0 unless the whole row is masked, when
     * the row is uniform, as in PyTorch), the sum is accumulated in double, and a row that is
     * entirely -infinity becomes NaN, as in PyTorch.
     */
    public static void softmax(float[] x, int offset, int n) {
        int end = offset + n;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = offset; i < end; i++) {
            max = Math.max(max, x[i]);
        }
        if (max == Float.NEGATIVE_INFINITY) { // every entry filtered out: nothing to normalise
            for (int i = offset; i < end; i++) {
                x[i] = Float.NaN;
            }
            return;
        }
        float[][] holder = EXPONENTS.get();
        if (holder[0].length < end) {
            holder[0] = new float[Math.max(end, holder[0].length * 2)];
        }
        float[] exponents = holder[0];
        for (int i = offset; i < end; i++) {                   // vectorised: e^(x - max) up to 2^k
            float v = Math.max(EXP_MIN, x[i] - max);
            float kf = (v * LOG2E + ROUND) - ROUND;
            float r = (v - kf * LN2_HI) - kf * LN2_LO;
            exponents[i] = kf;
            x[i] = expPolynomial(r);
        }
        double sum = 0;
        for (int i = offset; i < end; i++) {                   // scalar: times 2^k, and the sum
            float e = timesTwoToThe(x[i], exponents[i]);
            x[i] = e;
            sum += e;
        }
        float inverse = (float) (1.0 / sum);
        for (int i = offset; i < end; i++) {
            x[i] *= inverse;
        }
    }

    /** Exact GELU, {@code x/2 (1 + erf(x / sqrt 2))}, over {@code x[from, to)} in place (BERT's "gelu"). */
    public static void geluErfInPlace(float[] x, int from, int to) {
        for (int i = from; i < to; i++) {
            float v = x[i];
            float a = Math.max(-ERF_LIMIT, Math.min(ERF_LIMIT, v * SQRT_HALF));
            float s = a * a;
            float num = Math.fma(s, EP5, EP4);
            num = Math.fma(s, num, EP3);
            num = Math.fma(s, num, EP2);
            num = Math.fma(s, num, EP1);
            num = Math.fma(s, num, EP0);
            float den = Math.fma(s, EQ5, EQ4);
            den = Math.fma(s, den, EQ3);
            den = Math.fma(s, den, EQ2);
            den = Math.fma(s, den, EQ1);
            den = Math.fma(s, den, 1f);
            x[i] = 0.5f * v * (1f + a * num / den);
        }
    }

    /**
     * GPT-2's "gelu_new", {@code x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}, over
     * {@code x[from, to)} in place, in the form HuggingFace computes it.
     */
    public static void geluTanhInPlace(float[] x, int from, int to) {
        for (int i = from; i < to; i++) {
            float v = x[i];
            float u = Math.max(-TANH_LIMIT, Math.min(TANH_LIMIT, SQRT_TWO_OVER_PI * (v + GELU_CUBIC * v * v * v)));
            float s = u * u;
            float num = Math.fma(s, TP4, TP3);
            num = Math.fma(s, num, TP2);
            num = Math.fma(s, num, TP1);
            num = Math.fma(s, num, TP0);
            float den = Math.fma(s, TQ4, TQ3);
            den = Math.fma(s, den, TQ2);
            den = Math.fma(s, den, TQ1);
            den = Math.fma(s, den, 1f);
            x[i] = 0.5f * v * (1f + u * num / den);
        }
    }

    /** max(0, x) over {@code x[from, to)} in place. */
    public static void reluInPlace(float[] x, int from, int to) {
        for (int i = from; i < to; i++) {
            x[i] = Math.max(0f, x[i]);
        }
    }
}
