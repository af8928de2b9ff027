package org.attentionlab.engine.tensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adds up the wall-clock time of the named steps of a loop (for the {@code bench} command's
 * decode breakdown). A run calls {@link #start} before its first step and {@link #lap} after
 * each step; the time since the previous call is added to that step.
 */
public final class StepClock {
    private final Map<String, long[]> totals = new LinkedHashMap<>();
    private long last;

    /** Starts timing the next step. */
    public void start() {
        last = System.nanoTime();
    }

    /** Adds the time since the previous call to {@code step}. */
    public void lap(String step) {
        long now = System.nanoTime();
        totals.computeIfAbsent(step, k -> new long[1])[0] += now - last;
        last = now;
    }

    /** Nanoseconds per step, in the order the steps first ran. */
    public Map<String, Long> totals() {
        Map<String, Long> out = new LinkedHashMap<>();
        totals.forEach((k, v) -> out.put(k, v[0]));
        return Collections.unmodifiableMap(out);
    }
}
