package dev.vtsne.bench;

import dev.vtsne.fft.ComplexFft;
import dev.vtsne.fft.FftButterflies;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * One op = one forward and one inverse {@link ComplexFft} (float) of a tile of 32 sequences of
 * length n, the unit of work of the FFT repulsion's grid convolution ({@code GridConvolution2d.TILE}
 * = 32 rows or columns at a time), with the Vector API butterflies or their scalar twins. n = 300 is
 * the grid of an early map (50 intervals × 3 nodes, padded ×2), 1080 that of the final 70k
 * Fashion-MNIST map (~171 units wide), 1200 the largest 5-smooth neighbour.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class FftBench {

    static final int BATCH = 32;

    @Param({"300", "1080", "1200"})
    public int n;

    @Param({"vector", "scalar"})
    public String impl;

    private ComplexFft fft;
    private float[] re, im, sRe, sIm, re0, im0;

    @Setup(Level.Trial)
    public void setup() {
        FftButterflies b = BenchSupport.kernels(impl).fft(); // refuses a fork where the vector kernels fell back
        System.err.println("FFT butterflies: " + b.name());
        fft = new ComplexFft(n, b);
        SplittableRandom r = new SplittableRandom(n);
        re0 = new float[n * BATCH];
        im0 = new float[n * BATCH];
        for (int i = 0; i < re0.length; i++) {
            re0[i] = (float) r.nextDouble(-1, 1);
            im0[i] = (float) r.nextDouble(-1, 1);
        }
        re = re0.clone();
        im = im0.clone();
        sRe = new float[n * BATCH];
        sIm = new float[n * BATCH];
    }

    @Benchmark
    public float forwardInverse() {
        // restart from the same input each time, so values stay bounded (an unscaled round trip multiplies by n)
        System.arraycopy(re0, 0, re, 0, re.length);
        System.arraycopy(im0, 0, im, 0, im.length);
        fft.forward(re, im, sRe, sIm, BATCH);
        fft.inverse(re, im, sRe, sIm, BATCH);
        return re[1] + im[2];
    }
}
