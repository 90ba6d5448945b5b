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
    void perTimestepBaselineAveragesOverEpisodesWithZeroPadding() {
        List<double[]> rewardsToGo = List.of(new double[] {3, 2, 1}, new double[] {5});
        assertArrayEquals(new double[] {4, 1, 0.5}, PerTimestepBaseline.baseline(rewardsToGo), TOLERANCE);

        double[][] advantages = PerTimestepBaseline.advantages(rewardsToGo);
        assertArrayEquals(new double[] {-1, 1, 0.5}, advantages[0], TOLERANCE);
        assertArrayEquals(new double[] {1}, advantages[1], TOLERANCE);
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
