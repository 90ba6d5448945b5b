package io.policystreams.policy.network;

/** Hidden-layer nonlinearity σ, with its derivative expressed through its output y = σ(z). */
public enum Activation {
    /** σ(z) = tanh z; σ'(z) = 1 − y². */
    TANH {
        @Override
        public double apply(double z) {
            return Math.tanh(z);
        }

        @Override
        public double derivativeFromOutput(double y) {
            return 1.0 - y * y;
        }

        @Override
        double orthogonalGain() {
            return Math.sqrt(2.0);
        }
    },
    /** σ(z) = max(0, z); σ'(z) = 1 if y > 0 else 0. */
    RELU {
        @Override
        public double apply(double z) {
            return z > 0.0 ? z : 0.0;
        }

        @Override
        public double derivativeFromOutput(double y) {
            return y > 0.0 ? 1.0 : 0.0;
        }

        @Override
        double orthogonalGain() {
            return Math.sqrt(2.0);
        }
    };

    /** σ(z). */
    public abstract double apply(double z);

    /** σ'(z) given y = σ(z). */
    public abstract double derivativeFromOutput(double y);

    /** Gain of the orthogonal initialisation of a hidden layer followed by this activation (cleanrl's √2). */
    abstract double orthogonalGain();
}
