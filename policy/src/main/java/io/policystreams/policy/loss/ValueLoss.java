package io.policystreams.policy.loss;

import io.policystreams.policy.Preconditions;
import io.policystreams.policy.distribution.ValueFunction;
import java.util.List;

/**
 * L(φ) = c_v·(1/N) Σ_i ½ (V_φ(s_i) − target_i)², so ∇L = c_v·(1/N) Σ_i (V_φ(s_i) − target_i) ∇V_φ(s_i).
 */
public final class ValueLoss {

    private final double valueCoefficient;

    /** @param valueCoefficient c_v &gt; 0 */
    public ValueLoss(double valueCoefficient) {
        this.valueCoefficient = Preconditions.requirePositive("valueCoefficient", valueCoefficient);
    }

    /** L(φ), accumulating grad += ∇_φ L. Not modified: phi, samples. Modified: grad. Returns the loss. */
    public double evaluate(ValueFunction value, double[] phi, List<TrainingSample> samples, double[] grad) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a loss needs at least one sample");
        }
        double n = samples.size();
        double loss = 0.0;
        for (TrainingSample sample : samples) {
            ValueFunction.Evaluation v = value.evaluate(phi, sample.observation());
            double error = v.value() - sample.valueTarget();
            loss += valueCoefficient * 0.5 * error * error / n;
            v.backward(valueCoefficient * error / n, grad);
        }
        return loss;
    }
}
