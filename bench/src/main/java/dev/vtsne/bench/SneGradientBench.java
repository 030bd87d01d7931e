package dev.vtsne.bench;

import dev.vtsne.affinity.ExactAffinities;
import dev.vtsne.Points;
import dev.vtsne.gradient.ExactSneGradient;
import dev.vtsne.gradient.GradientFunction;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.GradientKernels;
import dev.vtsne.simd.KernelSet;

/**
 * ExactSneGradient.gradient: one op = two O(N²) passes (log-normalizers, then repulsion with two
 * exps per pair) plus the attraction over the stored affinities.
 */
public class SneGradientBench extends ExactGradientBench {

    @Override
    ExactAffinities affinities(Points x, KernelSet kernels, RowBlocks pool) {
        return ExactAffinities.sne(x, 30, kernels.distances(), kernels.calibration(), pool);
    }

    @Override
    GradientFunction gradient(ExactAffinities p, GradientKernels kernels, RowBlocks pool) {
        return new ExactSneGradient(p, kernels, pool);
    }

    @Override
    double spread() {
        return 3.0;
    }
}
