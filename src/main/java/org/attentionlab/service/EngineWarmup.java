package org.attentionlab.service;

import org.attentionlab.engine.tensor.Matrix;

/**
 * Loads the native math (ND4J's backend and OpenBLAS, about a second on a 2-core machine) on a
 * background thread while the window is built, so the first model load does not wait for it.
 * {@code -Dattentionlab.warmup=false} turns it off (the start-up benchmark compares both).
 */
public final class EngineWarmup {
    private EngineWarmup() {
    }

    public static void startInBackground() {
        if ("false".equals(System.getProperty("attentionlab.warmup"))) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                Matrix.of(new float[] {1f}, 1, 1);
            } catch (Throwable e) {
                // The first real load reports any problem with the native libraries, with a remedy.
            }
        }, "attention-lab-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        t.start();
    }
}
