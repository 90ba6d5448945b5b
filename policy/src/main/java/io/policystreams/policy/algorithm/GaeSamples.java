package io.policystreams.policy.algorithm;

import io.policystreams.policy.Trajectory;
import io.policystreams.policy.loss.ImportanceSampling;
import io.policystreams.policy.loss.TrainingSample;
import io.policystreams.policy.returns.AdvantageNormalization;
import io.policystreams.policy.returns.GeneralizedAdvantageEstimation;
import java.util.ArrayList;
import java.util.List;

/** Training samples with GAE advantages and λ-return targets, shared by actor-critic and PPO. */
final class GaeSamples {

    private GaeSamples() {
    }

    /**
     * Â_t by GAE(γ, λ) and targets Â_t + V(s_t), from V before the update. Score weights are min(ρ̄, ρ_t) when
     * {@code truncatedWeights}, else 1 (PPO corrects with the ratio inside its loss). A new, mutable list.
     */
    static List<TrainingSample> build(Model model, Batch batch, TrainingSettings settings, boolean normalize,
                                      boolean truncatedWeights) {
        if (!model.hasValueFunction()) {
            throw new IllegalArgumentException("GAE needs a value function");
        }
        int episodes = batch.trajectories.size();
        double[][] advantages = new double[episodes][];
        double[][] targets = new double[episodes][];
        for (int k = 0; k < episodes; k++) {
            Trajectory tau = batch.trajectories.get(k);
            double[] v = batch.values(model, k);
            advantages[k] = GeneralizedAdvantageEstimation.advantages(tau.rewards(), v,
                    tau.bootstrapValue(model::valueOf), settings.gamma(), settings.lambda());
            targets[k] = GeneralizedAdvantageEstimation.lambdaReturns(advantages[k], v);
        }
        double[] flat = batch.flatten(advantages);
        if (normalize && flat.length > 1) {
            flat = AdvantageNormalization.normalize(flat);
        }
        List<TrainingSample> samples = new ArrayList<>(batch.steps);
        int i = 0;
        for (int k = 0; k < episodes; k++) {
            Trajectory tau = batch.trajectories.get(k);
            for (int t = 0; t < tau.length(); t++) {
                double weight = truncatedWeights
                        ? ImportanceSampling.truncated(Math.exp(batch.logRatios[k][t]), settings.rhoBar())
                        : 1.0;
                samples.add(new TrainingSample(tau.observation(t), tau.action(t), tau.behaviourLogProbs()[t],
                        flat[i++], targets[k][t], weight));
            }
        }
        return samples;
    }
}
