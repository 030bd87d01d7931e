package dev.vtsne.plot;

import dev.vtsne.io.AtomicFiles;
import dev.vtsne.io.Labels;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * A PNG scatter plot of an embedding (and, through {@link SvgPlot}, the same as SVG): white
 * background, one antialiased dot per point colored by
 * label (tab10, tab20 beyond ten labels, then generated hues) with a legend, or a single color
 * without labels. Of a 3-D embedding it shows the first two axes. Both axes share one scale, so
 * the map keeps its shape. Dot size and opacity shrink with the number of points, so that small
 * sets show crisp dots and large ones show density.
 */
public final class ScatterPlot {

    /** Default width and height in pixels. */
    public static final int DEFAULT_SIZE = 1000;

    private static final int[] TAB10 = {
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf};
    private static final int[] TAB20 = {
        0x1f77b4, 0xaec7e8, 0xff7f0e, 0xffbb78, 0x2ca02c, 0x98df8a, 0xd62728, 0xff9896, 0x9467bd, 0xc5b0d5,
        0x8c564b, 0xc49c94, 0xe377c2, 0xf7b6d2, 0x7f7f7f, 0xc7c7c7, 0xbcbd22, 0xdbdb8d, 0x17becf, 0x9edae5};
    private static final Color SINGLE = new Color(0x1f77b4);
    private static final Color TEXT = new Color(0x333333);
    private static final Color FRAME = new Color(0xdddddd);

    private ScatterPlot() {}

    /**
     * Dot diameter in pixels for {@code n} points on a {@code width x height} image: about 4 px at
     * 1,797 points and 1.5 px at 70,000 on 1000 x 1000, log-linear in between, within [1, 8].
     */
    public static double pointDiameter(int n, int width, int height) {
        double t = logPosition(n);
        double d = 4.0 - 2.5 * t;
        double scale = Math.min(width, height) / (double) DEFAULT_SIZE;
        return Math.clamp(d, 1.2, 7.0) * Math.clamp(scale, 0.25, 4.0);
    }

    /**
     * Dot opacity for {@code n} points: about 0.85 at 1,797 points, 0.4 at 70,000 and 0.15 from
     * about 540,000 (so that the cores of clusters of a million points still show their density
     * rather than a solid blot), log-linear in between, within [0.15, 0.9].
     */
    public static double alpha(int n) {
        return Math.clamp(0.85 - 0.45 * logPosition(n), 0.15, 0.9);
    }

    /** 0 at 1,797 points, 1 at 70,000, linear in log n. */
    private static double logPosition(int n) {
        return (Math.log(Math.max(n, 1)) - Math.log(1797)) / (Math.log(70000) - Math.log(1797));
    }

    /** The color of label code {@code k} among {@code count} labels. */
    public static Color color(int k, int count) {
        if (count <= 10) {
            return new Color(TAB10[k]);
        }
        if (k < 20) {
            return new Color(TAB20[k]);
        }
        float hue = (float) ((k * 0.618033988749895) % 1.0);
        return Color.getHSBColor(hue, 0.65f, 0.8f - 0.2f * ((k / 7) % 2));
    }

