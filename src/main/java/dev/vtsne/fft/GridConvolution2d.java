package dev.vtsne.fft;

import dev.vtsne.parallel.RowBlocks;
import java.util.Arrays;

/**
 * Step 4 of the FFT interpolation in 2-D: potentials at the m × m interpolation nodes, each the
 * sum over all nodes of charge × K(node offset), K(d) = 1 / (1 + |d|²)², as a circular
 * convolution on the zero-padded 2m × 2m grid.
 *
 * <p>Channels are node-major ({@code [node * channels + c]}, node = row · m + column). Two real
 * channels travel as one complex grid (real and imaginary part): K is real, so the convolution
 * keeps them apart. A channel left without a partner (the third of {@code dev.vtsne.repulsion.FftRepulsion}'s three) is
 * real, so its spectrum is Hermitian and only rows 0..m of the row pass are transformed; the
 * others are their mirror images conjugated (measured on the final 70k map: the convolution
 * 9.6-10.3 ms a call with four channels, 8.3-8.9 with three).
 *
 * <p>Layout: the padded grid is held as column tiles of {@link #TILE} columns, tile t an array of
 * all 2m rows × TILE columns, {@code [row * TILE + c]}: exactly the batched layout of
 * {@link ComplexFft}, so the column transforms run in place on a tile with no copy. The row
 * transforms take TILE rows at a time: each column tile's TILE × TILE block of those rows is
 * transposed into a row tile (an L1-sized local transpose, where gathering columns of a row-major
 * grid touched one page per row), transformed, multiplied by the kernel's spectrum (stored by row tiles in the
 * same layout, so the product is a contiguous loop), transformed back and transposed back. What
 * the zero padding makes trivial is skipped: the forward column pass runs only over the tiles that
 * hold charges, the row pass reads only those, and the inverse passes produce only the m columns
 * and rows that are read back. K is real and even on both axes, so its spectrum is computed with
 * two real tiles per complex transform, transforming half the columns, then half the rows (see
 * {@link #setSpacing}; measured over a whole 70k run: 1.32 s → 0.94 s of spectra).
 *
 * <p>Precision: the grid and the transforms are {@code float} (charges and potentials stay
 * {@code double}). A 70k-point run ends at the same KL either way (2.63499 in float, 2.63515 in
 * double, seed 42), and on its final map the error of F/Z against the exact sums is 2.422e-2 in
 * float, 2.414e-2 in double (the interpolation's), while the convolution, the largest part of a
 * call, moves half the bytes with twice the lanes. The price is a floor under the error on fine
 * grids (see {@code FftRepulsionTest}): float rounding, and the leak of one channel's rounding
 * into its pair partner (1 with y_1, y_2 with |y|²: pairing 1 with |y|² leaked worse, measured).
 *
 * <p>Tiles write disjoint parts of the grid and every transform is of one fixed sequence, so the
 * result has the same bits on any number of threads.
 */
public final class GridConvolution2d {

    /**
     * Columns per column tile and rows per row tile: the FFT batch (2 vectors of 16 floats at 512
     * bits). Measured on the final 70k map (2 threads): the convolution took 9.2-9.6 ms a call at 32,
     * 10.0-10.7 at 16 and 10.5-10.8 at 64.
     */
    static final int TILE = 32;

    private final int m, big, channels;
    /** Column tiles of the whole padded grid, and those that hold the m charged (and read back) columns. */
    private final int tiles, dataTiles;
    private final ComplexFft fft;
    /** The grid by column tiles: {@code re[t][row * TILE + c]} is column t·TILE + c. */
    private final float[][] re, im;
    /** The kernel's spectrum (real), by row tiles: {@code kernelHat[r][col * TILE + k]} is row r·TILE + k. */
    private final float[][] kernelHat;
    private final ThreadLocal<float[][]> scratch;
    private double kernelSpacing = Double.NaN;

    /** A convolution on m × m nodes of {@code channels} channels, transformed by {@code butterflies}. */
    public GridConvolution2d(int m, int channels, FftButterflies butterflies) {
        this.m = m;
        this.big = 2 * m;
        this.channels = channels;
        this.tiles = (big + TILE - 1) / TILE;
        this.dataTiles = (m + TILE - 1) / TILE;
        this.fft = new ComplexFft(big, butterflies);
        int len = big * TILE;
        this.re = new float[tiles][len];
        this.im = new float[tiles][len];
        this.kernelHat = new float[tiles][len];
        this.scratch = ThreadLocal.withInitial(() -> new float[][] {new float[len], new float[len], new float[len], new float[len]});
    }

    /** m, the nodes per axis this convolution was made for. */
    public int nodesPerAxis() {
        return m;
    }

