package dev.vtsne.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.io.Labels;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScatterPlotTest {

    @TempDir
    Path dir;

    /** Three well separated blobs of 100 points each. */
    private static float[] blobs(int dims) {
        Random r = new Random(1);
        float[] y = new float[300 * dims];
        for (int i = 0; i < 300; i++) {
            int c = i / 100;
            y[i * dims] = (float) (c * 20 + r.nextGaussian());
            y[i * dims + 1] = (float) ((c % 2) * 20 + r.nextGaussian());
            for (int a = 2; a < dims; a++) {
                y[i * dims + a] = (float) r.nextGaussian() * 1000; // must not matter
            }
        }
        return y;
    }

    private static Labels blobLabels() {
        int[] codes = new int[300];
        for (int i = 0; i < 300; i++) {
            codes[i] = i / 100;
        }
        return new Labels(codes, List.of("a", "b", "c"));
    }

    /** Distinct strongly saturated colors (dots and swatches, not text or frame greys). */
    private static Set<Integer> saturatedColors(BufferedImage img) {
        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                float[] hsb = Color.RGBtoHSB(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff, null);
                if (hsb[1] > 0.6f && hsb[2] > 0.3f) {
                    colors.add(rgb);
                }
            }
        }
        return colors;
    }

    @Test
    void labelledPlotUsesOneColorPerLabel() {
        BufferedImage img = ScatterPlot.render(blobs(2), 300, 2, blobLabels(), 400, 300, "test");
        assertEquals(400, img.getWidth());
        assertEquals(300, img.getHeight());
        assertEquals(0xffffff, img.getRGB(1, 1) & 0xffffff, "white background");
        Set<Integer> colors = saturatedColors(img);
        for (int k = 0; k < 3; k++) {
            assertTrue(colors.contains(ScatterPlot.color(k, 3).getRGB() & 0xffffff), "legend swatch of label " + k);
        }
    }

    @Test
    void unlabelledPlotUsesOneHue() {
        BufferedImage img = ScatterPlot.render(blobs(2), 300, 2, null, 300, 300, null);
        Set<Float> hues = new HashSet<>();
        int ink = 0;
        for (int rgb : saturatedColors(img)) {
            float[] hsb = Color.RGBtoHSB(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff, null);
            hues.add(Math.round(hsb[0] * 20) / 20f);
            ink++;
        }
        assertTrue(ink > 0, "points drawn");
        assertTrue(hues.size() <= 2, "one hue (antialiasing may round to a neighbour): " + hues);
    }

    @Test
    void threeDimensionsPlotTheFirstTwoAxes() {
        float[] y3 = blobs(3);
        float[] y2 = new float[600];
        for (int i = 0; i < 300; i++) {
            y2[2 * i] = y3[3 * i];
            y2[2 * i + 1] = y3[3 * i + 1];
        }
        BufferedImage a = ScatterPlot.render(y3, 300, 3, blobLabels(), 200, 200, null);
        BufferedImage b = ScatterPlot.render(y2, 300, 2, blobLabels(), 200, 200, null);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 200; x++) {
                assertEquals(b.getRGB(x, y), a.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void sizeAndOpacityShrinkWithN() {
        assertEquals(4.0, ScatterPlot.pointDiameter(1797, 1000, 1000), 0.3);
        assertEquals(1.5, ScatterPlot.pointDiameter(70000, 1000, 1000), 0.3);
        assertEquals(0.4, ScatterPlot.alpha(70000), 0.05);
        assertTrue(ScatterPlot.alpha(1797) >= 0.8);
        assertTrue(ScatterPlot.pointDiameter(200, 1000, 1000) > ScatterPlot.pointDiameter(1797, 1000, 1000));
        assertTrue(ScatterPlot.pointDiameter(1797, 2000, 2000) > ScatterPlot.pointDiameter(1797, 1000, 1000));
        // a million points: still at least a pixel wide, fainter than at 70,000 so that density shows
        assertTrue(ScatterPlot.pointDiameter(1_000_000, 1000, 1000) >= 1.0);
        assertTrue(ScatterPlot.alpha(1_000_000) < ScatterPlot.alpha(70_000));
        assertTrue(ScatterPlot.alpha(1_000_000) >= 0.15);
    }

    @Test
    void denseMapsShowDensityRatherThanASolidBlot() {
        // 200,000 points in one Gaussian blob: the core is darker than the rim, and not saturated
        int n = 200_000;
        Random r = new Random(9);
        float[] y = new float[2 * n];
        for (int i = 0; i < 2 * n; i++) {
            y[i] = (float) r.nextGaussian();
        }
        BufferedImage img = ScatterPlot.render(y, n, 2, null, 400, 400, null);
        int core = img.getRGB(200, 200) & 0xff, rim = img.getRGB(200, 200 + 90) & 0xff;
        Set<Integer> colors = new HashSet<>();
        for (int x = 0; x < 400; x += 3) {
            colors.add(img.getRGB(x, 200));
        }
        assertTrue(colors.size() > 20, "a gradient of shades along a line through the blob: " + colors.size());
        assertTrue(core < rim, "the core (blue " + core + ") is darker than the rim (" + rim + ")");
    }

    @Test
    void manyLabelsGetDistinctColors() {
        Set<Integer> seen = new HashSet<>();
        for (int k = 0; k < 30; k++) {
            seen.add(ScatterPlot.color(k, 30).getRGB());
        }
        assertEquals(30, seen.size());
    }

    @Test
    void writesAReadablePng() throws Exception {
        Path p = dir.resolve("p.png");
        ScatterPlot.write(p, blobs(2), 300, 2, blobLabels(), 320, 240, "t");
        BufferedImage img = ImageIO.read(p.toFile());
        assertNotNull(img);
        assertEquals(320, img.getWidth());
        assertEquals(240, img.getHeight());
        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                colors.add(img.getRGB(x, y));
            }
        }
        assertTrue(colors.size() > 3, "not all one color: " + colors.size());
    }

    @Test
    void refusesMismatchedInput() {
        assertThrows(IllegalArgumentException.class, () -> ScatterPlot.render(new float[5], 3, 2, null, 100, 100, null));
        assertThrows(IllegalArgumentException.class, () -> ScatterPlot.render(new float[3], 3, 1, null, 100, 100, null));
    }
}
