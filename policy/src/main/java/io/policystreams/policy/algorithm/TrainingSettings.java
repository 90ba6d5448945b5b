package io.policystreams.policy.algorithm;

import io.policystreams.policy.Preconditions;
import io.policystreams.policy.Trajectory;
import io.policystreams.policy.optim.Adam;
import io.policystreams.policy.optim.Optimizer;
import io.policystreams.policy.optim.Sgd;

/**
 * The hyperparameters an update reads, built by name ({@link #builder()}); defaults follow cleanrl's PPO and the
 * ModelSpec schema.
 *
 * @param optimizer          the descent rule of θ and φ
 * @param learningRate       α &gt; 0 of the policy's parameters θ
 * @param valueLearningRate  α &gt; 0 of the value function's parameters φ
 * @param gamma              discount γ ∈ [0, 1]
 * @param lambda             GAE λ ∈ [0, 1]
 * @param entropyCoefficient β ≥ 0, weight of the entropy bonus
 * @param valueCoefficient   c_v &gt; 0, weight of the value loss
 * @param clipEpsilon        PPO's ε ∈ (0, 1)
 * @param epochs             PPO passes over a batch, ≥ 1
 * @param minibatchSize      PPO steps per gradient step; 0 for the whole batch
 * @param normalizeAdvantages standardise advantages per (mini)batch
 * @param discountWeighting  weight step t's score by γ^t (REINFORCE), as the theorem states
 * @param baseline           REINFORCE's baseline
 * @param baselineWindow     window of the running-mean baseline, ≥ 1
 * @param rhoBar             truncation ρ̄ ≥ 0 of the importance weights on the score
 * @param cBar               V-trace's truncation c̄ ∈ [0, ρ̄] of the trace coefficients (actor-critic)
 * @param maxGradNorm        global-norm clipping threshold; 0 or less disables clipping
 * @param rewardScale        c &gt; 0: returns, advantages and V(s) are computed from c·r_t (reports keep r_t)
 */
