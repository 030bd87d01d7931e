package dev.vtsne.plot;

import dev.vtsne.io.AtomicFiles;
import dev.vtsne.io.Labels;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link ScatterPlot} as SVG: the same layout, colors, dot size and opacity, drawing order
 * and legend, as vector marks. The dots are {@code <circle>} elements in {@code <g id="points">},
 * the legend entries {@code <g class="entry">} elements in {@code <g id="legend">}.
 *
 * <p>One circle per point costs about 45 bytes, 3 MB at 70,000 points and 45 MB at a million,
 * more than most viewers draw smoothly. So up to {@link #MERGE_ABOVE} points every point is a
 * circle; above it, points of the same label whose centres fall in the same square cell, one dot
 * diameter wide, are merged into one circle at their mean position, with the opacity of that many
 * stacked dots, 1 − (1 − α)<sup>k</sup> (so dense regions look as they do in the PNG). The number
 * of circles is then bounded by the plot's area in dots times the labels present in each cell,
 * not by n. For maps of millions of points the PNG is still the better picture.
 */
public final class SvgPlot {

    /** Largest number of points drawn one circle each; above it, points are merged per cell. */
    public static final int MERGE_ABOVE = 20_000;

    private static final String FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";

    private SvgPlot() {}

    /** Renders and writes an SVG file atomically (gzip-compressed when the name ends in .gz). */
    public static void write(Path svg, float[] rowMajor, int n, int dims, Labels labels, int width, int height, String title)
            throws IOException {
        String text = render(rowMajor, n, dims, labels, width, height, title);
        AtomicFiles.write(svg, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(text);
            w.flush();
        });
    }

    /**
     * Renders {@code n} points given row-major with {@code dims} (2 or more) values each as an SVG
     * document of {@code width x height} user units (pixels).
     *
     * @param labels one per point, or null for a single color
     * @param title  a caption for the top left, or null
     */
    public static String render(float[] rowMajor, int n, int dims, Labels labels, int width, int height, String title) {
        ScatterPlot.check(rowMajor, n, dims, labels, width, height);
        StringBuilder b = new StringBuilder((int) Math.min(1024 + 48L * n, 1 << 24));
        int count = labels == null ? 1 : labels.count();
        double unit = Math.min(width, height) / (double) ScatterPlot.DEFAULT_SIZE;
        double fontSize = Math.max(9, Math.round(15 * unit));
        double margin = Math.max(8, 30 * unit);
        double top = margin;
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">%n",
                width, height, width, height));
        if (title != null && !title.isBlank()) {
            b.append("<title>").append(escape(title)).append("</title>\n");
        }
        b.append("<style>text{font-family:").append(FONT).append(";fill:#333333}");
        for (int k = 0; k < count; k++) {
            b.append(".k").append(k).append("{fill:").append(hex(labels == null ? new Color(0x1f77b4) : ScatterPlot.color(k, count)))
                    .append('}');
        }
        b.append("</style>\n");
        b.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", width, height));
        if (title != null && !title.isBlank()) {
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\">%s</text>%n",
                    margin, margin + fontSize, fontSize, escape(title)));
            top += fontSize * 1.2 + 4 * unit;
        }
        double legendWidth = 0;
        if (labels != null) {
            int chars = 0;
            for (String name : labels.names()) {
                chars = Math.max(chars, name.length());
            }
            legendWidth = Math.min(width * 0.3, 12 * unit + 22 * unit + chars * 0.6 * fontSize + 8 * unit);
        }
        Rectangle2D area = new Rectangle2D.Double(margin, top, width - 2 * margin - legendWidth, height - top - margin);
        b.append(String.format(Locale.ROOT,
                "<rect id=\"frame\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#dddddd\" stroke-width=\"%.1f\"/>%n",
                area.getX(), area.getY(), area.getWidth(), area.getHeight(), Math.max(1, unit)));
        double diameter = ScatterPlot.pointDiameter(n, width, height);
        double alpha = ScatterPlot.alpha(n);
        points(b, rowMajor, n, dims, labels, area, diameter, alpha);
        if (labels != null) {
            legend(b, labels, area.getMaxX() + 12 * unit, top, height - margin, unit, fontSize);
        }
        b.append("</svg>\n");
        return b.toString();
    }

    private static void points(StringBuilder b, float[] y, int n, int dims, Labels labels, Rectangle2D area,
                               double diameter, double alpha) {
        b.append(String.format(Locale.ROOT, "<g id=\"points\" fill-opacity=\"%.3f\">%n", alpha));
        ScatterPlot.Mapping map = ScatterPlot.mapping(y, n, dims, area, diameter);
        if (map != null) {
            String r = String.format(Locale.ROOT, "%.2f", diameter / 2);
            int[] order = ScatterPlot.drawOrder(n);
            if (n <= MERGE_ABOVE) {
                for (int i : order) {
                    float px = y[i * dims], py = y[i * dims + 1];
                    if (Float.isFinite(px) && Float.isFinite(py)) {
                        circle(b, map.x(px), map.y(py), r, labels == null ? 0 : labels.codes()[i], Double.NaN);
                    }
                }
            } else {
                merged(b, y, n, dims, labels, map, diameter, alpha, r, order);
            }
        }
        b.append("</g>\n");
    }

    /** One circle per occupied (cell, label), in the order the cells are first hit in the drawing order. */
    private static void merged(StringBuilder b, float[] y, int n, int dims, Labels labels, ScatterPlot.Mapping map,
                               double diameter, double alpha, String r, int[] order) {
        int count = labels == null ? 1 : labels.count();
        Map<Long, Integer> cellIndex = new HashMap<>();
        int cells = 0;
        int[] cellOf = new int[n];
        for (int i : order) {
            float px = y[i * dims], py = y[i * dims + 1];
            if (!Float.isFinite(px) || !Float.isFinite(py)) {
                cellOf[i] = -1;
                continue;
            }
            long cx = (long) Math.floor(map.x(px) / diameter), cy = (long) Math.floor(map.y(py) / diameter);
            int label = labels == null ? 0 : labels.codes()[i];
            long key = ((cy * 1_000_003L + cx) * count) + label;
            Integer c = cellIndex.putIfAbsent(key, cells);
            cellOf[i] = c == null ? cells++ : c;
        }
        double[] sx = new double[cells], sy = new double[cells];
        int[] k = new int[cells], label = new int[cells];
        for (int i = 0; i < n; i++) {
            int c = cellOf[i];
            if (c >= 0) {
                sx[c] += map.x(y[i * dims]);
                sy[c] += map.y(y[i * dims + 1]);
                k[c]++;
                label[c] = labels == null ? 0 : labels.codes()[i];
            }
        }
        for (int c = 0; c < cells; c++) {
            double opacity = k[c] == 1 ? Double.NaN : 1 - Math.pow(1 - alpha, k[c]);
            circle(b, sx[c] / k[c], sy[c] / k[c], r, label[c], opacity);
        }
    }

    private static void circle(StringBuilder b, double x, double y, String r, int label, double opacity) {
        b.append("<circle class=\"k").append(label).append("\" cx=\"");
        fixed(b, x, 10);
        b.append("\" cy=\"");
        fixed(b, y, 10);
        b.append("\" r=\"").append(r).append('"');
        if (!Double.isNaN(opacity)) {
            b.append(" fill-opacity=\"");
            fixed(b, opacity, 100);
            b.append('"');
        }
        b.append("/>\n");
    }

    /** {@code v} with one decimal ({@code scale} 10) or two (100), without String.format's cost per mark. */
    static void fixed(StringBuilder b, double v, int scale) {
        long q = Math.round(v * scale);
        if (q < 0) {
            b.append('-');
            q = -q;
        }
        b.append(q / scale).append('.');
        long frac = q % scale;
        if (scale == 100 && frac < 10) {
            b.append('0');
        }
        b.append(frac);
    }

    private static void legend(StringBuilder b, Labels labels, double x, double top, double bottom, double unit, double fontSize) {
        double row = Math.max(12, 22 * unit);
        int fit = (int) Math.max(1, Math.floor((bottom - top) / row));
        int count = labels.count();
        int shown = count <= fit ? count : fit - 1;
        double sw = 11 * unit;
        b.append("<g id=\"legend\">\n");
        for (int k = 0; k < shown; k++) {
            double yRow = top + k * row;
            b.append(String.format(Locale.ROOT,
                    "<g class=\"entry\"><circle class=\"k%d\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>"
                            + "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\">%s</text></g>%n",
                    k, x + sw / 2, yRow + row / 2, sw / 2, x + sw + 8 * unit, yRow + row / 2 + fontSize * 0.35, fontSize,
                    escape(labels.names().get(k))));
        }
        if (shown < count) {
            b.append(String.format(Locale.ROOT, "<text class=\"more\" x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\">... %d more</text>%n",
                    x, top + shown * row + row / 2 + fontSize * 0.35, fontSize, count - shown));
        }
        b.append("</g>\n");
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%06x", c.getRGB() & 0xffffff);
    }

    /** Text safe inside an XML element or attribute; control characters XML 1.0 forbids are dropped. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