    /** Renders and writes a PNG atomically. */
    public static void write(Path png, float[] rowMajor, int n, int dims, Labels labels, int width, int height, String title)
            throws IOException {
        BufferedImage img = render(rowMajor, n, dims, labels, width, height, title);
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer available in this JDK");
            }
        });
    }

    /**
     * Renders {@code n} points given row-major with {@code dims} (2 or more) values each.
     *
     * @param labels one per point, or null for a single color
     * @param title  a caption for the top left, or null
     */
    public static BufferedImage render(float[] rowMajor, int n, int dims, Labels labels, int width, int height, String title) {
        check(rowMajor, n, dims, labels, width, height);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);

            double unit = Math.min(width, height) / (double) DEFAULT_SIZE;
            Font font = new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.max(9, Math.round(15 * unit)));
            double margin = Math.max(8, 30 * unit);
            double top = margin;
            if (title != null && !title.isBlank()) {
                top += drawText(g, font, title, margin, margin) + 4 * unit;
            }
            double legendWidth = labels == null ? 0 : legendWidth(g, font, labels, width, unit);
            Rectangle2D area = new Rectangle2D.Double(margin, top,
                    width - 2 * margin - legendWidth, height - top - margin);

            g.setColor(FRAME);
            g.setStroke(new BasicStroke((float) Math.max(1, unit)));
            g.draw(area);
            drawPoints(g, rowMajor, n, dims, labels, area, pointDiameter(n, width, height), alpha(n));
            if (labels != null) {
                drawLegend(g, font, labels, area.getMaxX() + 12 * unit, top, height - margin, unit);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Refuses arrays that do not fit the shape, sizes outside 50 x 50 .. 100 megapixels, and labels of another length. */
    static void check(float[] rowMajor, int n, int dims, Labels labels, int width, int height) {
        if (dims < 2 || (long) n * dims != rowMajor.length) {
            throw new IllegalArgumentException("a plot needs n x dims values with dims >= 2, got " + rowMajor.length
                    + " values for " + n + " x " + dims);
        }
        if (width < 50 || height < 50 || (long) width * height > 100_000_000L) {
            throw new IllegalArgumentException("plot size must be at least 50 x 50 and at most 100 megapixels, got "
                    + width + " x " + height);
        }
        if (labels != null && labels.size() != n) {
            throw new IllegalArgumentException(labels.size() + " labels for " + n + " points");
        }
    }

    /** Maps map coordinates into a plot area, both axes on one scale, y upwards. */
    record Mapping(double cx, double cy, double mx, double my, double scale) {
        double x(float px) {
            return cx + (px - mx) * scale;
        }

        double y(float py) {
            return cy - (py - my) * scale;
        }
    }

    /** The mapping of the finite points into {@code area} with room for a dot at the edges; null when none is finite. */
    static Mapping mapping(float[] y, int n, int dims, Rectangle2D area, double diameter) {
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float px = y[i * dims], py = y[i * dims + 1];
            if (Float.isFinite(px) && Float.isFinite(py)) {
                minX = Math.min(minX, px);
                maxX = Math.max(maxX, px);
                minY = Math.min(minY, py);
                maxY = Math.max(maxY, py);
            }
        }
        if (minX > maxX) {
            return null;
        }
        double pad = diameter + 4;
        double w = area.getWidth() - 2 * pad, h = area.getHeight() - 2 * pad;
        double rx = Math.max(maxX - minX, 1e-12), ry = Math.max(maxY - minY, 1e-12);
        return new Mapping(area.getCenterX(), area.getCenterY(), (minX + maxX) / 2, (minY + maxY) / 2,
                Math.min(w / rx, h / ry));
    }

    /** A fixed random drawing order, so that no label systematically hides another. */
    static int[] drawOrder(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random rnd = new Random(12345);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static void drawPoints(Graphics2D g, float[] y, int n, int dims, Labels labels, Rectangle2D area,
                                   double diameter, double alpha) {
        Mapping map = mapping(y, n, dims, area, diameter);
        if (map == null) {
            return; // nothing finite to draw
        }

        int count = labels == null ? 1 : labels.count();
        int a = (int) Math.round(alpha * 255);
        Color[] colors = new Color[count];
        for (int k = 0; k < count; k++) {
            Color c = labels == null ? SINGLE : color(k, count);
            colors[k] = new Color(c.getRed(), c.getGreen(), c.getBlue(), a);
        }
        int[] order = drawOrder(n);
        Ellipse2D.Double dot = new Ellipse2D.Double(0, 0, diameter, diameter);
        double r = diameter / 2;
        for (int i : order) {
            float px = y[i * dims], py = y[i * dims + 1];
            if (!Float.isFinite(px) || !Float.isFinite(py)) {
                continue;
            }
            dot.x = map.x(px) - r;
            dot.y = map.y(py) - r;
            g.setColor(colors[labels == null ? 0 : labels.codes()[i]]);
            g.fill(dot);
        }
    }

    private static double legendWidth(Graphics2D g, Font font, Labels labels, int width, double unit) {
        double text = 0;
        try {
            FontMetrics fm = g.getFontMetrics(font);
            for (String name : labels.names()) {
                text = Math.max(text, fm.stringWidth(name));
            }
        } catch (RuntimeException | LinkageError | InternalError e) {
            text = 8 * font.getSize() * 0.6; // no usable fonts: keep room, text will be skipped
        }
        return Math.min(width * 0.3, 12 * unit + 22 * unit + text + 8 * unit);
    }

    private static void drawLegend(Graphics2D g, Font font, Labels labels, double x, double top, double bottom, double unit) {
        double row = Math.max(12, 22 * unit);
        int fit = (int) Math.max(1, Math.floor((bottom - top) / row));
        int count = labels.count();
        int shown = count <= fit ? count : fit - 1;
        double sw = 11 * unit;
        for (int k = 0; k < shown; k++) {
            double yRow = top + k * row;
            g.setColor(color(k, count));
            g.fill(new Ellipse2D.Double(x, yRow + (row - sw) / 2, sw, sw));
            drawText(g, font, labels.names().get(k), x + sw + 8 * unit, yRow + (row - font.getSize()) / 2);
        }
        if (shown < count) {
            drawText(g, font, "... " + (count - shown) + " more", x, top + shown * row + (row - font.getSize()) / 2);
        }
    }

    /** Draws text with its top at {@code y}; returns its height, or 0 when the JDK has no usable fonts. */
    private static double drawText(Graphics2D g, Font font, String text, double x, double y) {
        try {
            g.setFont(font);
            g.setColor(TEXT);
            FontMetrics fm = g.getFontMetrics();
            g.drawString(text, (float) x, (float) (y + fm.getAscent()));
            return fm.getHeight();
        } catch (RuntimeException | LinkageError | InternalError e) {
            return 0; // headless JDK without fonts (no fontconfig): a plot without text beats no plot
        }
    }
}
