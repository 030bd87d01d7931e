package dev.vtsne;

/**
 * One entry of a run's cost history. The exact method measures the KL of the map after the
 * iteration; Barnes-Hut and FFT compute it with the iteration's gradient, so it is that of the
 * map the iteration started from (as openTSNE and FIt-SNE report it), except for the last entry
 * of an {@link Embedding#optimize} call, which is always of the map returned.
 *
 * @param iteration    iterations done when it was measured
 * @param kl           KL(P || Q) in nats, for the unexaggerated P (bh and fft: their kNN P and
 *                     approximate Z)
 * @param elapsedNanos optimizer time until then
 */
public record KlRecord(int iteration, double kl, long elapsedNanos) {}
