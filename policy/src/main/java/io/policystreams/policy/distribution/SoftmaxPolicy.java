package io.policystreams.policy.distribution;

import io.policystreams.policy.Preconditions;
import io.policystreams.policy.network.Activation;
import io.policystreams.policy.network.FeedForwardNetwork;
import java.util.Random;

/**
 * π_θ(a|s) = softmax(f(s; θ))_a for n discrete actions, with logits f a linear map or an MLP; under an action mask
 * the softmax runs over the allowed actions only (masked actions get π = 0 and no gradient).
 * Score: ∇_z log π(a|s) = e_a − π(·|s); entropy: ∂H/∂z_j = −π_j (log π_j + H). θ is the logits network's.
 */
public final class SoftmaxPolicy implements StochasticPolicy {

    /** Output-layer gain of the seeded initialisation: near-uniform initial policy (cleanrl's 0.01). */
    public static final double OUTPUT_GAIN = 0.01;

    private final FeedForwardNetwork logits;

    public SoftmaxPolicy(FeedForwardNetwork logits) {
        Preconditions.requireAtLeast("number of actions", logits.outputSize(), 2);
        this.logits = logits;
    }

    /** Softmax over a linear (affine) function of the observation. */
    public static SoftmaxPolicy linear(int observationSize, int actions) {
        return new SoftmaxPolicy(FeedForwardNetwork.linear(observationSize, actions));
    }

    /** Softmax over an MLP with the given hidden widths. */
    public static SoftmaxPolicy mlp(int observationSize, int[] hiddenSizes, Activation activation, int actions) {
        return new SoftmaxPolicy(FeedForwardNetwork.mlp(observationSize, hiddenSizes, activation, actions));
    }

    public int actionCount() {
        return logits.outputSize();
    }

    public FeedForwardNetwork network() {
        return logits;
    }

    @Override
    public int observationSize() {
        return logits.inputSize();
    }

    @Override
    public int parameterCount() {
        return logits.parameterCount();
    }

    @Override
    public double[] initialParameters(Random rng) {
        return logits.initialParameters(OUTPUT_GAIN, rng);
    }

    @Override
    public Categorical distribution(double[] theta, double[] observation) {
        return distribution(theta, observation, null);
    }

    @Override
    public Categorical distribution(double[] theta, double[] observation, ActionMask mask) {
        FeedForwardNetwork.Pass pass = logits.forward(theta, observation);
        return new Categorical(pass, Softmax.logSoftmax(pass.output(), mask));
    }

    /** The categorical distribution softmax(z) at one observation. */
    public static final class Categorical implements ActionDistribution {
        private final FeedForwardNetwork.Pass pass;
        private final double[] logPi;
        private double entropy = Double.NaN;

        private Categorical(FeedForwardNetwork.Pass pass, double[] logPi) {
            this.pass = pass;
            this.logPi = logPi;
        }

        /** π(a|s) for every a: a new array. */
        public double[] probabilities() {
            double[] pi = new double[logPi.length];
            for (int a = 0; a < pi.length; a++) {
                pi[a] = Math.exp(logPi[a]);
            }
            return pi;
        }

        @Override
        public double logProb(Action a) {
            return logPi[indexOf(a)];
        }

        @Override
        public double entropy() {
            if (Double.isNaN(entropy)) {
                entropy = Softmax.entropy(logPi);
            }
            return entropy;
        }

        @Override
        public Action sample(Random rng) {
            return new Action.Discrete(Softmax.sampleIndex(logPi, rng));
        }

        /** log π(a|s) for every a (−∞ for masked actions): a new array. */
        public double[] logProbabilities() {
            return logPi.clone();
        }

        @Override
        public Action mode() {
            int best = 0;
            for (int a = 1; a < logPi.length; a++) {
                if (logPi[a] > logPi[best]) {
                    best = a;
                }
            }
            return new Action.Discrete(best);
        }

        @Override
        public void backward(Action a, double logProbWeight, double entropyWeight, double[] grad) {
            int chosen = indexOf(a);
            double h = entropy();
            double[] dz = new double[logPi.length];
            for (int j = 0; j < dz.length; j++) {
                double pi = Math.exp(logPi[j]);
                double score = (j == chosen ? 1.0 : 0.0) - pi;
                double entropyGradient = pi > 0.0 ? -pi * (logPi[j] + h) : 0.0;
                dz[j] = logProbWeight * score + entropyWeight * entropyGradient;
            }
            pass.backward(dz, grad);
        }

        private int indexOf(Action a) {
            if (!(a instanceof Action.Discrete discrete)) {
                throw new IllegalArgumentException("a softmax policy takes discrete actions, got " + a);
            }
            if (discrete.index() >= logPi.length) {
                throw new IllegalArgumentException(
                        "action index " + discrete.index() + " out of range [0, " + logPi.length + ")");
            }
            if (logPi[discrete.index()] == Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("action " + discrete.index() + " is masked out at this state");
            }
            return discrete.index();
        }
    }
}
