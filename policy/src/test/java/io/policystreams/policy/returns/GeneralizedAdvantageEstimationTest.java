package io.policystreams.policy.returns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GeneralizedAdvantageEstimationTest {

    private static final double TOLERANCE = 1e-12;
    private final Random rng = new Random(20261122L);

    @Test
    void tdErrorsMatchAHandWorkedCase() {
        double[] r = {1, 0, 2};
        double[] v = {0.5, 1.0, -1.0};
        // δ_0 = 1 + 0.9·1 − 0.5; δ_1 = 0 + 0.9·(−1) − 1; δ_2 = 2 + 0.9·4 − (−1) (truncated, V(s_T) = 4)
        assertArrayEquals(new double[] {1.4, -1.9, 6.6}, TemporalDifference.errors(r, v, 4.0, 0.9), TOLERANCE);
    }

    @Test
    void gaeMatchesAHandWorkedCase() {
        double[] r = {1, 0, 2};
        double[] v = {0.5, 1.0, -1.0};
        double gamma = 0.9;
        double lambda = 0.5;
        double a2 = 2 + 0 + 1.0; // terminated: δ_2 = 2 + 0 − (−1) = 3
        double a1 = -1.9 + gamma * lambda * a2;
        double a0 = 1.4 + gamma * lambda * a1;

        assertArrayEquals(new double[] {a0, a1, a2},
                GeneralizedAdvantageEstimation.advantages(r, v, 0.0, gamma, lambda), TOLERANCE);
    }

    @Test
    void lambdaZeroGivesTheTdErrors() {
        double[] r = randomVector(20);
        double[] v = randomVector(20);

        assertArrayEquals(TemporalDifference.errors(r, v, 0.7, 0.95),
                GeneralizedAdvantageEstimation.advantages(r, v, 0.7, 0.95, 0.0), TOLERANCE);
    }

    @Test
    void lambdaOneGivesRewardToGoMinusValue() {
        double[] r = randomVector(20);
        double[] v = randomVector(20);
        double[] g = DiscountedReturns.rewardToGo(r, 0.95, 0.7);
        double[] advantage = GeneralizedAdvantageEstimation.advantages(r, v, 0.7, 0.95, 1.0);
        for (int t = 0; t < r.length; t++) {
            assertEquals(g[t] - v[t], advantage[t], 1e-10);
        }
    }

    @Test
    void recursiveGaeEqualsTheDirectSumOfDiscountedTdErrors() {
        double[] r = randomVector(30);
        double[] v = randomVector(30);
        double gamma = 0.99;
        double lambda = 0.95;
        double[] delta = TemporalDifference.errors(r, v, -0.4, gamma);
        double[] advantage = GeneralizedAdvantageEstimation.advantages(r, v, -0.4, gamma, lambda);
        for (int t = 0; t < r.length; t++) {
            double direct = 0;
            for (int l = 0; t + l < r.length; l++) {
                direct += Math.pow(gamma * lambda, l) * delta[t + l];
            }
            assertEquals(direct, advantage[t], 1e-10, "Â_" + t);
        }
    }

    @Test
    void lambdaReturnsAddTheValuesBack() {
        assertArrayEquals(new double[] {1.5, 0.0},
                GeneralizedAdvantageEstimation.lambdaReturns(new double[] {1.0, -1.0}, new double[] {0.5, 1.0}),
                TOLERANCE);
    }

    @Test
    void rejectsLambdaOutsideTheUnitIntervalAndMismatchedValues() {
        IllegalArgumentException lambda = assertThrows(IllegalArgumentException.class,
                () -> GeneralizedAdvantageEstimation.advantages(new double[] {1}, new double[] {0}, 0, 0.9, 1.5));
        assertEquals("lambda must be in [0, 1], was 1.5", lambda.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> TemporalDifference.errors(new double[] {1, 2}, new double[] {0}, 0, 0.9));
    }

    private double[] randomVector(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }
}