    private long work() {
        return (long) big * big * 32;
    }

    /** Sets the node spacing h; the kernel's spectrum is recomputed only when h changes. */
    public void setSpacing(double h, RowBlocks pool) {
        if (h == kernelSpacing) {
            return;
        }
        // K is real and even in each axis, so every column's transform is real, and so is every
        // row's transform of the result: two real tiles travel as one complex transform (one in
        // the real part, one in the imaginary part) and come out apart, halving the work.
        // Evenness also makes column 2m - c equal column c, and, after the column pass, row 2m - k
        // equal row k: only the tiles holding columns 0..m are transformed, the row pass reads
        // the other columns as their mirror images, transforms the tiles holding rows 0..m, and
        // the spectrum's remaining rows are copied from theirs.
        int half = m / TILE + 1;
        pool.forEach((half + 1) / 2, 1, work(), (from, to) -> {
            float[][] s = scratch.get();
            for (int u = from; u < to; u++) {
                int t0 = 2 * u, t1 = t0 + 1;
                kernelColumns(h, t0, re[t0]);
                if (t1 < half) {
                    kernelColumns(h, t1, im[t0]);
                } else {
                    Arrays.fill(im[t0], 0);
                }
                fft.forward(re[t0], im[t0], s[2], s[3], TILE);
                if (t1 < half) {
                    System.arraycopy(im[t0], 0, re[t1], 0, im[t0].length);
                }
            }
        });
        float scale = (float) (1.0 / ((double) big * big));
        pool.forEach((half + 1) / 2, 1, work(), (from, to) -> {
            float[][] s = scratch.get();
            for (int v = from; v < to; v++) {
                int r0 = 2 * v, r1 = r0 + 1;
                gatherRows(r0, re, big, true, s[0]);
                if (r1 < half) {
                    gatherRows(r1, re, big, true, s[1]);
                } else {
                    Arrays.fill(s[1], 0);
                }
                fft.forward(s[0], s[1], s[2], s[3], TILE);
                float[] k0 = kernelHat[r0], sr = s[0], si = s[1];
                for (int i = 0; i < k0.length; i++) {
                    k0[i] = sr[i] * scale;
                }
                if (r1 < half) {
                    float[] k1 = kernelHat[r1];
                    for (int i = 0; i < k1.length; i++) {
                        k1[i] = si[i] * scale;
                    }
                }
            }
        });
        pool.forEach(tiles - half, 1, work() / 8, (from, to) -> {
            for (int r = half + from; r < half + to; r++) {
                mirrorSpectrumRows(r);
            }
        });
        kernelSpacing = h;
    }

    /** The spectrum's rows of row tile r (all past m) from their mirror images 2m - row. */
    private void mirrorSpectrumRows(int r) {
        float[] dst = kernelHat[r];
        int row0 = r * TILE, rows = Math.min(TILE, big - row0);
        for (int k = 0; k < rows; k++) {
            int src = big - (row0 + k);
            float[] from = kernelHat[src / TILE];
            int ks = src % TILE;
            for (int col = 0; col < big; col++) {
                dst[col * TILE + k] = from[col * TILE + ks];
            }
        }
    }

    /** K at the nodes of column tile t, {@code [row * TILE + c]}; columns past the grid are zero. */
    private void kernelColumns(double h, int t, float[] out) {
        for (int e = 0; e < big; e++) {
            double dy = h * offset(e);
            for (int c = 0; c < TILE; c++) {
                int col = t * TILE + c;
                double v = 0;
                if (col < big) {
                    double dx = h * offset(col), q = 1 + dx * dx + dy * dy;
                    v = 1 / (q * q);
                }
                out[e * TILE + c] = (float) v;
            }
        }
    }

    /** Grid index to signed node offset; index m (never read back) maps to -m. */
    private int offset(int i) {
        return i < m ? i : i - big;
    }

