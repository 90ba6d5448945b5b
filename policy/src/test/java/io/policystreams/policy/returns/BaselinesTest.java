package io.policystreams.policy.returns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BaselinesTest {

    private static final double TOLERANCE = 1e-12;

    @Test
    void runningMeanIsTheMeanOfAllReturnsWithinTheWindow() {
        RunningMeanBaseline baseline = new RunningMeanBaseline(100);
        assertArrayEquals(new double[] {1.0, -2.0}, baseline.advantages(new double[] {1.0, -2.0}), TOLERANCE);

        baseline.update(new double[] {1, 2, 3, 6});

        assertEquals(3.0, baseline.value(), TOLERANCE);
        assertEquals(4, baseline.count());
        assertArrayEquals(new double[] {2.0, -3.0}, baseline.advantages(new double[] {5.0, 0.0}), TOLERANCE);
    }

    @Test
    void runningMeanBecomesAMovingAverageBeyondItsWindow() {
        RunningMeanBaseline baseline = new RunningMeanBaseline(2);
        baseline.update(new double[] {0, 4}); // mean 2
        baseline.update(new double[] {10});   // 2 + (10 − 2)/2

        assertEquals(6.0, baseline.value(), TOLERANCE);
    }

    @Test
    void restoredBaselineContinuesWhereItStopped() {
        RunningMeanBaseline original = new RunningMeanBaseline(10);
        original.update(new double[] {1, 2, 3});
        RunningMeanBaseline restored = RunningMeanBaseline.restore(10, original.value(), original.count());
        original.update(new double[] {7});
        restored.update(new double[] {7});

        assertEquals(original.value(), restored.value(), 0.0);
    }

    @Test
    void perTimestepBaselineIsTheOtherEpisodesMeanWithZeroPadding() {
        List<double[]> rewardsToGo = List.of(new double[] {3, 2, 1}, new double[] {5}, new double[] {1, 4});
        // S_t = (9, 6, 1); b_t^(i) = (S_t − G_t^(i)) / 2
        double[][] advantages = PerTimestepBaseline.advantages(rewardsToGo);

        assertArrayEquals(new double[] {3 - 3, 2 - 2, 1 - 0}, advantages[0], TOLERANCE);
        assertArrayEquals(new double[] {5 - 2}, advantages[1], TOLERANCE);
        assertArrayEquals(new double[] {1 - 4, 4 - 1}, advantages[2], TOLERANCE);
        assertArrayEquals(new double[] {7}, PerTimestepBaseline.advantages(List.of(new double[] {7}))[0], 0.0,
                "one episode has no other: b = 0");
    }

    @Test
    void leavingOneOutIsTheBatchMeanAdvantageScaledByNOverNMinusOne() {
        List<double[]> rewardsToGo = List.of(new double[] {3, 2, 1}, new double[] {5, 1, 0}, new double[] {1, 4, 2},
                new double[] {0, 0, 9});
        int n = rewardsToGo.size();
        double[][] advantages = PerTimestepBaseline.advantages(rewardsToGo);
        for (int t = 0; t < 3; t++) {
            double mean = 0;
            for (double[] g : rewardsToGo) {
                mean += g[t] / n;
            }
            for (int i = 0; i < n; i++) {
                assertEquals((double) n / (n - 1) * (rewardsToGo.get(i)[t] - mean), advantages[i][t], TOLERANCE);
            }
        }
    }

    /**
     * A two-armed bandit, π = softmax(θ), r = (1, 3), batches of N = 2 pulls, every batch enumerated with its
     * probability: E[(1/N) Σ_i ∇log π(a_i) · Ψ_i] equals ∇J = Σ_a π(a) r(a) (e_a − π) exactly with the baseline
     * left one out, and (1 − 1/N) ∇J with the mean over all N pulls.
     */
    @Test
    void theLeaveOneOutBaselineLeavesTheExpectedGradientUnbiased() {
        double[] pi = {Math.exp(0.3) / (Math.exp(0.3) + Math.exp(-0.4)), 0.0};
        pi[1] = 1 - pi[0];
        double[] reward = {1, 3};
        double[] trueGradient = new double[2];
        for (int a = 0; a < 2; a++) {
            for (int k = 0; k < 2; k++) {
                trueGradient[k] += pi[a] * reward[a] * ((a == k ? 1 : 0) - pi[k]);
            }
        }
        double[] expected = new double[2];
        double[] expectedWithOwnReturn = new double[2];
        for (int a1 = 0; a1 < 2; a1++) {
            for (int a2 = 0; a2 < 2; a2++) {
                int[] actions = {a1, a2};
                double probability = pi[a1] * pi[a2];
                double[][] leaveOneOut = PerTimestepBaseline.advantages(List.of(new double[] {reward[a1]},
                        new double[] {reward[a2]}));
                double mean = (reward[a1] + reward[a2]) / 2;
                for (int i = 0; i < 2; i++) {
                    for (int k = 0; k < 2; k++) {
                        double score = (actions[i] == k ? 1 : 0) - pi[k];
                        expected[k] += probability * score * leaveOneOut[i][0] / 2;
                        expectedWithOwnReturn[k] += probability * score * (reward[actions[i]] - mean) / 2;
                    }
                }
            }
        }

        assertArrayEquals(trueGradient, expected, TOLERANCE);
        assertArrayEquals(new double[] {0.5 * trueGradient[0], 0.5 * trueGradient[1]}, expectedWithOwnReturn,
                TOLERANCE);
    }

    @Test
    void normalizedAdvantagesHaveZeroMeanAndUnitVariance() {
        double[] normalized = AdvantageNormalization.normalize(new double[] {1, 2, 3, 4, 10});
        double mean = AdvantageNormalization.mean(normalized);

        assertEquals(0.0, mean, TOLERANCE);
        assertEquals(1.0, AdvantageNormalization.variance(normalized, mean), 1e-7);
    }

    @Test
    void constantAdvantagesNormalizeToZeros() {
        assertArrayEquals(new double[] {0, 0, 0}, AdvantageNormalization.normalize(new double[] {5, 5, 5}), 0.0);
    }

    @Test
    void normalizationIsStableForLargeOffsets() {
        double[] normalized = AdvantageNormalization.normalize(new double[] {1e9 + 1, 1e9 - 1});
        assertArrayEquals(new double[] {1.0, -1.0}, normalized, 1e-7);
    }

    @Test
    void groupRelativeAdvantagesNormalizeWithinEachStartState() {
        double[] returns = {1, 3, 10, 20, 7};
        double[] advantages = GroupRelativeAdvantages.advantages(returns, List.of("a", "a", "b", "b", "c"));

        assertArrayEquals(new double[] {-1, 1, -1, 1, 0}, advantages, 1e-7);
    }

    @Test
    void groupKeysMustCoverEveryEpisode() {
        assertThrows(IllegalArgumentException.class,
                () -> GroupRelativeAdvantages.advantages(new double[] {1, 2}, List.of("a")));
    }
}
