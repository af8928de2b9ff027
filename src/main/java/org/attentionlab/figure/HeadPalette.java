package org.attentionlab.figure;

/**
 * Distinct line colours for showing several attention heads at once.
 *
 * <p>The first six are the Okabe-Ito colours that stay distinct under common colour blindness
 * (black and yellow left out: they vanish on one theme or the other); the rest are Paul Tol's
 * "muted" scheme. Data, not theme colours; heads beyond the list reuse colours in order.
 */
public final class HeadPalette {
    private static final int[] COLOURS = {
        0x0072b2, 0xd55e00, 0x009e73, 0xcc79a7, 0xe69f00, 0x56b4e9,
        0x882255, 0x117733, 0x332288, 0xaa4499, 0x44aa99, 0x999933, 0xddcc77, 0x88ccee,
    };

    private HeadPalette() {
    }

    /** Opaque ARGB colour for head {@code head}. */
    public static int argb(int head) {
        return 0xff000000 | COLOURS[Math.floorMod(head, COLOURS.length)];
    }

    /** How many distinct colours there are before they repeat. */
    public static int size() {
        return COLOURS.length;
    }
}
