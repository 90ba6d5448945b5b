package io.policystreams.policy.optim;

import io.policystreams.policy.Preconditions;

/** Plain gradient descent θ ← θ − α·g. Stateless. */
public final class Sgd implements Optimizer {

    private final double learningRate;

    public Sgd(double learningRate) {
        this.learningRate = Preconditions.requirePositive("learningRate", learningRate);
    }

    @Override
    public void step(double[] params, double[] grad) {
        Preconditions.requireLength("grad", grad, params.length);
        for (int i = 0; i < params.length; i++) {
            params[i] -= learningRate * grad[i];
        }
    }
}
