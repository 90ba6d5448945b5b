package io.policystreams.policy.algorithm;

import io.policystreams.policy.Trajectory;
import io.policystreams.policy.loss.ImportanceSampling;
import java.util.List;

/** A batch of trajectories with what every algorithm measures on it before updating. */
final class Batch {

    final List<Trajectory> trajectories;
    final int steps;
    /** log π_θ(a_t|s_t) − log μ(a_t|s_t) per trajectory and step, at θ before the update. */
    final double[][] logRatios;

    Batch(Model model, List<Trajectory> trajectories) {
        if (trajectories.isEmpty()) {
            throw new IllegalArgumentException("an update needs at least one trajectory");
        }
        this.trajectories = trajectories;
        this.logRatios = new double[trajectories.size()][];
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

    /** V_φ(s_0..s_{T−1}) of trajectory k (zeros without a value function). */
    double[] values(Model model, int k) {
        Trajectory tau = trajectories.get(k);
        double[] v = new double[tau.length()];
        for (int t = 0; t < v.length; t++) {
            v[t] = model.valueOf(tau.observation(t));
        }
        return v;
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

    /** Statistics of the batch, with the losses the gradient steps reported. */
    UpdateStatistics statistics(GradientStep.Totals totals) {
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
                totals.meanGradientNorm(), ratioSum / steps, ImportanceSampling.effectiveSampleSize(ratios));
    }
}
