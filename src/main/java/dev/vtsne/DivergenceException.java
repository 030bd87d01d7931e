package dev.vtsne;

/**
 * The optimization left the float range: the step was too large for this data. Thrown instead
 * of returning an embedding of NaN or infinity.
 */
public final class DivergenceException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    /** The run diverged at {@code learningRate}. */
    public DivergenceException(double learningRate) {
        super(String.format(java.util.Locale.ROOT,
                "the optimization diverged (coordinates became non-finite) at learning rate %.6g; use a smaller learning rate", learningRate));
    }
}