public record TrainingSettings(Optimizer.Kind optimizer, double learningRate, double valueLearningRate,
                               double gamma, double lambda, double entropyCoefficient, double valueCoefficient,
                               double clipEpsilon, int epochs, int minibatchSize, boolean normalizeAdvantages,
                               boolean discountWeighting, Baseline baseline, long baselineWindow, double rhoBar,
                               double cBar, double maxGradNorm, double rewardScale) {

    /** REINFORCE's baseline b(s_t), subtracted from G_t. */
    public enum Baseline { NONE, RUNNING_MEAN, PER_TIMESTEP, LEARNED_VALUE }

    public TrainingSettings {
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer must not be null");
        }
        requirePositiveAndFinite("learningRate", learningRate);
        requirePositiveAndFinite("valueLearningRate", valueLearningRate);
        Preconditions.requireDiscount(gamma);
        Preconditions.requireUnitInterval("lambda", lambda);
        Preconditions.requireNonNegative("entropyCoefficient", entropyCoefficient);
        Preconditions.requirePositive("valueCoefficient", valueCoefficient);
        if (!(clipEpsilon > 0.0 && clipEpsilon < 1.0)) {
            throw new IllegalArgumentException("clipEpsilon must be in (0, 1), was " + clipEpsilon);
        }
        Preconditions.requireAtLeast("epochs", epochs, 1);
        Preconditions.requireAtLeast("minibatchSize", minibatchSize, 0);
        if (baseline == null) {
            throw new IllegalArgumentException("baseline must not be null");
        }
        if (baselineWindow < 1) {
            throw new IllegalArgumentException("baselineWindow must be >= 1, was " + baselineWindow);
        }
        Preconditions.requireNonNegative("rhoBar", rhoBar);
        Preconditions.requireNonNegative("cBar", cBar);
        if (cBar > rhoBar) {
            throw new IllegalArgumentException("cBar must be <= rhoBar (" + rhoBar + "), was " + cBar);
        }
        Preconditions.requireFinite("maxGradNorm", maxGradNorm);
        Preconditions.requirePositive("rewardScale", rewardScale);
    }

    /** c·r_0..c·r_{T−1}, the rewards an update learns from; the trajectory's own array when c = 1. */
    public double[] rewardsOf(Trajectory tau) {
        double[] rewards = tau.rewards();
        if (rewardScale == 1.0) {
            return rewards;
        }
        double[] scaled = new double[rewards.length];
        for (int t = 0; t < rewards.length; t++) {
            scaled[t] = rewardScale * rewards[t];
        }
        return scaled;
    }

    private static void requirePositiveAndFinite(String name, double value) {
        if (!(value > 0.0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(name + " must be finite and > 0, was " + value);
        }
    }

    /** The optimiser of θ ({@code size} parameters): Adam resumed from {@code moments}, or fresh if null; or SGD. */
    public Optimizer policyOptimizer(int size, Adam.Moments moments) {
        return optimizer(learningRate, size, moments);
    }

    /** The optimiser of φ, at the value learning rate. */
    public Optimizer valueOptimizer(int size, Adam.Moments moments) {
        return optimizer(valueLearningRate, size, moments);
    }

    private Optimizer optimizer(double rate, int size, Adam.Moments moments) {
        if (optimizer == Optimizer.Kind.SGD) {
            return new Sgd(rate);
        }
        return moments == null ? new Adam(rate, size) : Adam.restore(rate, Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2,
                Adam.DEFAULT_EPSILON, moments.first(), moments.second(), moments.steps());
    }

    /** The defaults: {@code builder().build()}. */
    public static TrainingSettings defaults() {
        return builder().build();
    }

    /** Settings by name, starting from the defaults ({@link Builder}). */
    public static Builder builder() {
        return new Builder();
    }

    /** A copy of these settings to change by name. */
    public Builder toBuilder() {
        return new Builder().optimizer(optimizer).learningRate(learningRate).valueLearningRate(valueLearningRate)
                .gamma(gamma).lambda(lambda).entropyCoefficient(entropyCoefficient).valueCoefficient(valueCoefficient)
                .clipEpsilon(clipEpsilon).epochs(epochs).minibatchSize(minibatchSize)
                .normalizeAdvantages(normalizeAdvantages).discountWeighting(discountWeighting).baseline(baseline)
                .baselineWindow(baselineWindow).rhoBar(rhoBar).cBar(cBar).maxGradNorm(maxGradNorm)
                .rewardScale(rewardScale);
    }

    /**
     * Named construction. Defaults: Adam at α 3e-4 (θ) and 1e-3 (φ), γ 0.99, λ 0.95, β 0, c_v 0.5, ε 0.2,
     * 4 epochs, minibatches of 64, normalised advantages, no γ^t weighting, running-mean baseline over 100
     * returns, ρ̄ = c̄ = 1, clipping at 0.5, rewards unscaled. {@link #build} checks every range.
     */
    public static final class Builder {
        private Optimizer.Kind optimizer = Optimizer.Kind.ADAM;
        private double learningRate = 3e-4;
        private double valueLearningRate = 1e-3;
        private double gamma = 0.99;
        private double lambda = 0.95;
        private double entropyCoefficient = 0.0;
        private double valueCoefficient = 0.5;
        private double clipEpsilon = 0.2;
        private int epochs = 4;
        private int minibatchSize = 64;
        private boolean normalizeAdvantages = true;
        private boolean discountWeighting = false;
        private Baseline baseline = Baseline.RUNNING_MEAN;
        private long baselineWindow = 100;
        private double rhoBar = 1.0;
        private double cBar = 1.0;
        private double maxGradNorm = 0.5;
        private double rewardScale = 1.0;

        private Builder() {
        }

        public Builder optimizer(Optimizer.Kind value) {
            optimizer = value;
            return this;
        }

        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        public Builder valueLearningRate(double value) {
            valueLearningRate = value;
            return this;
        }

        public Builder gamma(double value) {
            gamma = value;
            return this;
        }

        public Builder lambda(double value) {
            lambda = value;
            return this;
        }

        public Builder entropyCoefficient(double value) {
            entropyCoefficient = value;
            return this;
        }

        public Builder valueCoefficient(double value) {
            valueCoefficient = value;
            return this;
        }

        public Builder clipEpsilon(double value) {
            clipEpsilon = value;
            return this;
        }

        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        public Builder minibatchSize(int value) {
            minibatchSize = value;
            return this;
        }

        public Builder normalizeAdvantages(boolean value) {
            normalizeAdvantages = value;
            return this;
        }

        public Builder discountWeighting(boolean value) {
            discountWeighting = value;
            return this;
        }

        public Builder baseline(Baseline value) {
            baseline = value;
            return this;
        }

        public Builder baselineWindow(long value) {
            baselineWindow = value;
            return this;
        }

        public Builder rhoBar(double value) {
            rhoBar = value;
            return this;
        }

        public Builder cBar(double value) {
            cBar = value;
            return this;
        }

        public Builder maxGradNorm(double value) {
            maxGradNorm = value;
            return this;
        }

        public Builder rewardScale(double value) {
            rewardScale = value;
            return this;
        }

        /** The settings; an out-of-range value is an {@link IllegalArgumentException} naming it. */
        public TrainingSettings build() {
            return new TrainingSettings(optimizer, learningRate, valueLearningRate, gamma, lambda,
                    entropyCoefficient, valueCoefficient, clipEpsilon, epochs, minibatchSize, normalizeAdvantages,
                    discountWeighting, baseline, baselineWindow, rhoBar, cBar, maxGradNorm, rewardScale);
        }
    }
}
