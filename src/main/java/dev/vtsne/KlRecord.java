package dev.vtsne;

/**
 * One entry of a run's cost history.
 *
 * @param iteration    iterations done when it was measured
 * @param kl           exact KL(P || Q) in nats, for the unexaggerated P
 * @param elapsedNanos optimizer time until then
 */
public record KlRecord(int iteration, double kl, long elapsedNanos) {}
