#!/usr/bin/env python3
"""Fits the rational functions the engine's vectorisable GELUs use (engine/tensor/FloatMath.java).

HotSpot vectorises a float loop only when its body is additions, multiplications, divisions
and min/max: no calls (Math.exp, Math.tanh) and no int/float conversions. So erf and tanh are
computed as odd rational functions of a clamped argument:

    erf(x)  ~ x * P(x^2) / Q(x^2),   |x| clamped to 4, P and Q of degree 5 in x^2
    tanh(u) ~ u * P(u^2) / Q(u^2),   |u| clamped to 9, P and Q of degree 4 in u^2

erf(4) and tanh(9) round to 1 in float, so the clamps change nothing. Higher degrees fit better
in exact arithmetic but not in float (about 2.5e-7 either way), and some lose the all-positive
denominator that keeps the evaluation well conditioned.

Each fit minimises the largest absolute error of the function against mpmath at 50 digits:
Sanathanan-Koerner iterations (linear least squares with the previous denominator as weight),
then Lawson reweighting towards minimax. The script prints the coefficients for Java and the
largest error when the formula is evaluated in float32 as FloatMath does (Horner with fused
multiply-adds, then one division).

    /tmp/oracle/bin/python tools/bench/fit_rational.py
"""
import mpmath
import numpy as np

mpmath.mp.dps = 50


def fit(f, limit, p_deg, q_deg, n=600):
    # nodes in x (denser near the ends, where the error of a polynomial fit peaks)
    xs = np.array([limit * (1 - np.cos(np.pi * (k + 0.5) / n)) / 2 for k in range(n)])
    xs = np.concatenate([xs, [limit]])
    fx = np.array([float(f(mpmath.mpf(x))) for x in xs])
    s = xs * xs
    q_prev = np.ones_like(xs)
    lawson = np.ones_like(xs) / len(xs)
    for it in range(60):
        # minimise sum w (x P(s) - f Q(s))^2 / Q_prev^2, with Q(0) = 1
        cols = [xs * s ** j for j in range(p_deg + 1)] + [-fx * s ** j for j in range(1, q_deg + 1)]
        a = np.stack(cols, axis=1)
        w = np.sqrt(lawson) / np.abs(q_prev)
        coef, *_ = np.linalg.lstsq(a * w[:, None], fx * w, rcond=None)
        p = coef[:p_deg + 1]
        q = np.concatenate([[1.0], coef[p_deg + 1:]])
        q_prev = np.polyval(q[::-1], s)
        err = np.abs(xs * np.polyval(p[::-1], s) / q_prev - fx)
        if it >= 10:  # Lawson: weight the worst points up
            lawson = lawson * err
            lawson /= lawson.sum()
    return p, q, float(err.max())


def eval_float(x, p, q, limit):
    f = np.float32
    v = np.clip(f(x), f(-limit), f(limit))
    s = f(v * v)
    num = f(p[-1])
    for c in p[-2::-1]:
        num = f(float(num) * float(s) + float(c))  # Math.fma: one rounding per step
    den = f(q[-1])
    for c in q[-2::-1]:
        den = f(float(den) * float(s) + float(c))
    return f(f(v * num) / den)


def report(name, f, limit, p_deg, q_deg):
    p, q, err = fit(f, limit, p_deg, q_deg)
    p32 = [np.float32(c) for c in p]
    q32 = [np.float32(c) for c in q]
    xs = np.linspace(-limit - 1, limit + 1, 40001)
    worst = max(abs(float(eval_float(x, p32, q32, limit)) - float(f(mpmath.mpf(float(x))))) for x in xs)
    print(f"{name}: P degree {p_deg}, Q degree {q_deg} (in x^2), clamp {limit}: largest error {err:.2e} exact,"
          f" {worst:.2e} in float32")
    print("  numerator, x^0 first:   " + ", ".join(f"{float(c)!r}f" for c in p32))
    print("  denominator, x^0 first: " + ", ".join(f"{float(c)!r}f" for c in q32))


def main():
    report("erf", mpmath.erf, 4.0, 5, 5)
    report("tanh", mpmath.tanh, 9.0, 4, 4)


if __name__ == "__main__":
    main()
