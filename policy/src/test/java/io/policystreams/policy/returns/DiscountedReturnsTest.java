package io.policystreams.policy.returns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.policystreams.policy.Trajectory;
import io.policystreams.policy.distribution.Action;
import io.policystreams.policy.distribution.ActionMask;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DiscountedReturnsTest {

    private static final double TOLERANCE = 1e-12;

    @Test
    void unitRewardsWithHalfDiscountOverThreeSteps() {
        assertArrayEquals(new double[] {1.75, 1.5, 1.0},
                DiscountedReturns.rewardToGo(new double[] {1, 1, 1}, 0.5, 0.0), TOLERANCE);
    }

    @Test
    void zeroDiscountLeavesTheImmediateReward() {
        double[] r = {3, -1, 2};
        assertArrayEquals(r, DiscountedReturns.rewardToGo(r, 0.0, 10.0), TOLERANCE);
    }

    @Test
    void undiscountedReturnsAreSuffixSums() {
        assertArrayEquals(new double[] {4, 1, 2}, DiscountedReturns.rewardToGo(new double[] {3, -1, 2}, 1.0, 0.0),
                TOLERANCE);
    }

    @Test
    void lengthOneEpisodeReturnsItsRewardPlusDiscountedBootstrap() {
        assertArrayEquals(new double[] {2.0 + 0.9 * 5.0},
                DiscountedReturns.rewardToGo(new double[] {2.0}, 0.9, 5.0), TOLERANCE);
    }

    @Test
    void recursiveReturnsEqualTheDirectSums() {
        Random rng = new Random(20261122L);
        double[] r = new double[50];
        for (int t = 0; t < r.length; t++) {
            r[t] = rng.nextGaussian();
        }
        double gamma = 0.97;
        double bootstrap = 1.3;
        double[] g = DiscountedReturns.rewardToGo(r, gamma, bootstrap);
        for (int t = 0; t < r.length; t++) {
            double direct = 0;
            for (int k = t; k < r.length; k++) {
                direct += Math.pow(gamma, k - t) * r[k];
            }
            direct += Math.pow(gamma, r.length - t) * bootstrap;
            assertEquals(direct, g[t], 1e-9, "G_" + t);
        }
        assertEquals(DiscountedReturns.rewardToGo(r, gamma, 0.0)[0], DiscountedReturns.episodeReturn(r, gamma));
    }

    @Test
    void terminatedEpisodesBootstrapWithZeroAndTruncatedOnesWithTheValueOfTheLastState() {
        double[][] s = {{0.0}, {1.0}};
        Action[] a = {Action.discrete(0), Action.discrete(1)};
        double[] r = {1.0, 1.0};
        double[] logMu = {-0.7, -0.7};
        Trajectory terminated = new Trajectory(s, a, r, logMu, true, null);
        Trajectory truncated = new Trajectory(s, a, r, logMu, false, new double[] {2.0});

        assertEquals(0.0, terminated.bootstrapValue(obs -> 100.0));
        assertEquals(20.0, truncated.bootstrapValue(obs -> 10.0 * obs[0]));
        assertArrayEquals(new double[] {1 + 0.5 + 0.25 * 20, 1 + 0.5 * 20},
                DiscountedReturns.rewardToGo(r, 0.5, truncated.bootstrapValue(obs -> 10.0 * obs[0])), TOLERANCE);
    }

    @Test
    void aTruncatedTrajectoryNeedsItsFinalObservation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trajectory(
                new double[][] {{0.0}}, new Action[] {Action.discrete(0)}, new double[] {1.0},
                new double[] {-0.1}, false, null));
        assertEquals("a truncated episode needs its final observation s_T", e.getMessage());
    }

    @Test
    void aTrajectoryRejectsAnActionItsMaskDidNotAllow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trajectory(
                new double[][] {{0.0}}, new Action[] {Action.discrete(1)}, new double[] {1.0},
                new double[] {-0.1}, true, null,
                new ActionMask[] {ActionMask.of(true, false)}));
        assertEquals("actions[0] = 1 is not allowed by ActionMask[10]", e.getMessage());
    }

    @Test
    void discountWeightsArePowersOfGamma() {
        assertArrayEquals(new double[] {1, 0.5, 0.25, 0.125}, DiscountedReturns.discountWeights(4, 0.5), 0.0);
    }

    @Test
    void rejectsDiscountOutsideTheUnitIntervalEmptyEpisodesAndNaN() {
        IllegalArgumentException gamma = assertThrows(IllegalArgumentException.class,
                () -> DiscountedReturns.rewardToGo(new double[] {1}, 1.01, 0.0));
        assertEquals("gamma must be in [0, 1], was 1.01", gamma.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DiscountedReturns.rewardToGo(new double[] {1}, -0.1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> DiscountedReturns.rewardToGo(new double[] {1}, Double.NaN, 0));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> DiscountedReturns.rewardToGo(new double[0], 0.9, 0));
        assertEquals("rewards must not be empty", empty.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> DiscountedReturns.rewardToGo(new double[] {1, Double.NaN}, 0.9, 0));
        assertEquals("rewards[1] must be finite, was NaN", nan.getMessage());
    }
}
