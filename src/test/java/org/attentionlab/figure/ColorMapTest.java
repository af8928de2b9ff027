package org.attentionlab.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ColorMapTest {
    @Test
    void endpointsAreMatplotlibs() {
        assertEquals(0xff440154, ColorMap.VIRIDIS.argb(0));
        assertEquals(0xfffde725, ColorMap.VIRIDIS.argb(1));
        assertEquals(0xff00224e, ColorMap.CIVIDIS.argb(0));
        assertEquals(0xfffee838, ColorMap.CIVIDIS.argb(1));
    }

    @Test
    void pointsBetweenControlPointsMatchMatplotlib() {
        // matplotlib 3.11 colormaps[name](t) at t that fall between our control points
        assertClose(0x482475, ColorMap.VIRIDIS.argb(0.1));
        assertClose(0x2d718e, ColorMap.VIRIDIS.argb(0.37));
        assertClose(0x1e9c89, ColorMap.VIRIDIS.argb(0.55));
        assertClose(0xbddf26, ColorMap.VIRIDIS.argb(0.9));
        assertClose(0x083370, ColorMap.CIVIDIS.argb(0.1));
        assertClose(0x5f636f, ColorMap.CIVIDIS.argb(0.37));
        assertClose(0x888578, ColorMap.CIVIDIS.argb(0.55));
        assertClose(0xe5cf52, ColorMap.CIVIDIS.argb(0.9));
    }

    @Test
    void lightnessRisesStrictlySoLargerWeightsAlwaysLookLighter() {
        for (ColorMap map : ColorMap.all()) {
            double previous = -1;
            for (int i = 0; i <= 64; i++) {
                double l = lightness(map.argb(i / 64.0));
                assertTrue(l > previous, map + " lightness must rise at step " + i + ": " + previous + " -> " + l);
                previous = l;
            }
            // a washed-out projector still shows the ends apart: the map spans a wide lightness range
            assertTrue(lightness(map.argb(1)) - lightness(map.argb(0)) > 60, map + " spans too little lightness");
        }
    }

    @Test
    void valuesOutsideTheRangeAreClamped() {
        assertEquals(ColorMap.VIRIDIS.argb(0), ColorMap.VIRIDIS.argb(-3));
        assertEquals(ColorMap.VIRIDIS.argb(0), ColorMap.VIRIDIS.argb(Double.NaN));
        assertEquals(ColorMap.VIRIDIS.argb(1), ColorMap.VIRIDIS.argb(7));
    }

    @Test
    void mapsAreFoundByName() {
        assertEquals(ColorMap.CIVIDIS, ColorMap.byName("Cividis"));
    }

    private static void assertClose(int expectedRgb, int argb) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int e = expectedRgb >> shift & 0xff;
            int a = argb >> shift & 0xff;
            assertTrue(Math.abs(e - a) <= 2, String.format("expected #%06x, got #%06x", expectedRgb, argb & 0xffffff));
        }
    }

    /** CIE L* of an sRGB colour. */
    static double lightness(int argb) {
        double y = 0.2126 * linear(argb >> 16 & 0xff) + 0.7152 * linear(argb >> 8 & 0xff) + 0.0722 * linear(argb & 0xff);
        return y > 216.0 / 24389 ? 116 * Math.cbrt(y) - 16 : y * 24389.0 / 27;
    }

    private static double linear(int c) {
        double v = c / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
}
