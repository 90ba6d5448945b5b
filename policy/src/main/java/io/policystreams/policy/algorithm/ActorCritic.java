package io.policystreams.policy.algorithm;

import io.policystreams.policy.Trajectory;
import io.policystreams.policy.loss.PolicyGradientLoss;
import io.policystreams.policy.loss.TrainingSample;
import io.policystreams.policy.loss.VTrace;
import io.policystreams.policy.loss.ValueLoss;
import java.util.List;

/**
 * Advantage actor-critic (A2C, Mnih et al. 2016) corrected off-policy by V-trace(λ) (Espeholt et al. 2018): one
 * gradient step on −mean(ρ_t Â_t log π_θ(a_t|s_t)) − β·H + c_v·½(V(s_t) − v_t)², with ρ_t = min(ρ̄, π_θ/μ),
 * v_t the V-trace targets and Â_t its advantages; on-policy these are GAE(γ, λ) and the λ-returns.
 */
public final class ActorCritic {

    private final TrainingSettings settings;

    public ActorCritic(TrainingSettings settings) {
        this.settings = settings;
    }

    /** Updates model in place from the batch. */
    public UpdateStatistics update(Model model, List<Trajectory> trajectories) {
        if (!model.hasValueFunction()) {
            throw new IllegalArgumentException("actor-critic needs a value function");
        }
        Batch batch = new Batch(model, trajectories);

        // V-trace targets v_t, advantages Â_t and weights ρ_t, from V before the update
        int episodes = trajectories.size();
        VTrace.Result[] traces = new VTrace.Result[episodes];
        double[][] advantages = new double[episodes][];
        for (int k = 0; k < episodes; k++) {
            Trajectory tau = trajectories.get(k);
            traces[k] = VTrace.compute(settings.rewardsOf(tau), batch.values(model, k),
                    tau.bootstrapValue(model::valueOf), batch.logRatios[k], settings.gamma(), settings.lambda(),
                    settings.rhoBar(), settings.cBar());
            advantages[k] = traces[k].advantages();
        }
        double[] flat = batch.flatAdvantages(advantages, settings.normalizeAdvantages());
        double[][] targets = new double[episodes][];
        double[][] scoreWeights = new double[episodes][];
        for (int k = 0; k < episodes; k++) {
            targets[k] = traces[k].targets();
            scoreWeights[k] = traces[k].rhos();
        }
        List<TrainingSample> samples = batch.samples(flat, targets, scoreWeights);

        double explainedVariance = batch.explainedVariance(model, samples);

        // One gradient step
        GradientStep.Totals totals = new GradientStep.Totals();
        GradientStep.apply(model, samples, new PolicyGradientLoss(settings.entropyCoefficient())::evaluate,
                new ValueLoss(settings.valueCoefficient()), settings.maxGradNorm(), totals);
        return batch.statistics(totals, explainedVariance);
    }
}
