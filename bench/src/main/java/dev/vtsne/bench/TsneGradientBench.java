package dev.vtsne.bench;

import dev.vtsne.affinity.ExactAffinities;
import dev.vtsne.Points;
import dev.vtsne.gradient.ExactTsneGradient;
import dev.vtsne.gradient.GradientFunction;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.GradientKernels;
import dev.vtsne.simd.KernelSet;

/** ExactTsneGradient.gradient: one op = N² - N pairs (attraction over P, repulsion over all pairs). */
public class TsneGradientBench extends ExactGradientBench {

    @Override
    ExactAffinities affinities(Points x, KernelSet kernels, RowBlocks pool) {
        return ExactAffinities.tsne(x, 30, kernels.distances(), kernels.calibration(), pool);
    }

    @Override
    GradientFunction gradient(ExactAffinities p, GradientKernels kernels, RowBlocks pool) {
        return new ExactTsneGradient(p, kernels, pool);
    }

    @Override
    double spread() {
        return 20.0;
    }
}
