package io.policystreams.policy.algorithm;

import io.policystreams.policy.Trajectory;
import io.policystreams.policy.loss.ImportanceSampling;
import io.policystreams.policy.loss.PolicyGradientLoss;
import io.policystreams.policy.loss.TrainingSample;
import io.policystreams.policy.loss.ValueLoss;
import io.policystreams.policy.returns.DiscountedReturns;
import io.policystreams.policy.returns.PerTimestepBaseline;
import io.policystreams.policy.returns.RunningMeanBaseline;
import java.util.ArrayList;
import java.util.List;

/**
 * REINFORCE with reward-to-go and a baseline (Williams 1992): one gradient step on
 * −mean(c_t (G_t − b(s_t)) log π_θ(a_t|s_t)), c_t = [γ^t] · min(ρ̄, π_θ/μ); a learned V regresses to G_t.
 */
public final class Reinforce {

    private final TrainingSettings settings;
    private final RunningMeanBaseline runningMean;

    /** @param runningMean the baseline's stored state; required for RUNNING_MEAN, ignored otherwise (may be null) */
    public Reinforce(TrainingSettings settings, RunningMeanBaseline runningMean) {
        if (settings.baseline() == TrainingSettings.Baseline.RUNNING_MEAN && runningMean == null) {
            throw new IllegalArgumentException("the RUNNING_MEAN baseline needs its state");
        }
        this.settings = settings;
        this.runningMean = runningMean;
    }

    /** Updates model in place from the batch; folds the batch's returns into the running mean. */
    public UpdateStatistics update(Model model, List<Trajectory> trajectories) {
        if (settings.baseline() == TrainingSettings.Baseline.LEARNED_VALUE && !model.hasValueFunction()) {
            throw new IllegalArgumentException("the LEARNED_VALUE baseline needs a value function");
        }
        Batch batch = new Batch(model, trajectories);

        // Reward-to-go G_t, bootstrapped with V(s_T) on truncation (0 without a value function)
        List<double[]> returns = new ArrayList<>();
        for (Trajectory tau : trajectories) {
            returns.add(DiscountedReturns.rewardToGo(settings.rewardsOf(tau), settings.gamma(),
                    tau.bootstrapValue(model::valueOf)));
        }

        // Ψ_t = G_t − b(s_t)
        double[][] advantages = subtractBaseline(model, batch, returns);
        double[] flat = batch.flatAdvantages(advantages, settings.normalizeAdvantages());

        // Samples with score weights c_t = [γ^t] · min(ρ̄, ρ_t)
        double[][] scoreWeights = new double[trajectories.size()][];
        for (int k = 0; k < trajectories.size(); k++) {
            int length = trajectories.get(k).length();
            double[] discount = DiscountedReturns.discountWeights(length,
                    settings.discountWeighting() ? settings.gamma() : 1.0);
            scoreWeights[k] = new double[length];
            for (int t = 0; t < length; t++) {
                scoreWeights[k][t] = discount[t]
                        * ImportanceSampling.truncated(Math.exp(batch.logRatios[k][t]), settings.rhoBar());
            }
        }
        List<TrainingSample> samples = batch.samples(flat, returns.toArray(double[][]::new), scoreWeights);

        double explainedVariance = batch.explainedVariance(model, samples);

        // One gradient step
        GradientStep.Totals totals = new GradientStep.Totals();
        GradientStep.apply(model, samples, new PolicyGradientLoss(settings.entropyCoefficient())::evaluate,
                new ValueLoss(settings.valueCoefficient()), settings.maxGradNorm(), totals);
        if (settings.baseline() == TrainingSettings.Baseline.RUNNING_MEAN) {
            returns.forEach(runningMean::update);
        }
        return batch.statistics(totals, explainedVariance);
    }

    private double[][] subtractBaseline(Model model, Batch batch, List<double[]> returns) {
        switch (settings.baseline()) {
            case NONE:
                return returns.toArray(new double[0][]);
            case RUNNING_MEAN:
                return returns.stream().map(runningMean::advantages).toArray(double[][]::new);
            case PER_TIMESTEP:
                return PerTimestepBaseline.advantages(returns);
            case LEARNED_VALUE:
                double[][] advantages = new double[returns.size()][];
                for (int k = 0; k < advantages.length; k++) {
                    double[] v = batch.values(model, k);
                    advantages[k] = new double[v.length];
                    for (int t = 0; t < v.length; t++) {
                        advantages[k][t] = returns.get(k)[t] - v[t];
                    }
                }
                return advantages;
            default:
                throw new IllegalStateException("unknown baseline " + settings.baseline());
        }
    }
}
