package io.policystreams.policy.algorithm;

import io.policystreams.policy.Trajectory;
import io.policystreams.policy.evaluation.ExplainedVariance;
import io.policystreams.policy.loss.ImportanceSampling;
import io.policystreams.policy.loss.TrainingSample;
import io.policystreams.policy.returns.AdvantageNormalization;
import java.util.ArrayList;
import java.util.List;

/** A batch of trajectories with what every algorithm measures on it before updating. */
final class Batch {

    final List<Trajectory> trajectories;
    final int steps;
    /** log π_θ(a_t|s_t) − log μ(a_t|s_t) per trajectory and step, at θ before the update. */
    final double[][] logRatios;
    /** V_φ per trajectory and step before the update, each trajectory's computed on first use ({@link #values}). */
    private final double[][] values;

    Batch(Model model, List<Trajectory> trajectories) {
        if (trajectories.isEmpty()) {
            throw new IllegalArgumentException("an update needs at least one trajectory");
        }
        this.trajectories = trajectories;
        this.logRatios = new double[trajectories.size()][];
        this.values = new double[trajectories.size()][];
        int total = 0;
        for (int k = 0; k < trajectories.size(); k++) {
            Trajectory tau = trajectories.get(k);
            logRatios[k] = new double[tau.length()];
            for (int t = 0; t < tau.length(); t++) {
                double logPi = model.policy().logProb(model.theta(), tau.observation(t), tau.actionMask(t),
                        tau.action(t));
                logRatios[k][t] = logPi - tau.behaviourLogProbs()[t];
            }
            total += tau.length();
        }
        this.steps = total;
    }

    /**
     * V_φ(s_0..s_{T−1}) of trajectory k (zeros without a value function), computed once: every caller asks before
     * the update's first gradient step, so the advantages, targets and explained variance share one forward pass.
     * Not to be modified.
     */
    double[] values(Model model, int k) {
        if (values[k] == null) {
            Trajectory tau = trajectories.get(k);
            double[] v = new double[tau.length()];
            for (int t = 0; t < v.length; t++) {
                v[t] = model.valueOf(tau.observation(t));
            }
            values[k] = v;
        }
        return values[k];
    }

    /** Ψ of every trajectory in batch order ({@link #flatten}), standardised over the batch when asked to. */
    double[] flatAdvantages(double[][] perTrajectory, boolean normalize) {
        double[] flat = flatten(perTrajectory);
        return normalize && flat.length > 1 ? AdvantageNormalization.normalize(flat) : flat;
    }

    /** Per-trajectory values in batch order, as one array of {@link #steps} entries. */
    double[] flatten(double[][] perTrajectory) {
        double[] flat = new double[steps];
        int i = 0;
        for (double[] row : perTrajectory) {
            System.arraycopy(row, 0, flat, i, row.length);
            i += row.length;
        }
        return flat;
    }

    /**
     * The one place steps become samples: step t of trajectory k, in batch order, with Ψ from {@code advantages}
     * (flat, as {@link #flatten} lays them out), its value target and its score weight ({@code scoreWeights} null:
     * 1 for every step).
     */
    List<TrainingSample> samples(double[] advantages, double[][] valueTargets, double[][] scoreWeights) {
        List<TrainingSample> samples = new ArrayList<>(steps);
        int i = 0;
        for (int k = 0; k < trajectories.size(); k++) {
            Trajectory tau = trajectories.get(k);
            for (int t = 0; t < tau.length(); t++) {
                samples.add(new TrainingSample(tau.observation(t), tau.action(t), tau.behaviourLogProbs()[t],
                        advantages[i++], valueTargets[k][t], scoreWeights == null ? 1.0 : scoreWeights[k][t],
                        tau.actionMask(t)));
            }
        }
        return samples;
    }

    /**
     * How well V(s) before the update ({@link #values}) fits the value targets of {@code samples}, which are in batch
     * order ({@link #samples}); NaN without a value function. Call it before the update.
     */
    double explainedVariance(Model model, List<TrainingSample> samples) {
        if (!model.hasValueFunction()) {
            return Double.NaN;
        }
        double[][] before = new double[trajectories.size()][];
        for (int k = 0; k < before.length; k++) {
            before[k] = values(model, k);
        }
        return ExplainedVariance.of(samples.stream().mapToDouble(TrainingSample::valueTarget).toArray(),
                flatten(before));
    }

    /**
     * Statistics of the batch, with the losses the gradient steps reported and the value function's explained
     * variance before the update.
     */
    UpdateStatistics statistics(GradientStep.Totals totals, double explainedVariance) {
        double returnSum = 0.0;
        double maxReturn = Double.NEGATIVE_INFINITY;
        double[] ratios = new double[steps];
        int i = 0;
        for (int k = 0; k < trajectories.size(); k++) {
            double r = trajectories.get(k).undiscountedReturn();
            returnSum += r;
            maxReturn = Math.max(maxReturn, r);
            for (double logRatio : logRatios[k]) {
                ratios[i++] = Math.exp(logRatio);
            }
        }
        double ratioSum = 0.0;
        for (double rho : ratios) {
            ratioSum += rho;
        }
        return new UpdateStatistics(trajectories.size(), steps, returnSum / trajectories.size(), maxReturn,
                totals.meanPolicyLoss(), totals.meanValueLoss(), totals.meanEntropy(), totals.lastApproxKl(),
                totals.meanGradientNorm(), ratioSum / steps, ImportanceSampling.effectiveSampleSize(ratios),
                totals.meanClipFraction(), explainedVariance);
    }
}
