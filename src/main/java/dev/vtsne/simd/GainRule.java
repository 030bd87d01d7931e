package dev.vtsne.simd;

/**
 * The per-coordinate gain rule of t-SNE's optimizer (delta-bar-delta, Jacobs 1988, with bhtsne's
 * and FIt-SNE's constants): where the gradient's sign differs from the previous update's, the
 * update went downhill and the gain grows by {@link #INCREASE}; where the signs agree (the last
 * update overshot) it shrinks by the factor {@link #DECAY}; either way it stays at or above a
 * floor. The one definition for the optimizer's kernels (the vector kernel re-expresses
 * {@link #next} in lanes with these constants) and for the transform's per-point descent. It lives
 * here, in the lowest layer, because the kernels cannot depend on the optimizer's package.
 */
public final class GainRule {

    /** Added to a gain where the gradient's sign differs from the previous update's. */
    public static final float INCREASE = 0.2f;
    /** Multiplies a gain where the signs agree (a zero matches only a zero). */
    public static final float DECAY = 0.8f;

    private GainRule() {}

    /** Whether {@code gradient} and {@code previousUpdate} have the same sign (-, 0 or +). */
    public static boolean sameSign(float gradient, float previousUpdate) {
        return (gradient > 0) == (previousUpdate > 0) & (gradient < 0) == (previousUpdate < 0);
    }

    /** The gain after one step, from the gain before it, the gradient, and the previous update. */
    public static float next(float gain, float gradient, float previousUpdate, float minGain) {
        return Math.max(sameSign(gradient, previousUpdate) ? gain * DECAY : gain + INCREASE, minGain);
    }
}
