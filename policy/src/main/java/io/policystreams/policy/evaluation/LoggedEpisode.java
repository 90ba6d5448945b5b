package io.policystreams.policy.evaluation;

import io.policystreams.policy.Preconditions;

/**
 * One logged episode as an off-policy estimator sees it.
 *
 * @param rewards   r_0..r_{T−1}, not copied
 * @param logRatios log π(a_t|s_t) − log μ(a_t|s_t): the candidate policy π against the behaviour μ that acted
 */
public record LoggedEpisode(double[] rewards, double[] logRatios) {

    public LoggedEpisode {
        Preconditions.requireFiniteNonEmpty("rewards", rewards);
        Preconditions.requireFinite("logRatios", Preconditions.requireLength("logRatios", logRatios, rewards.length));
    }

    public int length() {
        return rewards.length;
    }
}
