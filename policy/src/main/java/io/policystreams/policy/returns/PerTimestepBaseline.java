package io.policystreams.policy.returns;

import io.policystreams.policy.Preconditions;
import java.util.List;

/**
 * The per-timestep baseline of DeepRM (Mao et al. 2016, §3.2), left one out: episode i's baseline at timestep t is
 * the mean reward-to-go of the batch's other N − 1 episodes, b_t^(i) = (S_t − G_t^(i)) / (N − 1) with
 * S_t = Σ_j G_t^(j) and G_t = 0 past an episode's end (zero padding, as DeepRM's {@code pg_re.py}).
 * Leaving episode i out keeps b independent of its own actions, so E[∇log π · (G − b)] = E[∇log π · G]: the mean
 * over all N episodes would scale the expected gradient by (1 − 1/N) (Kool et al. 2019, "Buy 4 REINFORCE samples,
 * get a baseline for free"). A batch of one episode has no other episode: b = 0.
 */
public final class PerTimestepBaseline {

    private PerTimestepBaseline() {
    }

    /** S_t = Σ_j G_t^(j), t up to the longest episode. Not modified: rewardsToGo. */
    static double[] sums(List<double[]> rewardsToGo) {
        if (rewardsToGo.isEmpty()) {
            throw new IllegalArgumentException("the batch must hold at least one episode");
        }
        int longest = 0;
        for (double[] g : rewardsToGo) {
            Preconditions.requireFiniteNonEmpty("rewardsToGo", g);
            longest = Math.max(longest, g.length);
        }
        double[] sums = new double[longest];
        for (double[] g : rewardsToGo) {
            for (int t = 0; t < g.length; t++) {
                sums[t] += g[t];
            }
        }
        return sums;
    }

    /** G_t^(i) − b_t^(i) for every episode i, b left one out. Not modified: rewardsToGo. */
    public static double[][] advantages(List<double[]> rewardsToGo) {
        double[] sums = sums(rewardsToGo);
        int others = rewardsToGo.size() - 1;
        double[][] advantages = new double[rewardsToGo.size()][];
        for (int i = 0; i < advantages.length; i++) {
            double[] g = rewardsToGo.get(i);
            advantages[i] = new double[g.length];
            for (int t = 0; t < g.length; t++) {
                double baseline = others == 0 ? 0.0 : (sums[t] - g[t]) / others;
                advantages[i][t] = g[t] - baseline;
            }
        }
        return advantages;
    }
}
