package io.policystreams.policy.returns;

import io.policystreams.policy.Preconditions;
import java.util.List;

/**
 * b_t = (1/N) Σ_i G_t^(i), the mean reward-to-go at timestep t over the N episodes of a batch, with G_t = 0
 * past an episode's end (zero padding, as DeepRM's {@code pg_re.py}; Mao et al. 2016, §3.2).
 */
public final class PerTimestepBaseline {

    private PerTimestepBaseline() {
    }

    /** b_t for t up to the longest episode. Not modified: rewardsToGo. */
    public static double[] baseline(List<double[]> rewardsToGo) {
        if (rewardsToGo.isEmpty()) {
            throw new IllegalArgumentException("the batch must hold at least one episode");
        }
        int longest = 0;
        for (double[] g : rewardsToGo) {
            Preconditions.requireFiniteNonEmpty("rewardsToGo", g);
            longest = Math.max(longest, g.length);
        }
        double[] b = new double[longest];
        for (double[] g : rewardsToGo) {
            for (int t = 0; t < g.length; t++) {
                b[t] += g[t];
            }
        }
        for (int t = 0; t < longest; t++) {
            b[t] /= rewardsToGo.size();
        }
        return b;
    }

    /** G_t^(i) − b_t for every episode i. Not modified: rewardsToGo. */
    public static double[][] advantages(List<double[]> rewardsToGo) {
        double[] b = baseline(rewardsToGo);
        double[][] advantages = new double[rewardsToGo.size()][];
        for (int i = 0; i < advantages.length; i++) {
            double[] g = rewardsToGo.get(i);
            advantages[i] = new double[g.length];
            for (int t = 0; t < g.length; t++) {
                advantages[i][t] = g[t] - b[t];
            }
        }
        return advantages;
    }
}
