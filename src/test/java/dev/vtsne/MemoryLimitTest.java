package dev.vtsne;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.data.Points;
import org.junit.jupiter.api.Test;

/**
 * TSne.validate estimates a run's memory before any work and refuses what the heap cannot hold,
 * naming the methods that would fit (or saying that none does). The heap limit is injected, so
 * the refusals are tested without a large heap and the points cost only n x 1 floats.
 */
class MemoryLimitTest {

    private static final long GIB = 1L << 30;

    private static Points points(int n, int dim) {
        return Points.ofRowMajor(new float[n * dim], n, dim);
    }

    private static String refusal(Points x, TsneOptions o, long heap) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TSne.validate(x, o, heap));
        return e.getMessage();
    }

    @Test
    void exactAtTwoHundredThousandPointsIsRefusedNamingTheMethodsThatFit() {
        Points x = points(200_000, 1);
        TsneOptions exact = TsneOptions.builder().method(Method.EXACT).build();
        String m = refusal(x, exact, 8 * GIB);
        assertTrue(m.contains("exact method supports at most 46340") && m.contains("200000"), m);
        assertTrue(m.contains("use method bh or fft"), m);
        // in 3-D only Barnes-Hut is an alternative
        String m3 = refusal(x, TsneOptions.builder().method(Method.EXACT).dimensions(3).build(), 8 * GIB);
        assertTrue(m3.contains("use method bh (") && !m3.contains("fft"), m3);
        // and the methods it names are accepted
        assertDoesNotThrow(() -> TSne.validate(x, TsneOptions.builder().method(Method.BARNES_HUT).build(), 8 * GIB));
        assertDoesNotThrow(() -> TSne.validate(x, TsneOptions.builder().method(Method.FFT).build(), 8 * GIB));
    }

    @Test
    void whenNoMethodFitsTheRefusalSaysSo() {
        Points x = points(200_000, 1);
        String m = refusal(x, TsneOptions.builder().method(Method.EXACT).build(), 256L << 20);
        assertTrue(m.contains("no method fits in the heap of 0.3 GiB") && m.contains("-Xmx"), m);
        String sne = refusal(points(10_000, 1), TsneOptions.builder().objective(Objective.SNE).build(), 256L << 20);
        assertTrue(sne.contains("the exact method needs about") && sne.contains("SNE has only the exact method"), sne);
    }

    @Test
    void exactWithinItsPointLimitIsRefusedWhenTheHeapIsSmall() {
        // 20,000 points: 12 bytes per pair = 4.5 GiB at the peak of affinity building
        Points x = points(20_000, 1);
        TsneOptions exact = TsneOptions.builder().method(Method.EXACT).build();
        String m = refusal(x, exact, 2 * GIB);
        assertTrue(m.contains("the exact method needs about 4.5 GiB for 20000 points but the heap allows 2.0 GiB"), m);
        assertTrue(m.contains("use method bh or fft"), m);
        assertDoesNotThrow(() -> TSne.validate(x, exact, 8 * GIB));
    }

    @Test
    void knnMethodsAreRefusedWhenTheHeapIsSmall() {
        Points x = points(1_000_000, 1);
        for (Method method : new Method[] {Method.BARNES_HUT, Method.FFT, Method.AUTO}) {
            String m = refusal(x, TsneOptions.builder().method(method).build(), GIB);
            assertTrue(m.contains("method needs about") && m.contains("1000000 points with 90 neighbours")
                    && m.contains("heap allows 1.0 GiB"), m);
        }
        assertDoesNotThrow(() -> TSne.validate(x, TsneOptions.builder().method(Method.FFT).build(), 16 * GIB));
    }
}
