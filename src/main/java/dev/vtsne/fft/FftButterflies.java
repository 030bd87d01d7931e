package dev.vtsne.fft;

/**
 * One Stockham stage of {@link ComplexFft} for each explicit radix. In a stage, {@code s} is the
 * stride in array slots (the stage stride times the batch) and {@code m = len / r}: input run k
 * of group p starts at {@code s·(p + k·m)}, output run j at {@code s·(r·p + j)}; each run is
 * {@code s} contiguous slots sharing one twiddle w^{p·j}, read from {@code wr, wi} at
 * {@code [p·(r − 1) + j − 1]}. The inner loop over a run is where the lanes go.
 *
 * <p>Implementations must give the same bits as {@link ScalarFftButterflies}: same operations,
 * same order, no fused multiply-add. Then the FFT's result does not depend on the vector width.
 */
public interface FftButterflies {

    /** √3 / 2, for the radix-3 butterfly. */
    float S3 = (float) (Math.sqrt(3) / 2);
    /** cos and sin of 2π/5 and 4π/5, for the radix-5 butterfly. */
    float C1 = (float) Math.cos(2 * Math.PI / 5), C2 = (float) Math.cos(4 * Math.PI / 5);
    float S1 = (float) Math.sin(2 * Math.PI / 5), S2 = (float) Math.sin(4 * Math.PI / 5);

    /** "scalar" or "vector-BITS". */
    String name();

    /** One radix-2 stage: 2 input runs per group p &lt; m, twiddled outputs (see the class comment). */
    void radix2(float[] xr, float[] xi, float[] yr, float[] yi, int m, int s, float[] wr, float[] wi);

    /** One radix-3 stage: 3 input runs per group p &lt; m, twiddled outputs (see the class comment). */
    void radix3(float[] xr, float[] xi, float[] yr, float[] yi, int m, int s, float[] wr, float[] wi);

    /** One radix-4 stage: 4 input runs per group p &lt; m, twiddled outputs (see the class comment). */
    void radix4(float[] xr, float[] xi, float[] yr, float[] yi, int m, int s, float[] wr, float[] wi);

    /** One radix-5 stage: 5 input runs per group p &lt; m, twiddled outputs (see the class comment). */
    void radix5(float[] xr, float[] xi, float[] yr, float[] yi, int m, int s, float[] wr, float[] wi);
}
