package io.policystreams.policy.optim;

import io.policystreams.policy.Preconditions;

/**
 * Adam (Kingma &amp; Ba 2015, Algorithm 1): m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
 * θ ← θ − α·m̂/(√v̂ + ε) with m̂ = m/(1−β₁^t), v̂ = v/(1−β₂^t).
 * Its state (m, v, t) is exposed so a learner can store it and {@link #restore} it bit for bit.
 */
public final class Adam implements Optimizer {

    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPSILON = 1e-8;

    /** Adam's state for one vector: the first and second moments m and v, and the step count t. */
    public record Moments(double[] first, double[] second, long steps) {
    }

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double[] m;
    private final double[] v;
    private long t;

    /** Adam with the paper's β₁ = 0.9, β₂ = 0.999, ε = 1e-8, for a vector of {@code size} parameters. */
    public Adam(double learningRate, int size) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, new double[size], new double[size], 0L);
    }

    private Adam(double learningRate, double beta1, double beta2, double epsilon, double[] m, double[] v, long t) {
        this.learningRate = Preconditions.requirePositive("learningRate", learningRate);
        this.beta1 = requireDecay("beta1", beta1);
        this.beta2 = requireDecay("beta2", beta2);
        this.epsilon = Preconditions.requirePositive("epsilon", epsilon);
        Preconditions.requireLength("second moment", v, m.length);
        if (t < 0) {
            throw new IllegalArgumentException("step count must be >= 0, was " + t);
        }
        this.m = Preconditions.requireFinite("first moment", m);
        this.v = Preconditions.requireFinite("second moment", v);
        this.t = t;
    }

    /** Adam with explicit hyperparameters and stored state (m, v, t). Copies m and v. */
    public static Adam restore(double learningRate, double beta1, double beta2, double epsilon,
                               double[] firstMoment, double[] secondMoment, long stepCount) {
        return new Adam(learningRate, beta1, beta2, epsilon, firstMoment.clone(), secondMoment.clone(), stepCount);
    }

    @Override
    public void step(double[] params, double[] grad) {
        Preconditions.requireLength("params", params, m.length);
        Preconditions.requireLength("grad", grad, m.length);
        t++;
        double biasCorrection1 = 1.0 - Math.pow(beta1, t);
        double biasCorrection2 = 1.0 - Math.pow(beta2, t);
        for (int i = 0; i < params.length; i++) {
            double g = grad[i];
            m[i] = beta1 * m[i] + (1.0 - beta1) * g;
            v[i] = beta2 * v[i] + (1.0 - beta2) * g * g;
            double mHat = m[i] / biasCorrection1;
            double vHat = v[i] / biasCorrection2;
            params[i] -= learningRate * mHat / (Math.sqrt(vHat) + epsilon);
        }
    }

    public double learningRate() {
        return learningRate;
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    public double epsilon() {
        return epsilon;
    }

    /** m: a copy. */
    public double[] firstMoment() {
        return m.clone();
    }

    /** v: a copy. */
    public double[] secondMoment() {
        return v.clone();
    }

    /** t, the number of steps taken. */
    public long stepCount() {
        return t;
    }

    private static double requireDecay(String name, double beta) {
        if (!(beta >= 0.0 && beta < 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), was " + beta);
        }
        return beta;
    }
}
