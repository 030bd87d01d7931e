package dev.vtsne.repulsion;

import dev.vtsne.fft.ComplexFft;
import dev.vtsne.parallel.RowBlocks;
import java.util.Arrays;

/**
 * Step 4 of the FFT interpolation in 2-D: potentials at the m × m interpolation nodes, each the
 * sum over all nodes of charge × K(node offset), K(d) = 1 / (1 + |d|²)², as a circular
 * convolution on the zero-padded 2m × 2m grid.
 *
 * <p>Channels are node-major ({@code [node * channels + c]}, node = row · m + column). Two real
 * channels travel as one complex grid (real and imaginary part): K is real, so the convolution
 * keeps them apart. Each 2-D transform is done as column then row transforms on tiles of
 * {@link #TILE} columns or rows gathered into the batched layout of {@link ComplexFft} (the tile
 * stays in cache through all stages), skipping what the zero padding makes trivial: the forward
 * column pass runs only over the m non-empty columns, and the inverse column pass only over the m
 * columns that are read back. The forward row transform, the product with the kernel's spectrum
 * and the inverse row transform are fused per tile. Tiles write disjoint parts of the grid, so
 * the result has the same bits on any number of threads.
 */
final class GridConvolution2d {

    /** Columns or rows per tile: 2m × 16 × 4 doubles (600 KiB at 2m = 1200); 16 measured faster than 8 or 32. */
    static final int TILE = 16;

    private final int m, big, channels;
    private final ComplexFft fft;
    private final double[] re, im, kernelHat;
    private final ThreadLocal<double[][]> scratch;
    private double kernelSpacing = Double.NaN;

    GridConvolution2d(int m, int channels) {
        this.m = m;
        this.big = 2 * m;
        this.channels = channels;
        this.fft = new ComplexFft(big);
        this.re = new double[big * big];
        this.im = new double[big * big];
        this.kernelHat = new double[big * big];
        int len = big * TILE;
        this.scratch = ThreadLocal.withInitial(() -> new double[][] {new double[len], new double[len], new double[len], new double[len]});
    }

    int nodesPerAxis() {
        return m;
    }

    private long work() {
        return (long) big * big * 32;
    }

    /** Sets the node spacing h; the kernel's spectrum is recomputed only when h changes. */
    void setSpacing(double h, RowBlocks pool) {
        if (h == kernelSpacing) {
            return;
        }
        // Columns: gather the kernel's values directly (the grid is full, no padding to skip).
        pool.forEach(big, TILE, work(), (from, to) -> {
            double[][] s = scratch.get();
            int b = to - from;
            for (int e = 0; e < big; e++) {
                double dy = h * offset(e);
                for (int c = 0; c < b; c++) {
                    double dx = h * offset(from + c), q = 1 + dx * dx + dy * dy;
                    s[0][e * b + c] = 1 / (q * q);
                    s[1][e * b + c] = 0;
                }
            }
            fft.forward(s[0], s[1], s[2], s[3], b);
            scatterColumns(s, from, b, big);
        });
        double scale = 1.0 / ((double) big * big);
        pool.forEach(big, TILE, work(), (from, to) -> {
            double[][] s = scratch.get();
            int b = to - from;
            gatherRows(s, from, b, big);
            fft.forward(s[0], s[1], s[2], s[3], b);
            // K is real and even, so its spectrum is real; the imaginary part is rounding.
            for (int e = 0; e < big; e++) {
                for (int c = 0; c < b; c++) {
                    kernelHat[(from + c) * big + e] = s[0][e * b + c] * scale;
                }
            }
        });
        kernelSpacing = h;
    }

    /** Grid index to signed node offset; index m (never read back) maps to -m. */
    private int offset(int i) {
        return i < m ? i : i - big;
    }

    /** Convolves {@code charges} (m² nodes × channels) with K into {@code potentials} (same shape). */
    void convolve(double[] charges, double[] potentials, RowBlocks pool) {
        for (int c0 = 0; c0 < channels; c0 += 2) {
            int cRe = c0, cIm = c0 + 1;
            pool.forEach(m, TILE, work(), (from, to) -> {
                double[][] s = scratch.get();
                int b = to - from;
                for (int e = 0; e < m; e++) {
                    int base = (e * m + from) * channels;
                    for (int c = 0; c < b; c++) {
                        s[0][e * b + c] = charges[base + c * channels + cRe];
                        s[1][e * b + c] = cIm < channels ? charges[base + c * channels + cIm] : 0;
                    }
                }
                Arrays.fill(s[0], m * b, big * b, 0);
                Arrays.fill(s[1], m * b, big * b, 0);
                fft.forward(s[0], s[1], s[2], s[3], b);
                scatterColumns(s, from, b, big);
            });
            pool.forEach(big, TILE, work(), (from, to) -> {
                double[][] s = scratch.get();
                int b = to - from;
                // Columns m..2m-1 of the charges are the zero padding: gathered as zeros.
                gatherRows(s, from, b, m);
                fft.forward(s[0], s[1], s[2], s[3], b);
                for (int e = 0; e < big; e++) {
                    for (int c = 0; c < b; c++) {
                        double k = kernelHat[(from + c) * big + e];
                        s[0][e * b + c] *= k;
                        s[1][e * b + c] *= k;
                    }
                }
                fft.inverse(s[0], s[1], s[2], s[3], b);
                // Only columns < m are transformed back by the column pass.
                for (int c = 0; c < b; c++) {
                    int row = (from + c) * big;
                    for (int e = 0; e < m; e++) {
                        re[row + e] = s[0][e * b + c];
                        im[row + e] = s[1][e * b + c];
                    }
                }
            });
            pool.forEach(m, TILE, work(), (from, to) -> {
                double[][] s = scratch.get();
                int b = to - from;
                for (int e = 0; e < big; e++) {
                    System.arraycopy(re, e * big + from, s[0], e * b, b);
                    System.arraycopy(im, e * big + from, s[1], e * b, b);
                }
                fft.inverse(s[0], s[1], s[2], s[3], b);
                for (int e = 0; e < m; e++) {
                    int base = (e * m + from) * channels;
                    for (int c = 0; c < b; c++) {
                        potentials[base + c * channels + cRe] = s[0][e * b + c];
                        if (cIm < channels) {
                            potentials[base + c * channels + cIm] = s[1][e * b + c];
                        }
                    }
                }
            });
        }
    }

    private void scatterColumns(double[][] s, int from, int b, int rows) {
        for (int e = 0; e < rows; e++) {
            System.arraycopy(s[0], e * b, re, e * big + from, b);
            System.arraycopy(s[1], e * b, im, e * big + from, b);
        }
    }

    /** Gathers rows [from, from + b) as a tile; columns from {@code cols} on are taken as zero. */
    private void gatherRows(double[][] s, int from, int b, int cols) {
        for (int c = 0; c < b; c++) {
            int row = (from + c) * big;
            for (int e = 0; e < cols; e++) {
                s[0][e * b + c] = re[row + e];
                s[1][e * b + c] = im[row + e];
            }
        }
        Arrays.fill(s[0], cols * b, big * b, 0);
        Arrays.fill(s[1], cols * b, big * b, 0);
    }
}
