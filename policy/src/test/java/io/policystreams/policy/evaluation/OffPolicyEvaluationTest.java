package io.policystreams.policy.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OffPolicyEvaluationTest {

    private static final double TOLERANCE = 1e-12;
    private static final double LOG_HALF = Math.log(0.5);

    /** γ = 0.5, r = (1, 2, 4), ρ = (2, 0.5, 3): 1·2·1 + 0.5·1·2 + 0.25·3·4 = 2 + 1 + 3 = 6. */
    @Test
    void perDecisionWeightsEachRewardByTheRatiosUpToIt() {
        LoggedEpisode episode = new LoggedEpisode(new double[] {1, 2, 4},
                new double[] {Math.log(2), Math.log(0.5), Math.log(3)});

        OffPolicyEvaluation.Estimate estimate = OffPolicyEvaluation.perDecision(List.of(episode), 0.5);

        assertEquals(6.0, estimate.value(), TOLERANCE);
        assertEquals(1, estimate.episodes());
    }

    /** Full weights (2·0.5, 4) = (1, 4), returns G = (3, 8): WIS = (3 + 32) / 5 = 7. */
    @Test
    void weightedIsTheWeightedMeanOfTheReturns() {
        List<LoggedEpisode> episodes = List.of(
                new LoggedEpisode(new double[] {1, 2}, new double[] {Math.log(2), Math.log(0.5)}),
                new LoggedEpisode(new double[] {8}, new double[] {Math.log(4)}));

        OffPolicyEvaluation.Estimate estimate = OffPolicyEvaluation.weighted(episodes, 1.0, 200, new Random(1));

        assertEquals(7.0, estimate.value(), TOLERANCE);
        assertEquals(25.0 / 17.0, estimate.effectiveSampleSize(), TOLERANCE); // (1 + 4)² / (1 + 16)
        assertTrue(estimate.lower() >= 3.0 && estimate.upper() <= 8.0);
    }

    @Test
    void onPolicyBothAreTheMeanDiscountedReturn() {
        List<LoggedEpisode> episodes = List.of(
                new LoggedEpisode(new double[] {1, 1}, new double[2]),
                new LoggedEpisode(new double[] {3}, new double[1]));

        assertEquals((1.9 + 3.0) / 2, OffPolicyEvaluation.perDecision(episodes, 0.9).value(), TOLERANCE);
        assertEquals((1.9 + 3.0) / 2, OffPolicyEvaluation.weighted(episodes, 0.9, 10, new Random(1)).value(),
                TOLERANCE);
        assertEquals(2.0, OffPolicyEvaluation.perDecision(episodes, 0.9).effectiveSampleSize(), TOLERANCE);
    }

    @Test
    void longEpisodesDoNotOverflowTheWeights() {
        double[] logRatios = new double[2000];
        java.util.Arrays.fill(logRatios, Math.log(2));
        List<LoggedEpisode> episodes = List.of(new LoggedEpisode(new double[2000], logRatios),
                new LoggedEpisode(new double[2000], new double[2000]));

        OffPolicyEvaluation.Estimate estimate = OffPolicyEvaluation.weighted(episodes, 1.0, 10, new Random(1));

        assertEquals(0.0, estimate.value(), TOLERANCE);
        assertEquals(1.0, estimate.effectiveSampleSize(), TOLERANCE);
    }

    @Test
    void rejectsAnEmptyLog() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OffPolicyEvaluation.perDecision(List.of(), 0.9));
        assertEquals("off-policy evaluation needs at least one logged episode", e.getMessage());
    }

    /**
     * Two-armed bandit, arm rewards Bernoulli(0.3) and Bernoulli(0.7), logged under the uniform μ. The candidate
     * π = (0.8, 0.2) has J(π) = 0.8·0.3 + 0.2·0.7 = 0.38. Over 200 logs of 300 episodes, both 95% intervals cover
     * the truth about 95% of the time, and the estimates are centred on it.
     */
    @Test
    void banditEstimatesCoverTheTrueValue() {
        double[] pi = {0.8, 0.2};
        double[] armMean = {0.3, 0.7};
        double truth = 0.38;
        Random random = new Random(42);
        int logs = 200;
        int pdisCovered = 0;
        int wisCovered = 0;
        double pdisSum = 0.0;
        double wisSum = 0.0;
        for (int log = 0; log < logs; log++) {
            List<LoggedEpisode> episodes = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                int arm = random.nextInt(2);
                double reward = random.nextDouble() < armMean[arm] ? 1.0 : 0.0;
                episodes.add(new LoggedEpisode(new double[] {reward}, new double[] {Math.log(pi[arm]) - LOG_HALF}));
            }
            OffPolicyEvaluation.Estimate pdis = OffPolicyEvaluation.perDecision(episodes, 1.0);
            OffPolicyEvaluation.Estimate wis = OffPolicyEvaluation.weighted(episodes, 1.0, 400, random);
            pdisCovered += pdis.lower() <= truth && truth <= pdis.upper() ? 1 : 0;
            wisCovered += wis.lower() <= truth && truth <= wis.upper() ? 1 : 0;
            pdisSum += pdis.value();
            wisSum += wis.value();
        }
        assertEquals(truth, pdisSum / logs, 0.01);
        assertEquals(truth, wisSum / logs, 0.01);
        assertTrue(pdisCovered >= 0.88 * logs && pdisCovered <= 0.99 * logs, "PDIS coverage " + pdisCovered);
        assertTrue(wisCovered >= 0.88 * logs && wisCovered <= 0.99 * logs, "WIS coverage " + wisCovered);
    }

    /**
     * A three-step chain MDP: states 0..2, actions left/right; right from state s gives reward s + 1 and moves to
     * min(s + 1, 2), left gives 0 and moves to max(s − 1, 0); the episode ends after 3 steps. μ goes right with 0.5
     * everywhere, π with 0.9. J(π) is computed exactly by enumerating all 8 action sequences; the estimators, on
     * 20,000 logged episodes, land within three standard errors of it (1.5 half-widths of the 95% interval; the
     * bandit test checks the 95% coverage itself) and the intervals are tight.
     */
    @Test
    void smallMdpEstimatesMatchTheExactValue() {
        double gamma = 0.9;
        double piRight = 0.9;
        double muRight = 0.5;
        double truth = exactValue(piRight, gamma);
        Random random = new Random(7);
        List<LoggedEpisode> episodes = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            int state = 0;
            double[] rewards = new double[3];
            double[] logRatios = new double[3];
            for (int t = 0; t < 3; t++) {
                boolean right = random.nextDouble() < muRight;
                rewards[t] = right ? state + 1 : 0.0;
                logRatios[t] = right ? Math.log(piRight / muRight) : Math.log((1 - piRight) / (1 - muRight));
                state = right ? Math.min(state + 1, 2) : Math.max(state - 1, 0);
            }
            episodes.add(new LoggedEpisode(rewards, logRatios));
        }

        OffPolicyEvaluation.Estimate pdis = OffPolicyEvaluation.perDecision(episodes, gamma);
        OffPolicyEvaluation.Estimate wis = OffPolicyEvaluation.weighted(episodes, gamma, 500, new Random(3));

        assertEquals(truth, pdis.value(), 1.5 * (pdis.upper() - pdis.lower()) / 2, pdis.toString());
        assertEquals(truth, wis.value(), 1.5 * (wis.upper() - wis.lower()) / 2, wis.toString());
        assertTrue(pdis.upper() - pdis.lower() < 0.25, "PDIS interval " + pdis);
        assertTrue(wis.upper() - wis.lower() < 0.25, "WIS interval " + wis);
    }

    /** J(π) = Σ over the 2³ action sequences of P_π(sequence) · Σ_t γ^t r_t. */
    private static double exactValue(double piRight, double gamma) {
        double value = 0.0;
        for (int actions = 0; actions < 8; actions++) {
            int state = 0;
            double probability = 1.0;
            double discountedReturn = 0.0;
            for (int t = 0; t < 3; t++) {
                boolean right = ((actions >> t) & 1) == 1;
                probability *= right ? piRight : 1 - piRight;
                discountedReturn += Math.pow(gamma, t) * (right ? state + 1 : 0.0);
                state = right ? Math.min(state + 1, 2) : Math.max(state - 1, 0);
            }
            value += probability * discountedReturn;
        }
        return value;
    }

    @Test
    void percentileInterpolatesBetweenOrderStatistics() {
        double[] sorted = {1, 2, 3, 4, 5};
        assertEquals(1.0, OffPolicyEvaluation.percentile(sorted, 0.0), TOLERANCE);
        assertEquals(3.0, OffPolicyEvaluation.percentile(sorted, 0.5), TOLERANCE);
        assertEquals(4.6, OffPolicyEvaluation.percentile(sorted, 0.9), TOLERANCE);
    }
}
