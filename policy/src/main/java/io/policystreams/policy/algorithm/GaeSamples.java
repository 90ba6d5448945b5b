package io.policystreams.policy.algorithm;

import io.policystreams.policy.Trajectory;
import io.policystreams.policy.loss.TrainingSample;
import io.policystreams.policy.returns.GeneralizedAdvantageEstimation;
import java.util.List;

/** PPO's training samples: GAE advantages and λ-return targets (PPO corrects off-policy inside its loss). */
final class GaeSamples {

    private GaeSamples() {
    }

    /**
     * Â_t by GAE(γ, λ), not normalised, and targets Â_t + V(s_t), from V before the update; score weights 1.
     * A new, mutable list.
     */
    static List<TrainingSample> build(Model model, Batch batch, TrainingSettings settings) {
        if (!model.hasValueFunction()) {
            throw new IllegalArgumentException("GAE needs a value function");
        }
        int episodes = batch.trajectories.size();
        double[][] advantages = new double[episodes][];
        double[][] targets = new double[episodes][];
        for (int k = 0; k < episodes; k++) {
            Trajectory tau = batch.trajectories.get(k);
            double[] v = batch.values(model, k);
            advantages[k] = GeneralizedAdvantageEstimation.advantages(settings.rewardsOf(tau), v,
                    tau.bootstrapValue(model::valueOf), settings.gamma(), settings.lambda());
            targets[k] = GeneralizedAdvantageEstimation.lambdaReturns(advantages[k], v);
        }
        double[] flat = batch.flatten(advantages);
        return batch.samples(flat, targets, null);
    }
}