    /** Convolves {@code charges} (m² nodes × channels) with K into {@code potentials} (same shape). */
    public void convolve(double[] charges, double[] potentials, RowBlocks pool) {
        for (int c0 = 0; c0 < channels; c0 += 2) {
            int cRe = c0, cIm = c0 + 1;
            // Forward column transforms of the tiles holding charges; rows m..2m-1 are padding.
            pool.forEach(dataTiles, 1, work(), (from, to) -> {
                float[][] s = scratch.get();
                for (int t = from; t < to; t++) {
                    float[] tr = re[t], ti = im[t];
                    for (int e = 0; e < m; e++) {
                        for (int c = 0; c < TILE; c++) {
                            int col = t * TILE + c, base = (e * m + col) * channels;
                            boolean in = col < m;
                            tr[e * TILE + c] = in ? (float) charges[base + cRe] : 0;
                            ti[e * TILE + c] = in && cIm < channels ? (float) charges[base + cIm] : 0;
                        }
                    }
                    Arrays.fill(tr, m * TILE, big * TILE, 0);
                    Arrays.fill(ti, m * TILE, big * TILE, 0);
                    fft.forward(tr, ti, s[2], s[3], TILE);
                }
            });
            // Row transforms, product with the kernel's spectrum, inverse row transforms; only
            // the data tiles' columns are non-zero going in and read back coming out. A lone real
            // channel (cIm past the last) has column spectra that are Hermitian, row k the
            // conjugate of row 2m - k, and K's spectrum is real and even, so after the inverse
            // row transforms row 2m - k is still row k conjugated: only rows 0..m are transformed.
            boolean real = cIm >= channels;
            int rowTiles = real ? m / TILE + 1 : tiles;
            pool.forEach(rowTiles, 1, work(), (from, to) -> {
                float[][] s = scratch.get();
                for (int r = from; r < to; r++) {
                    int cols = Math.min(big, dataTiles * TILE);
                    gatherRows(r, re, cols, false, s[0]);
                    gatherRows(r, im, cols, false, s[1]);
                    fft.forward(s[0], s[1], s[2], s[3], TILE);
                    float[] k = kernelHat[r], sr = s[0], si = s[1];
                    for (int i = 0; i < k.length; i++) {
                        sr[i] *= k[i];
                        si[i] *= k[i];
                    }
                    fft.inverse(s[0], s[1], s[2], s[3], TILE);
                    scatterRowTile(r, dataTiles, s[0], s[1], real);
                }
            });
            // Inverse column transforms of the data tiles, in place; rows < m are read back.
            pool.forEach(dataTiles, 1, work(), (from, to) -> {
                float[][] s = scratch.get();
                for (int t = from; t < to; t++) {
                    float[] tr = re[t], ti = im[t];
                    fft.inverse(tr, ti, s[2], s[3], TILE);
                    for (int e = 0; e < m; e++) {
                        for (int c = 0; c < TILE; c++) {
                            int col = t * TILE + c;
                            if (col < m) {
                                int base = (e * m + col) * channels;
                                potentials[base + cRe] = tr[e * TILE + c];
                                if (cIm < channels) {
                                    potentials[base + cIm] = ti[e * TILE + c];
                                }
                            }
                        }
                    }
                }
            });
        }
    }

    /**
     * Rows r·TILE .. r·TILE + TILE - 1 of {@code grid}'s first {@code cols} columns into a row
     * tile ({@code [col * TILE + k]}); the other columns, and rows past the grid, are zero. With
     * {@code mirrored} (the kernel, which is even) column c > m is read as column 2m - c: only the
     * tiles holding columns 0..m were transformed.
     */
    private void gatherRows(int r, float[][] grid, int cols, boolean mirrored, float[] out) {
        int row0 = r * TILE, rows = Math.min(TILE, big - row0);
        for (int col = 0; col < cols; col++) {
            int src = mirrored && col > m ? big - col : col;
            float[] g = grid[src / TILE];
            int c = src % TILE, dst = col * TILE;
            for (int k = 0; k < rows; k++) {
                out[dst + k] = g[(row0 + k) * TILE + c];
            }
            Arrays.fill(out, dst + rows, dst + TILE, 0);
        }
        Arrays.fill(out, cols * TILE, big * TILE, 0);
    }

    /**
     * The row tile back into the first {@code toTiles} column tiles (rows past the grid dropped).
     * {@code mirrored}, for a real channel: only rows up to m go back, and rows 1..m-1 also go,
     * conjugated, to rows 2m-1..m+1 (the tile's rows past m are those mirror images).
     */
    private void scatterRowTile(int r, int toTiles, float[] sr, float[] si, boolean mirrored) {
        int row0 = r * TILE, rows = Math.min(TILE, (mirrored ? m + 1 : big) - row0);
        for (int t = 0; t < toTiles; t++) {
            float[] tr = re[t], ti = im[t];
            int cols = Math.min(TILE, big - t * TILE);
            for (int c = 0; c < cols; c++) {
                int src = (t * TILE + c) * TILE;
                for (int k = 0; k < rows; k++) {
                    int row = row0 + k;
                    tr[row * TILE + c] = sr[src + k];
                    ti[row * TILE + c] = si[src + k];
                    if (mirrored && row > 0 && row < m) {
                        tr[(big - row) * TILE + c] = sr[src + k];
                        ti[(big - row) * TILE + c] = -si[src + k];
                    }
                }
            }
        }
    }
}
