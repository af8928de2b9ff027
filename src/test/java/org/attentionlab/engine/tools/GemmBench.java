package org.attentionlab.engine.tools;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.attentionlab.engine.tensor.Blas;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Development tool: single-thread GFLOP/s of OpenBLAS's sgemm (as the engine calls it) on the
 * products of a BERT-base layer, feature-major: {@code Y^T[out, T] = W[out, in] · X^T[in, T]}.
 * {@code tools/bench/gemm_torch.py} times the same shapes in PyTorch.
 *
 * <pre>java -cp ... org.attentionlab.engine.tools.GemmBench [tokens...]</pre>
 */
public final class GemmBench {
    private GemmBench() {
    }

    public static void main(String[] args) {
        int[] tokens = args.length == 0 ? new int[] {16, 128} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        int[][] shapes = {{2304, 768}, {768, 768}, {3072, 768}, {768, 3072}};
        Random rnd = new Random(1);
        for (int t : tokens) {
            for (int[] s : shapes) {
                int out = s[0];
                int in = s[1];
                float[] w = new float[out * in];
                float[] x = new float[in * t];
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) rnd.nextGaussian();
                }
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) rnd.nextGaussian();
                }
                try (FloatPointer wp = new FloatPointer(w); FloatPointer xp = new FloatPointer(x);
                     FloatPointer yp = new FloatPointer((long) out * t)) {
                    int reps = (int) Math.max(5, 2e9 / (2.0 * out * in * t));
                    for (int i = 0; i < reps; i++) {
                        Blas.gemm(false, false, out, t, in, 1f, wp, 0, in, xp, 0, t, yp, 0, t);
                    }
                    double[] times = new double[reps];
                    for (int i = 0; i < reps; i++) {
                        long t0 = System.nanoTime();
                        Blas.gemm(false, false, out, t, in, 1f, wp, 0, in, xp, 0, t, yp, 0, t);
                        times[i] = (System.nanoTime() - t0) / 1e9;
                    }
                    Arrays.sort(times);
                    double med = times[reps / 2];
                    System.out.printf(Locale.ROOT, "{\"tokens\": %d, \"out\": %d, \"in\": %d, \"ms\": %.3f, \"gflops\": %.1f}%n",
                            t, out, in, med * 1e3, 2.0 * out * in * t / med / 1e9);
                }
            }
        }
    }
}
