package dev.vtsne.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.io.Labels;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgPlotTest {

    private static final String SVG = "http://www.w3.org/2000/svg";

    @TempDir
    Path dir;

    /** {@code n} points in {@code k} Gaussian blobs, labelled by blob. */
    private static float[] blobs(int n, int k, long seed) {
        Random r = new Random(seed);
        float[] y = new float[2 * n];
        for (int i = 0; i < n; i++) {
            int c = i % k;
            y[2 * i] = (float) (30 * Math.cos(c) + r.nextGaussian() * 3);
            y[2 * i + 1] = (float) (30 * Math.sin(c) + r.nextGaussian() * 3);
        }
        return y;
    }

    private static Labels labels(int n, int k) {
        int[] codes = new int[n];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            codes[i] = i % k;
        }
        for (int c = 0; c < k; c++) {
            names.add(c == 0 ? "a <&> \"b\"" : "class " + c);
        }
        return new Labels(codes, names);
    }

    /** Parses the SVG as namespace-aware XML; a malformed document fails the test. */
    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element byId(Document d, String id) {
        NodeList all = d.getElementsByTagNameNS(SVG, "g");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (id.equals(e.getAttribute("id"))) {
                return e;
            }
        }
        throw new AssertionError("no <g id=\"" + id + "\">");
    }

    @Test
    void oneCirclePerPointAndOneLegendEntryPerLabel() throws Exception {
        int n = 500;
        String svg = SvgPlot.render(blobs(n, 5, 1), n, 2, labels(n, 5), 640, 480, "t-SNE of <x> & y");
        Document d = parse(svg);
        Element root = d.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals(SVG, root.getNamespaceURI());
        assertEquals("640", root.getAttribute("width"));
        assertEquals("480", root.getAttribute("height"));
        NodeList marks = byId(d, "points").getElementsByTagNameNS(SVG, "circle");
        assertEquals(n, marks.getLength(), "one mark per point");
        for (int i = 0; i < marks.getLength(); i++) {
            Element c = (Element) marks.item(i);
            double x = Double.parseDouble(c.getAttribute("cx")), y = Double.parseDouble(c.getAttribute("cy"));
            assertTrue(x > 0 && x < 640 && y > 0 && y < 480, "inside the picture: " + x + ", " + y);
            assertTrue(c.getAttribute("class").matches("k[0-4]"), c.getAttribute("class"));
        }
        Element legend = byId(d, "legend");
        NodeList entries = legend.getElementsByTagNameNS(SVG, "text");
        assertEquals(5, entries.getLength(), "one legend entry per label");
        assertEquals("a <&> \"b\"", entries.item(0).getTextContent(), "label text escaped and read back");
        assertEquals("class 4", entries.item(4).getTextContent());
        for (int k = 0; k < 5; k++) {
            String color = String.format("#%06x", ScatterPlot.color(k, 5).getRGB() & 0xffffff);
            assertTrue(svg.contains(".k" + k + "{fill:" + color + "}"), "label " + k + " has its color " + color);
        }
    }

    @Test
    void withoutLabelsThereIsNoLegend() throws Exception {
        Document d = parse(SvgPlot.render(blobs(50, 2, 2), 50, 2, null, 200, 200, null));
        assertEquals(50, byId(d, "points").getElementsByTagNameNS(SVG, "circle").getLength());
        NodeList groups = d.getElementsByTagNameNS(SVG, "g");
        for (int i = 0; i < groups.getLength(); i++) {
            assertTrue(!"legend".equals(((Element) groups.item(i)).getAttribute("id")));
        }
    }

    @Test
    void largeMapsMergeCoincidentDotsPerLabel() throws Exception {
        int n = 60_000;
        String svg = SvgPlot.render(blobs(n, 3, 3), n, 2, labels(n, 3), 500, 500, null);
        Document d = parse(svg);
        NodeList marks = byId(d, "points").getElementsByTagNameNS(SVG, "circle");
        assertTrue(marks.getLength() < n / 2, "merged: " + marks.getLength() + " marks for " + n + " points");
        double alpha = ScatterPlot.alpha(n);
        double weight = 0;
        int stacked = 0;
        for (int i = 0; i < marks.getLength(); i++) {
            Element c = (Element) marks.item(i);
            String o = c.getAttribute("fill-opacity");
            if (!o.isEmpty()) {
                double op = Double.parseDouble(o);
                assertTrue(op > alpha && op <= 1, "stacked opacity " + op);
                stacked++;
                // invert 1 - (1 - a)^k to count the points behind the mark (rounded opacity: approximate)
                weight += Math.log(1 - Math.min(op, 0.995)) / Math.log(1 - alpha);
            } else {
                weight += 1;
            }
        }
        assertTrue(stacked > 0, "some marks stand for several points");
        assertTrue(weight > 0.5 * n, "the marks account for the points: " + weight);
        assertTrue(svg.length() < 40 * n, "smaller than one circle per point: " + svg.length() + " bytes");
        assertEquals(3, byId(d, "legend").getElementsByTagNameNS(SVG, "text").getLength());
    }

    @Test
    void manyLabelsEndTheLegendWithACount() throws Exception {
        int n = 400, k = 40;
        Document d = parse(SvgPlot.render(blobs(n, k, 4), n, 2, labels(n, k), 300, 300, null));
        NodeList texts = byId(d, "legend").getElementsByTagNameNS(SVG, "text");
        String last = texts.item(texts.getLength() - 1).getTextContent();
        assertTrue(last.matches("\\.\\.\\. \\d+ more"), last);
        int shown = texts.getLength() - 1;
        assertEquals(k, shown + Integer.parseInt(last.replaceAll("\\D", "")));
    }

    @Test
    void writesAFileAndRefusesMismatchedInput() throws Exception {
        Path p = dir.resolve("p.svg");
        SvgPlot.write(p, blobs(30, 3, 5), 30, 2, labels(30, 3), 200, 150, null);
        parse(Files.readString(p));
        assertThrows(IllegalArgumentException.class, () -> SvgPlot.render(new float[5], 3, 2, null, 100, 100, null));
        assertThrows(IllegalArgumentException.class, () -> SvgPlot.render(new float[6], 3, 2, labels(2, 2), 100, 100, null));
    }
}
