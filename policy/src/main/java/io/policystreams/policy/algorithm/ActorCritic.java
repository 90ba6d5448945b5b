package io.policystreams.policy.algorithm;

import io.policystreams.policy.Trajectory;
import io.policystreams.policy.loss.PolicyGradientLoss;
import io.policystreams.policy.loss.TrainingSample;
import io.policystreams.policy.loss.ValueLoss;
import java.util.List;

/**
 * Advantage actor-critic (A2C, Mnih et al. 2016) with GAE(γ, λ): one gradient step on
 * −mean(min(ρ̄, π_θ/μ) Â_t log π_θ(a_t|s_t)) − β·H + c_v·½(V(s_t) − (Â_t + V(s_t)))².
 */
public final class ActorCritic {

    private final TrainingSettings settings;

    public ActorCritic(TrainingSettings settings) {
        this.settings = settings;
    }

    /** Updates model in place from the batch. */
    public UpdateStatistics update(Model model, List<Trajectory> trajectories) {
        Batch batch = new Batch(model, trajectories);
        List<TrainingSample> samples = GaeSamples.build(model, batch, settings, settings.normalizeAdvantages(), true);

        GradientStep.Totals totals = new GradientStep.Totals();
        GradientStep.apply(model, samples, new PolicyGradientLoss(settings.entropyCoefficient())::evaluate,
                new ValueLoss(settings.valueCoefficient()), settings.maxGradNorm(), totals);
        return batch.statistics(totals);
    }
}
