package dev.vtsne.knn;

import dev.vtsne.Points;
import dev.vtsne.parallel.RowBlocks;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.SplittableRandom;

/**
 * A forest of random-projection trees, NN-descent's starting graph (as pynndescent): each tree
 * splits its points recursively by the hyperplane halfway between two random points of the node
 * until a node holds at most {@code leafSize} points; points in one leaf are likely neighbours.
 * Each tree draws from its own generator seeded from (seed, tree), so the forest does not depend
 * on the thread count.
 */
final class RpForest {

    /** Per tree: the points in leaf order. */
    final int[][] order;
    /** Per tree: leaf l holds {@code order[t][leafStart[t][l] .. leafStart[t][l+1]-1]}. */
    final int[][] leafStart;
    /** Per tree: the leaf of each point. */
    final int[][] leafOf;
    final int maxLeaf;

    private RpForest(int[][] order, int[][] leafStart, int[][] leafOf) {
        this.order = order;
        this.leafStart = leafStart;
        this.leafOf = leafOf;
        int m = 0;
        for (int[] ls : leafStart) {
            for (int l = 0; l + 1 < ls.length; l++) {
                m = Math.max(m, ls[l + 1] - ls[l]);
            }
        }
        this.maxLeaf = m;
    }

    int trees() {
        return order.length;
    }

    static RpForest build(Points x, int trees, int leafSize, long seed, RowBlocks pool) {
        int n = x.size();
        int[][] order = new int[trees][];
        int[][] leafStart = new int[trees][];
        int[][] leafOf = new int[trees][];
        pool.forEach(trees, 1, (from, to) -> {
            for (int t = from; t < to; t++) {
                int[] ord = new int[n];
                for (int i = 0; i < n; i++) {
                    ord[i] = i;
                }
                int[] starts = buildTree(x, ord, leafSize, new SplittableRandom(Hashing.mix(seed ^ Hashing.mix(0x7265657374L + t))));
                int[] of = new int[n];
                for (int l = 0; l + 1 < starts.length; l++) {
                    for (int p = starts[l]; p < starts[l + 1]; p++) {
                        of[ord[p]] = l;
                    }
                }
                order[t] = ord;
                leafStart[t] = starts;
                leafOf[t] = of;
            }
        });
        return new RpForest(order, leafStart, leafOf);
    }

    /** Splits {@code ord} in place into leaves; returns the leaf boundaries (leaves + 1 entries). */
    private static int[] buildTree(Points x, int[] ord, int leafSize, SplittableRandom rnd) {
        int n = ord.length, dim = x.dim();
        float[] pts = x.rowMajor();
        double[] normal = new double[dim];
        byte[] side = new byte[n];
        int[] tmp = new int[n];
        // an explicit stack of [from, to) ranges, processed depth-first left to right, so the
        // leaves come out in order
        IntArrayList stack = new IntArrayList(128);
        stack.push(0);
        stack.push(n);
        IntArrayList starts = new IntArrayList(2 * n / Math.max(1, leafSize) + 2);
        while (!stack.isEmpty()) {
            int to = stack.popInt(), from = stack.popInt();
            int size = to - from;
            if (size <= leafSize) {
                starts.add(from);
                continue;
            }
            int a = ord[from + rnd.nextInt(size)];
            int b = ord[from + rnd.nextInt(size)];
            double offset = 0;
            for (int q = 0; q < dim; q++) {
                double pa = pts[a * dim + q], pb = pts[b * dim + q];
                normal[q] = pa - pb;
                offset += normal[q] * (pa + pb) * 0.5;
            }
            int left = 0;
            for (int p = from; p < to; p++) {
                int base = ord[p] * dim;
                double m = -offset;
                for (int q = 0; q < dim; q++) {
                    m += normal[q] * pts[base + q];
                }
                // points on the hyperplane (all of them when a = b or the node is all copies of one
                // point) go to a random side
                boolean isLeft = m > 0 || (m == 0 && rnd.nextBoolean());
                side[p] = (byte) (isLeft ? 1 : 0);
                left += isLeft ? 1 : 0;
            }
            int mid;
            if (left == 0 || left == size) {
                mid = from + size / 2; // a degenerate cut: halve the node as it stands
            } else {
                int l = from, r = from + left;
                for (int p = from; p < to; p++) {
                    tmp[side[p] == 1 ? l++ : r++] = ord[p];
                }
                System.arraycopy(tmp, from, ord, from, size);
                mid = from + left;
            }
            // right pushed first so the left half is split first
            stack.push(mid);
            stack.push(to);
            stack.push(from);
            stack.push(mid);
        }
        starts.add(n);
        return starts.toIntArray();
    }
}
