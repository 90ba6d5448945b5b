package io.policystreams.policy.evaluation;

import io.policystreams.policy.Preconditions;
import io.policystreams.policy.loss.ImportanceSampling;
import io.policystreams.policy.returns.DiscountedReturns;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Off-policy estimates of a candidate policy's value J(π) = E_π[Σ_t γ^t r_t] from episodes logged under μ
 * (Precup, Sutton and Singh 2000; Sutton and Barto 2018, §5.5 and §5.9), with 95% confidence intervals.
 */
public final class OffPolicyEvaluation {

    /** Two-sided 95% quantile of the standard normal. */

    /**
     * @param value               the estimate of J(π)
     * @param lower               lower end of the 95% interval
     * @param upper               upper end of the 95% interval
     * @param episodes            logged episodes used
     * @param effectiveSampleSize Kish's (Σ w_i)² / Σ w_i² of the episodes' full weights w_i = Π_t ρ_t
     */
    public record Estimate(double value, double lower, double upper, int episodes, double effectiveSampleSize) {
    }

    private OffPolicyEvaluation() {
    }

    /**
     * Per-decision importance sampling: the mean over episodes of Σ_t γ^t (Π_{k≤t} ρ_k) r_t, unbiased, with its
     * Student-t 95% interval ({@link MeanInterval}); unbounded from one episode.
     */
    public static Estimate perDecision(List<LoggedEpisode> episodes, double gamma) {
        requireEpisodes(episodes, gamma);
        int n = episodes.size();
        double[] perEpisode = new double[n];
        for (int i = 0; i < n; i++) {
            LoggedEpisode episode = episodes.get(i);
            double logWeight = 0.0;
            double discount = 1.0;
            double sum = 0.0;
            for (int t = 0; t < episode.length(); t++) {
                logWeight += episode.logRatios()[t];
                sum += discount * Math.exp(logWeight) * episode.rewards()[t];
                discount *= gamma;
            }
            perEpisode[i] = sum;
        }
        if (n == 1) {
            return new Estimate(perEpisode[0], Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1,
                    effectiveSampleSize(episodes));
        }
        MeanInterval interval = MeanInterval.of(perEpisode);
        return new Estimate(interval.mean(), interval.lower(), interval.upper(), n, effectiveSampleSize(episodes));
    }

    /**
     * Weighted importance sampling: Σ_i w_i G_i / Σ_i w_i with w_i = Π_t ρ_t and G_i = Σ_t γ^t r_t; biased but
     * consistent, with lower variance. The interval is the bootstrap percentile interval over {@code resamples}
     * resamples of the episodes, drawn from {@code random}.
     */
    public static Estimate weighted(List<LoggedEpisode> episodes, double gamma, int resamples, Random random) {
        requireEpisodes(episodes, gamma);
        Preconditions.requireAtLeast("resamples", resamples, 1);
        int n = episodes.size();
        double[] weights = normalisedWeights(episodes);
        double[] returns = new double[n];
        for (int i = 0; i < n; i++) {
            returns[i] = DiscountedReturns.episodeReturn(episodes.get(i).rewards(), gamma);
        }
        double value = weightedMean(weights, returns, null);
        double[] replicates = new double[resamples];
        int[] draw = new int[n];
        for (int b = 0; b < resamples; b++) {
            for (int j = 0; j < n; j++) {
                draw[j] = random.nextInt(n);
            }
            replicates[b] = weightedMean(weights, returns, draw);
        }
        Arrays.sort(replicates);
        return new Estimate(value, percentile(replicates, 0.025), percentile(replicates, 0.975), n,
                effectiveSampleSize(episodes));
    }

    /** Σ w_i G_i / Σ w_i over the indices drawn (all when draw is null); a draw with no weight gives its mean G. */
    private static double weightedMean(double[] weights, double[] returns, int[] draw) {
        int n = draw == null ? weights.length : draw.length;
        double weightSum = 0.0;
        double weightedSum = 0.0;
        double plainSum = 0.0;
        for (int j = 0; j < n; j++) {
            int i = draw == null ? j : draw[j];
            weightSum += weights[i];
            weightedSum += weights[i] * returns[i];
            plainSum += returns[i];
        }
        return weightSum > 0.0 ? weightedSum / weightSum : plainSum / n;
    }

    /** w_i / max_j w_j, computed in log space so long episodes do not overflow; the ratio estimators ignore it. */
    private static double[] normalisedWeights(List<LoggedEpisode> episodes) {
        double[] logWeights = new double[episodes.size()];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logWeights.length; i++) {
            for (double logRatio : episodes.get(i).logRatios()) {
                logWeights[i] += logRatio;
            }
            max = Math.max(max, logWeights[i]);
        }
        double[] weights = new double[logWeights.length];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = Math.exp(logWeights[i] - max);
        }
        return weights;
    }

    private static double effectiveSampleSize(List<LoggedEpisode> episodes) {
        return ImportanceSampling.effectiveSampleSize(normalisedWeights(episodes));
    }

    /** Linear interpolation between order statistics (type 7 of Hyndman and Fan). Not modified: sorted. */
    static double percentile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static void requireEpisodes(List<LoggedEpisode> episodes, double gamma) {
        if (episodes == null || episodes.isEmpty()) {
            throw new IllegalArgumentException("off-policy evaluation needs at least one logged episode");
        }
        Preconditions.requireDiscount(gamma);
    }
}
