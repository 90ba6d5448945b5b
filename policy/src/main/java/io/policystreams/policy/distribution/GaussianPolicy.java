package io.policystreams.policy.distribution;

import io.policystreams.policy.Preconditions;
import io.policystreams.policy.network.Activation;
import io.policystreams.policy.network.FeedForwardNetwork;
import java.util.Arrays;
import java.util.Random;

/**
 * π_θ(a|s) = Π_i N(a_i; μ_i(s), σ_i²) with mean μ = f(s; θ) (linear or MLP) and a state-independent log σ.
 *
 * <p>log π = Σ_i −(a_i − μ_i)²/(2σ_i²) − log σ_i − ½ log 2π; ∂/∂μ_i = (a_i − μ_i)/σ_i²;
 * ∂/∂log σ_i = (a_i − μ_i)²/σ_i² − 1; H = Σ_i log σ_i + ½ log(2πe). θ = [mean network's θ, log σ_1..d].
 * Densities are of the sampled, unclipped action; environments clip to their bounds when acting.
 */
public final class GaussianPolicy implements StochasticPolicy {

    /** Output-layer gain of the seeded initialisation of the mean network (cleanrl's 0.01). */
    public static final double OUTPUT_GAIN = 0.01;

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2.0 * Math.PI);

    private final FeedForwardNetwork mean;
    private final double initialLogStd;

    public GaussianPolicy(FeedForwardNetwork mean, double initialLogStd) {
        this.mean = mean;
        this.initialLogStd = Preconditions.requireFinite("initialLogStd", initialLogStd);
    }

    /** A Gaussian whose mean is a linear (affine) function of the observation. */
    public static GaussianPolicy linear(int observationSize, int actionDimension, double initialLogStd) {
        return new GaussianPolicy(FeedForwardNetwork.linear(observationSize, actionDimension), initialLogStd);
    }

    /** A Gaussian whose mean is an MLP of the observation. */
    public static GaussianPolicy mlp(int observationSize, int[] hiddenSizes, Activation activation,
                                     int actionDimension, double initialLogStd) {
        return new GaussianPolicy(
                FeedForwardNetwork.mlp(observationSize, hiddenSizes, activation, actionDimension), initialLogStd);
    }

    public int actionDimension() {
        return mean.outputSize();
    }

    public FeedForwardNetwork network() {
        return mean;
    }

    @Override
    public int observationSize() {
        return mean.inputSize();
    }

    @Override
    public int parameterCount() {
        return mean.parameterCount() + actionDimension();
    }

    @Override
    public double[] initialParameters(Random rng) {
        double[] theta = new double[parameterCount()];
        System.arraycopy(mean.initialParameters(OUTPUT_GAIN, rng), 0, theta, 0, mean.parameterCount());
        for (int i = 0; i < actionDimension(); i++) {
            theta[mean.parameterCount() + i] = initialLogStd;
        }
        return theta;
    }

    @Override
    public DiagonalGaussian distribution(double[] theta, double[] observation) {
        Preconditions.requireLength("theta", theta, parameterCount());
        return new DiagonalGaussian(mean.forward(theta, observation), theta, mean.parameterCount());
    }

    /** N(μ(s), diag σ²) at one observation. */
    public static final class DiagonalGaussian implements ActionDistribution {
        private final FeedForwardNetwork.Pass pass;
        private final double[] mu;
        private final double[] logStd;
        private final int logStdOffset;

        private DiagonalGaussian(FeedForwardNetwork.Pass pass, double[] theta, int logStdOffset) {
            this.pass = pass;
            this.mu = pass.output();
            this.logStdOffset = logStdOffset;
            this.logStd = Arrays.copyOfRange(theta, logStdOffset, logStdOffset + mu.length);
        }

        /** μ(s): a new array. */
        public double[] mean() {
            return mu.clone();
        }

        @Override
        public double logProb(Action a) {
            Action.Continuous x = checked(a);
            double logProb = 0.0;
            for (int i = 0; i < mu.length; i++) {
                double standardized = (x.value(i) - mu[i]) / Math.exp(logStd[i]);
                logProb += -0.5 * standardized * standardized - logStd[i] - HALF_LOG_TWO_PI;
            }
            return logProb;
        }

        @Override
        public double entropy() {
            double h = 0.0;
            for (double ls : logStd) {
                h += ls + 0.5 + HALF_LOG_TWO_PI;
            }
            return h;
        }

        @Override
        public Action sample(Random rng) {
            double[] a = new double[mu.length];
            for (int i = 0; i < a.length; i++) {
                a[i] = mu[i] + Math.exp(logStd[i]) * rng.nextGaussian();
            }
            return new Action.Continuous(a);
        }

        @Override
        public Action mode() {
            return new Action.Continuous(mu);
        }

        @Override
        public void backward(Action a, double logProbWeight, double entropyWeight, double[] grad) {
            Action.Continuous x = checked(a);
            double[] dMu = new double[mu.length];
            for (int i = 0; i < mu.length; i++) {
                double variance = Math.exp(2.0 * logStd[i]);
                double diff = x.value(i) - mu[i];
                dMu[i] = logProbWeight * diff / variance;
                grad[logStdOffset + i] += logProbWeight * (diff * diff / variance - 1.0) + entropyWeight;
            }
            pass.backward(dMu, grad);
        }

        private Action.Continuous checked(Action a) {
            if (!(a instanceof Action.Continuous x)) {
                throw new IllegalArgumentException("a Gaussian policy takes continuous actions, got " + a);
            }
            if (x.dimension() != mu.length) {
                throw new IllegalArgumentException(
                        "action dimension must be " + mu.length + ", was " + x.dimension());
            }
            return x;
        }
    }
}
