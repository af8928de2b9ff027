package org.attentionlab.domain.masking;

/**
 * Counts over many repetitions of steps 2 and 3 with fresh seeds.
 *
 * @param runs     repetitions done
 * @param eligible eligible tokens summed over the runs
 * @param selected selected tokens summed over the runs
 * @param mask     selected tokens that became [MASK]
 * @param random   selected tokens that became a random token
 * @param keep     selected tokens left unchanged
 */
public record RunStats(int runs, long eligible, long selected, long mask, long random, long keep) {
    public double selectedFraction() {
        return eligible == 0 ? 0 : (double) selected / eligible;
    }

    public double maskFraction() {
        return selected == 0 ? 0 : (double) mask / selected;
    }

    public double randomFraction() {
        return selected == 0 ? 0 : (double) random / selected;
    }

    public double keepFraction() {
        return selected == 0 ? 0 : (double) keep / selected;
    }
}
