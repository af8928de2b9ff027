package org.attentionlab.figure;

import java.util.List;
import java.util.Locale;

/**
 * A sequential colour map from 0 to 1, interpolated linearly in sRGB between evenly spaced
 * control points.
 *
 * <p>Viridis and cividis are perceptually uniform (lightness rises steadily from one end to the
 * other), so a weight reads the same on a washed-out projector, in grey-scale print and for
 * viewers with red-green colour blindness; cividis is tuned for deuteranopia. The control
 * points are matplotlib 3.11's {@code colormaps['viridis']} and {@code colormaps['cividis']}
 * sampled at i/32 for i = 0..32; they are data, not theme colours.
 */
public final class ColorMap {
    /** Dark purple through teal to yellow. */
    public static final ColorMap VIRIDIS = new ColorMap("viridis", new int[] {
        0x440154, 0x470d60, 0x48186a, 0x482374, 0x472d7b, 0x453781, 0x424086, 0x3e4989, 0x3b528b,
        0x375b8d, 0x33638d, 0x2f6b8e, 0x2c728e, 0x297a8e, 0x26828e, 0x23898e, 0x21918c, 0x1f988b,
        0x1fa088, 0x22a785, 0x28ae80, 0x32b67a, 0x3fbc73, 0x4ec36b, 0x5ec962, 0x70cf57, 0x84d44b,
        0x98d83e, 0xaddc30, 0xc2df23, 0xd8e219, 0xece51b, 0xfde725});

    /** Navy through grey to yellow; the same for trichromats and for most colour-blind viewers. */
    public static final ColorMap CIVIDIS = new ColorMap("cividis", new int[] {
        0x00224e, 0x00285b, 0x002e6a, 0x053371, 0x1a386f, 0x273e6e, 0x32436d, 0x3b496c, 0x434e6c,
        0x4b546c, 0x535a6d, 0x5a5f6e, 0x61656f, 0x686a71, 0x6f7073, 0x767676, 0x7d7c78, 0x848279,
        0x8c8878, 0x938e78, 0x9b9476, 0xa39a74, 0xaba072, 0xb4a76f, 0xbcae6c, 0xc4b468, 0xcdbb63,
        0xd5c25e, 0xdec958, 0xe7d150, 0xf0d846, 0xf9e03a, 0xfee838});

    private static final List<ColorMap> ALL = List.of(VIRIDIS, CIVIDIS);

    private final String name;
    private final int[] stops;

    private ColorMap(String name, int[] stops) {
        this.name = name;
        this.stops = stops;
    }

    /** The maps the app offers, in menu order. */
    public static List<ColorMap> all() {
        return ALL;
    }

    /** Looks a map up by its name (case-insensitive); throws IllegalArgumentException if unknown. */
    public static ColorMap byName(String name) {
        for (ColorMap m : ALL) {
            if (m.name.equalsIgnoreCase(name.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown colour map '" + name + "'");
    }

    public String name() {
        return name;
    }

    /** Opaque ARGB colour for {@code t} in [0, 1]; values outside are clamped, NaN maps to 0. */
    public int argb(double t) {
        if (!(t > 0)) {
            t = 0;
        } else if (t > 1) {
            t = 1;
        }
        double pos = t * (stops.length - 1);
        int i = Math.min((int) pos, stops.length - 2);
        double f = pos - i;
        int a = stops[i];
        int b = stops[i + 1];
        int r = lerp(a >> 16 & 0xff, b >> 16 & 0xff, f);
        int g = lerp(a >> 8 & 0xff, b >> 8 & 0xff, f);
        int bl = lerp(a & 0xff, b & 0xff, f);
        return 0xff000000 | r << 16 | g << 8 | bl;
    }

    /** {@code #rrggbb} for {@code t}, for SVG and CSS. */
    public String hex(double t) {
        return String.format(Locale.ROOT, "#%06x", argb(t) & 0xffffff);
    }

    private static int lerp(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }

    @Override
    public String toString() {
        return name;
    }
}
